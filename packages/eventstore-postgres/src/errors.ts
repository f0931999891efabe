import { RooftopError } from '@rooftop/eventsourcing';

/** An append carried more events than the low 16 bits of a position can number. */
export class AppendTooLargeError extends RooftopError {
  constructor(
    readonly streamId: string,
    readonly count: number,
    readonly max: number,
  ) {
    super('APPEND_TOO_LARGE', `an append may carry at most ${max} events, got ${count} for ${streamId}`, { streamId, count, max });
  }
}

/** An event id is already stored (event ids are unique across the whole store). */
export class DuplicateEventIdError extends RooftopError {
  constructor(readonly streamId: string) {
    super('DUPLICATE_EVENT_ID', `an event id appended to ${streamId} is already stored`, { streamId });
  }
}

/**
 * A second append inside one transaction: both would number their events from the same transaction id,
 * so positions would collide. Append once per transaction.
 */
export class AppendPerTransactionError extends RooftopError {
  constructor(readonly streamId: string) {
    super('ONE_APPEND_PER_TRANSACTION', `this transaction already appended events; append to ${streamId} in a new transaction`, {
      streamId,
    });
  }
}

/** A stored position does not fit a JavaScript number (transaction ids beyond 2^37). */
export class PositionOutOfRangeError extends RooftopError {
  constructor(readonly position: string) {
    super('POSITION_OUT_OF_RANGE', `global position ${position} is beyond Number.MAX_SAFE_INTEGER`, { position });
  }
}
