import { RooftopError } from '@rooftop/eventsourcing';

/** A `$all` position that a JavaScript number cannot hold exactly (beyond 2^53). */
export class PositionOutOfRangeError extends RooftopError {
  constructor(readonly position: bigint) {
    super('INTERNAL', `position ${position} is beyond 2^53 and cannot be a Rooftop global position`, { position: position.toString() });
  }
}

/**
 * Two Rooftop events of the log share one `$all` commit position. Rooftop positions are commit positions, so
 * the adapter refuses to number them rather than number them twice (see ADR 0035).
 */
export class PositionCollisionError extends RooftopError {
  constructor(readonly position: bigint) {
    super('INTERNAL', `two events share the $all commit position ${position}`, { position: position.toString() });
  }
}

/** A record in a Rooftop stream whose metadata is not what this adapter writes (written by another client). */
export class ForeignRecordError extends RooftopError {
  constructor(
    readonly streamId: string,
    readonly revision: string,
    reason: string,
  ) {
    super('INTERNAL', `record ${revision} of stream ${streamId} is not a Rooftop event: ${reason}`, { streamId, revision, reason });
  }
}

/** EventStoreDB/KurrentDB did not answer, refused, or answered something the adapter cannot use. */
export class EventStoreDbError extends RooftopError {
  constructor(
    message: string,
    readonly reason: string,
    cause?: unknown,
  ) {
    super('UNAVAILABLE', message, { reason });
    if (cause !== undefined) this.cause = cause;
  }
}

/**
 * The client's errors (they carry a string `type`: unavailable, deadline-exceeded, access-denied, …) as a typed
 * Rooftop error with that type as its reason; Rooftop errors and anything else pass unchanged.
 */
export const toStoreError = (error: unknown): unknown => {
  if (error instanceof RooftopError || typeof error !== 'object' || error === null) return error;
  const type = (error as { type?: unknown }).type;
  if (typeof type !== 'string') return error;
  return new EventStoreDbError(`EventStoreDB: ${(error as { message?: unknown }).message ?? type}`, type, error);
};
