// Re-publishes events the store's JetStream stream lacks over a position range (see docs/messaging.md).
//
//   npm run -w @rooftop/messaging reconcile -- --group g1 --store bj01 [--from 0] [--to <position>]
//
// --to defaults to the relay checkpoint `relay:<group>:<store>` in this database, or the store's head without one.
//
// Env: DATABASE_URL (the store's database), EVENTSTORE_SCHEMA (default eventstore), NATS_URL.
// Prints the result as JSON; exits 1 with the error body on failure, 2 on bad arguments.
import { parseArgs } from 'node:util';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { platformRegistry } from '@rooftop/contracts';
import { isRooftopError } from '@rooftop/eventsourcing';
import { DEFAULT_EVENT_STORE_SCHEMA, PostgresEventStore } from '@rooftop/eventstore-postgres';
import pg from 'pg';
import { reconcile } from '../src/jetstream/reconcile.js';

const usage = 'usage: reconcile --group <groupId> --store <storeId> [--from <position>] [--to <position>]';

const { values } = parseArgs({
  options: { group: { type: 'string' }, store: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
  strict: true,
});
if (!values.group || !values.store) {
  console.error(usage);
  process.exit(2);
}
const position = (text: string | undefined, name: string): number | undefined => {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) {
    console.error(`--${name} must be a non-negative integer\n${usage}`);
    process.exit(2);
  }
  return Number(text);
};
const fromPosition = position(values.from, 'from') ?? 0;
const explicitTo = position(values.to, 'to');

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', max: 2 });
const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', name: 'rooftop-reconcile' });
const store = new PostgresEventStore({ pool, schema: process.env.EVENTSTORE_SCHEMA ?? DEFAULT_EVENT_STORE_SCHEMA });
let exitCode = 0;
try {
  // By default up to the relay's checkpoint when this database has one (events the relay has not published
  // yet are not lost, and re-publishing them ahead of it would put them out of order), else the head.
  const relayCheckpoint = async (): Promise<number | undefined> => {
    try {
      const name = `relay:${values.group}:${values.store}`;
      const { rows } = await pool.query<{ position: string }>('SELECT position FROM messaging.relay_checkpoints WHERE name = $1', [name]);
      return rows[0] ? Number(rows[0].position) : undefined;
    } catch (error) {
      // 42P01: no relay checkpoints in this database (the relay keeps them elsewhere).
      if ((error as { code?: string }).code === '42P01') return undefined;
      throw error;
    }
  };
  const toPosition = explicitTo ?? Math.min(await store.headPosition(), (await relayCheckpoint()) ?? Number.MAX_SAFE_INTEGER);
  const result = await reconcile({
    store,
    js: jetstream(nc),
    jsm: await jetstreamManager(nc),
    groupId: values.group,
    storeId: values.store,
    fromPosition,
    toPosition,
    registry: platformRegistry,
  });
  console.log(JSON.stringify({ groupId: values.group, storeId: values.store, fromPosition, toPosition, ...result }));
} catch (error) {
  exitCode = 1;
  console.error(JSON.stringify(isRooftopError(error) ? error.toBody() : { code: 'INTERNAL', message: String(error) }));
} finally {
  store.close();
  await nc.close();
  await pool.end();
}
process.exit(exitCode);
