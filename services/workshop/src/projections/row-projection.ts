import { type HelperTable } from '@rooftop/kpis';
import { type RecordedEvent } from '@rooftop/eventsourcing';
import { type PgProjection, rowKey } from '@rooftop/projections-postgres';

/** What applying one event does to its row: the row to keep (changed or new), `null` to drop it, `undefined` for nothing. */
export type RowChange<Row> = Row | null | undefined;

export interface RowProjectionOptions<Row extends { store_id: string }> {
  readonly name: string;
  readonly rows: HelperTable<Row>;
  readonly eventTypes: readonly string[];
  /** Extra statements after the table's DDL (indexes). */
  readonly indexes?: readonly string[];
  /** The row id an event is about, if any. */
  readonly idOf: (event: RecordedEvent) => string | undefined;
  /** Applies one event to its row (undefined when the row does not exist); pure. */
  readonly apply: (event: RecordedEvent, row: Row | undefined) => RowChange<Row>;
}

/**
 * A work-list read model of one row per (store, id): a batch loads the rows it refers to in one query,
 * applies its events in log order in memory, and writes back the kept rows in one upsert and the dropped
 * ones in one delete — whatever the batch size.
 */
export const rowProjection = <Row extends { store_id: string }>(options: RowProjectionOptions<Row>): PgProjection => ({
  name: options.name,
  version: 1,
  eventTypes: options.eventTypes,
  async setup({ client }) {
    await client.query(options.rows.ddl);
    for (const statement of options.indexes ?? []) await client.query(statement);
  },
  async apply(events, { client }) {
    const keys = new Map<string, [string, string]>();
    for (const event of events) {
      const id = options.idOf(event);
      if (id !== undefined) keys.set(rowKey(event.metadata.storeId, id), [event.metadata.storeId, id]);
    }
    const rows = await options.rows.load(client, [...keys.values()]);
    const dropped = new Map<string, Row>();
    const kept = new Set<string>();
    for (const event of events) {
      const id = options.idOf(event);
      if (id === undefined) continue;
      const key = rowKey(event.metadata.storeId, id);
      const current = rows.get(key);
      const change = options.apply(event, current === undefined ? undefined : { ...current });
      if (change === null) {
        if (current !== undefined) dropped.set(key, current);
        rows.delete(key);
        kept.delete(key);
      } else if (change !== undefined) {
        rows.set(key, change);
        kept.add(key);
        dropped.delete(key);
      }
    }
    await options.rows.remove(client, [...dropped.values()]);
    await options.rows.save(
      client,
      [...kept].map((key) => rows.get(key)!),
    );
  },
});
