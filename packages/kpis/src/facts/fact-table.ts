import { rowKey } from '@rooftop/projections-postgres';
import type pg from 'pg';
import { type FactTable } from '../dictionary/types.js';

// The plumbing every context's fact projection shares: the DDL derived from the dictionary's table
// definition, an accumulator of per-row deltas, and one set-based upsert per batch. A context's fold decides
// what to count; these pieces only store it.

type Client = Pick<pg.PoolClient, 'query'>;

/** Helper-state keys (projections-postgres' `rowKey`): ids are unique within a store only, and HQ holds many stores. */
export const entityKey = rowKey;

export const factColumns = (table: FactTable): string[] => table.measures.map((m) => m.column);

/** The fact table's DDL, derived from its definition so the table and the dictionary cannot drift. */
export const factTableDdl = (table: FactTable): string => `CREATE TABLE IF NOT EXISTS ${table.table} (
  store_id text NOT NULL,
  business_date date NOT NULL,
  ${table.dimensions.map((d) => `${d.column} text NOT NULL`).join(',\n  ')},
  ${factColumns(table)
    .map((c) => `${c} bigint NOT NULL DEFAULT 0`)
    .join(',\n  ')},
  PRIMARY KEY (store_id, business_date, ${table.dimensions.map((d) => d.column).join(', ')})
)`;

/** The change of one fact row: dimension values in the order of the table's `dimensions`, and column deltas. */
export interface FactRowDelta<C extends string = string> {
  readonly storeId: string;
  readonly businessDate: string;
  readonly dims: readonly string[];
  readonly values: Partial<Record<C, number>>;
}

/** Sums a batch's deltas per fact row, so one upsert never touches a row twice. */
export class FactDeltas<C extends string> {
  private readonly rows = new Map<string, FactRowDelta<C> & { values: Partial<Record<C, number>> }>();

  add(storeId: string, businessDate: string, dims: readonly string[], column: C, amount: number): void {
    if (amount === 0) return;
    const id = [storeId, businessDate, ...dims].join('\u0000');
    let row = this.rows.get(id);
    if (!row) {
      row = { storeId, businessDate, dims: [...dims], values: {} };
      this.rows.set(id, row);
    }
    row.values[column] = (row.values[column] ?? 0) + amount;
  }

  list(): FactRowDelta<C>[] {
    return [...this.rows.values()].filter((row) => Object.values<number | undefined>(row.values).some((v) => v !== 0 && v !== undefined));
  }
}

/**
 * Adds the deltas to the fact rows in one upsert, then removes the rows whose facts all netted to zero (a
 * lead moved away, an order signed and cancelled), so the table is the same whether the events came in one
 * batch or many.
 */
export const saveFactDeltas = async (client: Client, table: FactTable, deltas: readonly FactRowDelta[]): Promise<void> => {
  if (deltas.length === 0) return;
  const measures = factColumns(table);
  const dims = table.dimensions.map((d) => d.column);
  const rows = deltas.map((d) => ({
    storeId: d.storeId,
    businessDate: d.businessDate,
    ...Object.fromEntries(dims.map((_, i) => [`d${i}`, d.dims[i] ?? ''])),
    ...Object.fromEntries(measures.map((c) => [c, (d.values as Record<string, number | undefined>)[c] ?? 0])),
  }));
  const recordset = `jsonb_to_recordset($1::jsonb) AS r("storeId" text, "businessDate" text, ${dims.map((_, i) => `d${i} text`).join(', ')}`;
  await client.query(
    `INSERT INTO ${table.table} (store_id, business_date, ${dims.join(', ')}, ${measures.join(', ')})
     SELECT "storeId", "businessDate"::date, ${dims.map((_, i) => `d${i}`).join(', ')}, ${measures.join(', ')}
       FROM ${recordset}, ${measures.map((c) => `${c} bigint`).join(', ')})
     ON CONFLICT (store_id, business_date, ${dims.join(', ')}) DO UPDATE SET
       ${measures.map((c) => `${c} = ${table.table}.${c} + EXCLUDED.${c}`).join(',\n       ')}`,
    [JSON.stringify(rows)],
  );
  await client.query(
    `DELETE FROM ${table.table} f USING ${recordset})
      WHERE f.store_id = r."storeId" AND f.business_date = r."businessDate"::date
        ${dims.map((c, i) => `AND f.${c} = r.d${i}`).join(' ')}
        AND ${measures.map((c) => `f.${c} = 0`).join(' AND ')}`,
    [JSON.stringify(rows)],
  );
};
