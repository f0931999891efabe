import type pg from 'pg';
import { entityKey } from './fact-table.js';

type Client = Pick<pg.PoolClient, 'query'>;

/**
 * A projection's table of rows keyed by (store_id, <id>): a fact projection's helper state (what its
 * cross-event rules remember per entity), or a service's list read model. A batch loads the rows it refers to in one query and writes the changed ones back in one
 * upsert. Rows travel as JSON (`to_jsonb` / `jsonb_populate_recordset`), so their fields are the columns.
 */
export interface HelperTable<Row extends { store_id: string }> {
  readonly name: string;
  readonly ddl: string;
  /** Loaded rows by `entityKey(store_id, id)`. */
  load(client: Client, keys: readonly (readonly [string, string])[]): Promise<Map<string, Row>>;
  save(client: Client, rows: readonly Row[]): Promise<void>;
  remove(client: Client, rows: readonly Row[]): Promise<void>;
}

export const helperTable = <Row extends { store_id: string }>(name: string, idColumn: keyof Row & string, columns: Record<Exclude<keyof Row & string, 'store_id'>, string>): HelperTable<Row> => {
  const names = ['store_id', ...Object.keys(columns)];
  const updates = Object.keys(columns).filter((c) => c !== idColumn).map((c) => `${c} = EXCLUDED.${c}`);
  return {
    name,
    ddl: `CREATE TABLE IF NOT EXISTS ${name} (store_id text NOT NULL, ${Object.entries(columns).map(([c, type]) => `${c} ${type}`).join(', ')}, PRIMARY KEY (store_id, ${idColumn}))`,
    async load(client, keys) {
      const rows = new Map<string, Row>();
      if (keys.length === 0) return rows;
      const result = await client.query<{ row: Row }>(
        `SELECT to_jsonb(t) AS row FROM ${name} t JOIN unnest($1::text[], $2::text[]) AS k(store_id, id) ON t.store_id = k.store_id AND t.${idColumn} = k.id`,
        [keys.map(([storeId]) => storeId), keys.map(([, id]) => id)],
      );
      for (const { row } of result.rows) rows.set(entityKey(row.store_id, String(row[idColumn])), row);
      return rows;
    },
    async save(client, rows) {
      if (rows.length === 0) return;
      await client.query(
        `INSERT INTO ${name} (${names.join(', ')}) SELECT ${names.join(', ')} FROM jsonb_populate_recordset(NULL::${name}, $1::jsonb)
         ON CONFLICT (store_id, ${idColumn}) DO UPDATE SET ${updates.join(', ')}`,
        [JSON.stringify(rows)],
      );
    },
    async remove(client, rows) {
      if (rows.length === 0) return;
      await client.query(`DELETE FROM ${name} t USING unnest($1::text[], $2::text[]) AS k(store_id, id) WHERE t.store_id = k.store_id AND t.${idColumn} = k.id`, [
        rows.map((r) => r.store_id),
        rows.map((r) => String(r[idColumn])),
      ]);
    },
  };
};
