import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server tests use: DATABASE_URL, or the local PostgreSQL with trust auth. */
export const adminDatabaseUrl = (): string =>
  process.env.DATABASE_URL ?? `postgres://${process.env.PGUSER ?? 'postgres'}@${process.env.PGHOST ?? '127.0.0.1'}:${process.env.PGPORT ?? '5432'}/postgres`;

const withDatabase = (url: string, database: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  /** A pool on the test database (closed by `drop`). */
  readonly pool: pg.Pool;
  drop(): Promise<void>;
}

/**
 * A fresh database for one test file (`rooftop_t_<label>_<random>`), so parallel files and repeated runs
 * never see each other's data. Call `drop` in afterAll.
 */
export const createTestDatabase = async (label = 'test'): Promise<TestDatabase> => {
  const name = `rooftop_t_${label
    .replace(/[^a-z0-9]/gi, '_')
    .toLowerCase()
    .slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminDatabaseUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminDatabaseUrl(), name);
  const pool = new pg.Pool({ connectionString: url, max: 40 });
  pool.on('error', () => undefined);
  return {
    name,
    url,
    pool,
    async drop() {
      await pool.end();
      const client = new pg.Client({ connectionString: adminDatabaseUrl() });
      await client.connect();
      try {
        // A pool's end() resolves once it has asked its connections to close, not once they have: forcing the drop
        // at once can terminate a connection mid-close, and its client then throws the server's FATAL with no one
        // listening (an uncaught error in the test run). Give the test's connections a moment to go first.
        for (const deadline = Date.now() + 2_000; Date.now() < deadline;) {
          const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
          if (rows[0]!.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
};
