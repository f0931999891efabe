/**
 * The runner as its own process, for the kill test: follows the log live until SIGKILLed. Started with
 * `node --import tsx --conditions=@rooftop/source test/kill-child.ts`, database in ROOFTOP_KILL_TEST_DB.
 */
import { PostgresEventStore } from '@rooftop/eventstore-postgres';
import { ProjectionRunner } from '@rooftop/projections-postgres';
import pg from 'pg';
import { dailyTotals } from './daily-totals.projection.js';

const url = process.env.ROOFTOP_KILL_TEST_DB;
if (!url) throw new Error('ROOFTOP_KILL_TEST_DB is not set');

const pool = new pg.Pool({ connectionString: url, max: 4 });
pool.on('error', () => undefined);
const store = new PostgresEventStore({ pool, pollIntervalMs: 50 });
// Small batches: many transactions per second, so a kill lands mid-batch as often as between batches.
const runner = new ProjectionRunner({ pool, store, projections: [dailyTotals()], batchSize: 7, retryDelayMs: 100 });
await runner.start();
process.stdout.write('started\n');
