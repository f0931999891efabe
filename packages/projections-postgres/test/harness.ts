import { type EventStore, type NewEvent, uuidv7 } from '@rooftop/eventsourcing';
import { type ProjectionLogger } from '@rooftop/projections-postgres';
import type pg from 'pg';
import { REFUND, SALE } from './daily-totals.projection.js';

export const event = (type: string, amountFen: string, occurredAt: string): NewEvent => ({
  eventId: uuidv7(),
  type,
  schemaVersion: 1,
  data: { amountFen },
  metadata: { storeId: 'store-1', groupId: 'group-1', correlationId: uuidv7(), actor: { kind: 'system', id: 'test' }, occurredAt },
});

const DAYS = ['2025-03-01T02:00:00.000Z', '2025-03-02T02:00:00.000Z', '2025-03-03T02:00:00.000Z'];
const TYPES = ['deal', 'order', 'policy'];

export interface Expected {
  events: number;
  sales: number;
  refunds: number;
}

/**
 * Appends `count` events over a few streams, days and types (plus one ignored type, so positions the
 * projection skips exist) and returns what the totals must be, keyed `type|day`.
 */
export const appendSales = async (store: EventStore, count: number, seed: number, expected = new Map<string, Expected>()) => {
  for (let i = 0; i < count; i += 1) {
    const n = seed + i;
    const kind = TYPES[n % TYPES.length]!;
    const occurredAt = DAYS[n % DAYS.length]!;
    const amount = 1000 + ((n * 7919) % 50_000);
    const type = n % 5 === 0 ? REFUND : SALE;
    const streamId = `sales-${kind}-${n % 4}`;
    await store.appendToStream(streamId, [event(type, String(amount), occurredAt), event('NoteAdded', '0', occurredAt)], { expectedVersion: 'any' });
    const key = `${kind}|${occurredAt.slice(0, 10)}`;
    const totals = expected.get(key) ?? { events: 0, sales: 0, refunds: 0 };
    totals.events += 1;
    if (type === SALE) totals.sales += amount;
    else totals.refunds += amount;
    expected.set(key, totals);
  }
  return expected;
};

/** The totals in a read view, in the same shape as `appendSales`' expectation. */
export const readTotals = async (pool: pg.Pool, view = 'read.daily_totals'): Promise<Map<string, Expected>> => {
  const { rows } = await pool.query<{ stream_type: string; day: string; events: string; sales_fen: string; refunds_fen: string }>(
    `SELECT stream_type, to_char(day, 'YYYY-MM-DD') AS day, events, sales_fen, refunds_fen FROM ${view} ORDER BY 1, 2`,
  );
  return new Map(rows.map((r) => [`${r.stream_type}|${r.day}`, { events: Number(r.events), sales: Number(r.sales_fen), refunds: Number(r.refunds_fen) }]));
};

export const sorted = (totals: Map<string, Expected>) => [...totals.entries()].sort(([a], [b]) => a.localeCompare(b));

/** Polls until `check` returns true; generous by default because other suites load the same 2 cores. */
export const waitFor = async (check: () => Promise<boolean> | boolean, what: string, timeoutMs = 60_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

export interface CapturedLog {
  readonly level: 'info' | 'warn' | 'error';
  readonly obj: Record<string, unknown>;
  readonly msg: string | undefined;
}

export const capturingLogger = (): ProjectionLogger & { readonly entries: CapturedLog[] } => {
  const entries: CapturedLog[] = [];
  const at = (level: CapturedLog['level']) => (obj: object, msg?: string) => entries.push({ level, obj: obj as Record<string, unknown>, msg });
  return { entries, info: at('info'), warn: at('warn'), error: at('error') };
};
