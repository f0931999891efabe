import type pg from 'pg';

type Client = Pick<pg.PoolClient, 'query'>;

/**
 * Row access for a projection's table keyed by (store_id, <id>) — a list read model, or a fact projection's
 * helper state (kpis' `helperTable` adds its DDL): a batch loads the rows it touches in one query, changes them in
 * memory in log order, then writes them back in one upsert and one delete. Rows travel as JSON (`to_jsonb` /
 * `jsonb_populate_recordset`), so their fields are the table's snake_case columns.
 */
export interface KeyedRows<Row extends { store_id: string }> {
  load(client: Client, keys: readonly (readonly [string, string])[], by?: string): Promise<Row[]>;
  save(client: Client, rows: readonly Row[]): Promise<void>;
  remove(client: Client, rows: readonly Row[]): Promise<void>;
}

export const keyedRows = <Row extends { store_id: string }>(
  table: string,
  idColumn: keyof Row & string,
  columns: readonly (keyof Row & string)[],
): KeyedRows<Row> => ({
  async load(client, keys, by = idColumn) {
    if (keys.length === 0) return [];
    const { rows } = await client.query<{ row: Row }>(
      `SELECT to_jsonb(t) AS row FROM ${table} t JOIN unnest($1::text[], $2::text[]) AS k(store_id, id) ON t.store_id = k.store_id AND t.${by} = k.id`,
      [keys.map(([storeId]) => storeId), keys.map(([, id]) => id)],
    );
    return rows.map((r) => r.row);
  },
  async save(client, rows) {
    if (rows.length === 0) return;
    const updates = columns.filter((c) => c !== 'store_id' && c !== idColumn).map((c) => `${c} = EXCLUDED.${c}`);
    await client.query(
      `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)
       ON CONFLICT (store_id, ${idColumn}) DO UPDATE SET ${updates.join(', ')}`,
      [JSON.stringify(rows)],
    );
  },
  async remove(client, rows) {
    if (rows.length === 0) return;
    await client.query(
      `DELETE FROM ${table} t USING unnest($1::text[], $2::text[]) AS k(store_id, id) WHERE t.store_id = k.store_id AND t.${idColumn} = k.id`,
      [rows.map((r) => r.store_id), rows.map((r) => String(r[idColumn]))],
    );
  },
});

/** `storeId\0id`: ids are unique within a store only. */
export const rowKey = (storeId: string, id: string): string => `${storeId}\u0000${id}`;
