import type pg from 'pg';
import { type PgProjection } from './context.js';
import { ProjectionConfigError } from './errors.js';
import { generationSchema, quoteIdent } from './names.js';

type Queryable = Pick<pg.PoolClient, 'query'>;

/** Marks a read view as owned by one projection, so two projections never silently take each other's views. */
const ownerComment = (projection: string): string => `rooftop projection ${projection}`;

/**
 * Creates (or recreates, when a crashed rebuild left it behind) one generation's schema and runs the
 * projection's `setup` in it. Call inside a transaction: DDL is transactional, so a failure leaves nothing.
 */
export const createTableSet = async (client: pg.PoolClient, projection: PgProjection, generation: number): Promise<string> => {
  const schema = generationSchema(projection.name, generation);
  await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  await client.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
  await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
  await projection.setup({ client, schema });
  return schema;
};

/** Tables, views and materialised views of a table set: each gets a read view of the same name. */
export const listRelations = async (client: Queryable, schema: string): Promise<string[]> => {
  const { rows } = await client.query<{ relname: string }>(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm') ORDER BY c.relname`,
    [schema],
  );
  return rows.map((row) => row.relname);
};

const viewOwner = async (client: Queryable, readSchema: string, relation: string): Promise<string | null | undefined> => {
  const { rows } = await client.query<{ owner: string | null }>(
    `SELECT obj_description(c.oid, 'pg_class') AS owner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2`,
    [readSchema, relation],
  );
  return rows[0]?.owner;
};

/**
 * Points the read views at `toSchema`. Call in the transaction that moves the checkpoint: DROP + CREATE of a
 * view holds an exclusive lock until commit, and a reader blocked on it re-resolves the name afterwards, so
 * readers see the old generation or the new one, never an error. Views of relations the new generation no
 * longer has are dropped.
 */
export const repointViews = async (
  client: Queryable,
  projection: string,
  readSchema: string,
  fromSchema: string | undefined,
  toSchema: string,
): Promise<void> => {
  const next = await listRelations(client, toSchema);
  const previous = fromSchema === undefined ? [] : await listRelations(client, fromSchema);
  const read = quoteIdent(readSchema);
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${read}`);
  for (const relation of new Set([...previous, ...next])) {
    const owner = await viewOwner(client, readSchema, relation);
    if (owner !== undefined && owner !== ownerComment(projection)) {
      throw new ProjectionConfigError(`${readSchema}.${relation} already exists and does not belong to projection ${projection}`, {
        projection,
        relation,
        owner,
      });
    }
    if (owner !== undefined) await client.query(`DROP VIEW ${read}.${quoteIdent(relation)}`);
  }
  for (const relation of next) {
    const view = `${read}.${quoteIdent(relation)}`;
    await client.query(`CREATE VIEW ${view} AS SELECT * FROM ${quoteIdent(toSchema)}.${quoteIdent(relation)}`);
    await client.query(`COMMENT ON VIEW ${view} IS '${ownerComment(projection)}'`);
  }
};

/** Drops every generation schema of a projection except `keep` (leftovers of swapped or abandoned rebuilds). */
export const dropOtherTableSets = async (client: Queryable, projection: string, keep: number): Promise<void> => {
  const { rows } = await client.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname LIKE $1 AND nspname <> $2`, [
    `proj\\_${projection.replaceAll('_', '\\_')}\\_g%`,
    generationSchema(projection, keep),
  ]);
  const ours = new RegExp(`^proj_${projection}_g\\d+$`);
  for (const { nspname } of rows) {
    if (ours.test(nspname)) await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(nspname)} CASCADE`);
  }
};

export const dropTableSet = async (client: Queryable, schema: string): Promise<void> => {
  await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
};
