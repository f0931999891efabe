import { ValidationError } from '@rooftop/eventsourcing';

/** Milliseconds to wait before the next attempt, given how many attempts have failed so far (1, 2, ...). */
export type Backoff = (failedAttempts: number) => number;

/** base, 2·base, 4·base, ... capped at `maxMs`. Deterministic, so a test can predict `next_attempt_at`. */
export const exponentialBackoff = ({ baseMs = 1_000, maxMs = 3_600_000 }: { baseMs?: number; maxMs?: number } = {}): Backoff => {
  if (!(baseMs > 0) || !(maxMs >= baseMs)) {
    throw new ValidationError('backoff needs 0 < baseMs <= maxMs', [{ path: 'baseMs', message: `baseMs=${baseMs}, maxMs=${maxMs}` }]);
  }
  return (failedAttempts) => Math.min(maxMs, baseMs * 2 ** Math.max(0, failedAttempts - 1));
};
