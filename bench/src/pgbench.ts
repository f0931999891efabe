import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type BenchContext } from './suite.js';
import { eventAt } from './workload.js';

const run = promisify(execFile);

export interface InsertCeiling {
  /** Rows committed per second by `pgbench`, each transaction one INSERT of `rowsPerTransaction` rows. */
  readonly rowsPerSecond: number;
  readonly clients: number;
}

/**
 * The physical reference for the append suites: PostgreSQL's own client inserting rows of the same size into
 * a table with only a primary key, one autocommitted INSERT per transaction, `clients` connections, on this
 * server, in this run. No event store can commit faster than the server commits plain rows, so a store's rate
 * is stated as its share of this ceiling. Undefined (and said why) when `pgbench` is not installed.
 */
export const measureInsertCeiling = async (context: BenchContext, rowsPerTransaction: number, clients: number): Promise<InsertCeiling | undefined> => {
  const database = await context.database(`pgbench_${rowsPerTransaction}`);
  await database.pool.query('CREATE TABLE ceiling_rows (id bigserial PRIMARY KEY, data jsonb NOT NULL)');
  const row = `('${JSON.stringify(eventAt('workshop-repairorder-ceiling', 1).data)}')`;
  const dir = await mkdtemp(join(tmpdir(), 'rooftop-pgbench-'));
  try {
    const script = join(dir, 'insert.sql');
    await writeFile(script, `INSERT INTO ceiling_rows (data) VALUES ${Array.from({ length: rowsPerTransaction }, () => row).join(', ')};\n`);
    const seconds = Math.max(1, Math.round(context.options.durationMs / 1000));
    const { stdout } = await run('pgbench', ['-n', '-c', String(clients), '-j', '2', '-T', String(seconds), '-f', script, database.url], {
      env: { ...process.env, PGAPPNAME: 'rooftop-bench-ceiling' },
    });
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
    if (!tps) throw new Error(`could not read pgbench's rate from:\n${stdout}`);
    const rowsPerSecond = Number(tps[1]) * rowsPerTransaction;
    context.log(`  pgbench ceiling: ${Math.round(rowsPerSecond)} rows/s (${clients} clients, ${rowsPerTransaction} row(s) per INSERT, ${seconds} s)`);
    return { rowsPerSecond, clients };
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') {
      context.log('  pgbench is not installed (Debian: postgresql-client or postgresql-contrib): no ceiling row');
      return undefined;
    }
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
