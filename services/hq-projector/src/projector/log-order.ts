import { type DecodedEvent } from '@rooftop/messaging';

/**
 * What HQ keeps of an event: exactly what `recordedEventOf` reads, so an event that has to wait for the event
 * before it in its store's log can be stored as JSON and applied later as if it had just arrived.
 */
export type HqEvent = Pick<
  DecodedEvent,
  | 'eventId'
  | 'type'
  | 'schemaVersion'
  | 'data'
  | 'groupId'
  | 'storeId'
  | 'streamId'
  | 'streamVersion'
  | 'position'
  | 'occurredAt'
  | 'correlationId'
  | 'causationId'
  | 'commandId'
  | 'traceparent'
>;

/**
 * One message as it reached HQ: its GROUP_EVENTS sequence, its place in its store's log, and the event — absent
 * when the message was dead-lettered before it could be decoded (its place then comes from its headers).
 */
export interface Arrival {
  readonly seq: number;
  readonly storeId: string;
  readonly position: number;
  /** The position of the event before it in the store's log; absent from publishers that did not set it. */
  readonly previousPosition?: number;
  readonly deadLettered: boolean;
  readonly event?: HqEvent;
}

export interface OrderPlan {
  /** To apply now, in this order: each store's events in its log order, from its applied position on. */
  readonly ready: readonly Arrival[];
  /** Arrivals of this batch that wait for an earlier event of their store (to store). */
  readonly hold: readonly Arrival[];
  /** Events held before that this batch releases (to delete from the held ones; they are in `ready`). */
  readonly released: readonly Arrival[];
  /** Arrivals HQ has already applied or already holds: a redelivery, or a second copy in the stream. */
  readonly duplicates: readonly Arrival[];
  /** The applied position of every store this batch moved. */
  readonly positions: ReadonlyMap<string, number>;
}

/**
 * Puts a batch in each store's log order. Every event names the position of the event before it in its store's
 * log (`previousposition`), so the event to apply next for a store is the one whose predecessor is the store's
 * applied position: one that arrives earlier waits (held) until the events before it come; one at or below the
 * applied position is a copy and is skipped. HQ thus applies each store's events exactly once and in exactly
 * the order the store's own projections saw them — also when the store stream holds them out of order (a
 * publish lost mid-window and retried behind later ones, or events re-published by `reconcile`), which keeps
 * cross-stream lookups (an order's lead) identical at HQ and in the store.
 *
 * An arrival without `previousPosition` (an older publisher) is applied when it is past the applied position.
 *
 * `applied`: the applied position of (at least) every store of `arrivals`; `held`: what waits for those stores.
 */
export const planLogOrder = (arrivals: readonly Arrival[], applied: ReadonlyMap<string, number>, held: readonly Arrival[]): OrderPlan => {
  const position = new Map<string, number>();
  const positionOf = (storeId: string) => position.get(storeId) ?? applied.get(storeId) ?? 0;
  /** Per store: waiting arrivals by the position they follow, and the positions waiting (to spot copies). */
  const waiting = new Map<string, { after: Map<number, { arrival: Arrival; stored: boolean }>; positions: Set<number> }>();
  const waitingOf = (storeId: string) => waiting.get(storeId) ?? waiting.set(storeId, { after: new Map(), positions: new Set() }).get(storeId)!;
  const wait = (arrival: Arrival, stored: boolean) => {
    const w = waitingOf(arrival.storeId);
    w.after.set(arrival.previousPosition!, { arrival, stored });
    w.positions.add(arrival.position);
  };
  for (const arrival of held) wait(arrival, true);

  const ready: Arrival[] = [];
  const released: Arrival[] = [];
  const duplicates: Arrival[] = [];
  for (const arrival of arrivals) {
    let current = positionOf(arrival.storeId);
    if (arrival.position <= current || waiting.get(arrival.storeId)?.positions.has(arrival.position)) {
      duplicates.push(arrival);
      continue;
    }
    if (arrival.previousPosition !== undefined && arrival.previousPosition !== current) {
      wait(arrival, false);
      continue;
    }
    ready.push(arrival);
    current = arrival.position;
    const w = waiting.get(arrival.storeId);
    for (let next = w?.after.get(current); next; next = w!.after.get(current)) {
      w!.after.delete(current);
      w!.positions.delete(next.arrival.position);
      ready.push(next.arrival);
      if (next.stored) released.push(next.arrival);
      current = next.arrival.position;
    }
    position.set(arrival.storeId, current);
  }
  const hold = [...waiting.values()].flatMap((w) => [...w.after.values()].filter((x) => !x.stored).map((x) => x.arrival));
  return { ready, hold, released, duplicates, positions: position };
};

/** The part of a decoded event HQ keeps (drops the envelope and the contract, which JSON cannot hold). */
export const hqEventOf = (event: DecodedEvent): HqEvent => ({
  eventId: event.eventId,
  type: event.type,
  schemaVersion: event.schemaVersion,
  data: event.data,
  groupId: event.groupId,
  storeId: event.storeId,
  streamId: event.streamId,
  streamVersion: event.streamVersion,
  position: event.position,
  occurredAt: event.occurredAt,
  correlationId: event.correlationId,
  ...(event.causationId !== undefined ? { causationId: event.causationId } : {}),
  ...(event.commandId !== undefined ? { commandId: event.commandId } : {}),
  ...(event.traceparent !== undefined ? { traceparent: event.traceparent } : {}),
});

/** The arrival of a decoded event. */
export const arrivalOf = (seq: number, event: DecodedEvent, deadLettered: boolean): Arrival => ({
  seq,
  storeId: event.storeId,
  position: event.position,
  ...(event.previousPosition !== undefined ? { previousPosition: event.previousPosition } : {}),
  deadLettered,
  event: hqEventOf(event),
});
