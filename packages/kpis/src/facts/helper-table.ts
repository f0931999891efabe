import type pg from 'pg';
import { keyedRows } from '@rooftop/projections-postgres';
import { entityKey } from './fact-table.js';

type Client = Pick<pg.PoolClient, 'query'>;

/**
 * A projection's table of rows keyed by (store_id, <id>): a fact projection's helper state (what its
 * cross-event rules remember per entity): projections-postgres' `keyedRows` with its DDL, loaded by entity key.
 */
export interface HelperTable<Row extends { store_id: string }> {
  readonly name: string;
  readonly ddl: string;
  /** Loaded rows by `entityKey(store_id, id)`. */
  load(client: Client, keys: readonly (readonly [string, string])[]): Promise<Map<string, Row>>;
  save(client: Client, rows: readonly Row[]): Promise<void>;
  remove(client: Client, rows: readonly Row[]): Promise<void>;
}

export const helperTable = <Row extends { store_id: string }>(
  name: string,
  idColumn: keyof Row & string,
  columns: Record<Exclude<keyof Row & string, 'store_id'>, string>,
): HelperTable<Row> => {
  const rows = keyedRows<Row>(name, idColumn, ['store_id', ...(Object.keys(columns) as (keyof Row & string)[])]);
  return {
    name,
    ddl: `CREATE TABLE IF NOT EXISTS ${name} (store_id text NOT NULL, ${Object.entries(columns)
      .map(([c, type]) => `${c} ${type}`)
      .join(', ')}, PRIMARY KEY (store_id, ${idColumn}))`,
    async load(client, keys) {
      return new Map((await rows.load(client, keys)).map((row) => [entityKey(row.store_id, String(row[idColumn])), row]));
    },
    save: (client, changed) => rows.save(client, changed),
    remove: (client, gone) => rows.remove(client, gone),
  };
};
