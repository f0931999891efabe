import { ConcurrencyError, DuplicateCommandError, type ExpectedVersion, ValidationError } from '@rooftop/eventsourcing';
import { EventStoreDbError } from './errors.js';

/**
 * Rooftop stream versions count from 1 (0 = no stream); EventStoreDB revisions count from 0. Version v is
 * revision v - 1, on both sides of every call.
 */
export type StreamState = 'any' | 'no_stream' | bigint;

export const revisionOfVersion = (version: number): bigint => BigInt(version - 1);

export const versionOfRevision = (revision: bigint): number => {
  const version = revision + 1n;
  if (version > 2_147_483_647n || version < 1n) throw new EventStoreDbError(`stream revision ${revision} is outside Rooftop's version range`, 'REVISION_RANGE');
  return Number(version);
};

/** What the server checks before it writes: `noStream` and 0 mean the stream has no event. */
export const streamStateOf = (expected: ExpectedVersion): StreamState => {
  if (expected === 'any') return 'any';
  if (expected === 'noStream' || expected === 0) return 'no_stream';
  if (Number.isInteger(expected) && expected > 0 && expected <= 2_147_483_647) return revisionOfVersion(expected);
  throw new ValidationError("expectedVersion must be 'any', 'noStream' or a non-negative integer", [
    { path: 'expectedVersion', message: `got ${String(expected)}` },
  ]);
};

/** The version a stream state stands for (`no_stream` is version 0). */
export const versionOfState = (state: 'no_stream' | bigint): number => (state === 'no_stream' ? 0 : versionOfRevision(state));

/** Whether a stream at `version` satisfies `expected` (used for appends that write nothing). */
export const satisfies = (expected: ExpectedVersion, version: number): boolean =>
  expected === 'any' || ((expected === 'noStream' || expected === 0) && version === 0) || expected === version;

/** The client's error for a conflict, reduced to the fields the mapping reads. */
export interface WrongExpectedVersionLike {
  readonly type: string;
  readonly streamName?: string;
  readonly actualState?: 'no_stream' | bigint;
}

const isWrongExpectedVersion = (error: unknown): error is WrongExpectedVersionLike =>
  typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'wrong-expected-version';

/**
 * Turns the server's conflict into the port's typed errors: a conflict on the command's record stream means
 * the command id was recorded before (DuplicateCommandError); a conflict on the event stream is a
 * ConcurrencyError with the stream's actual version. Anything else is returned unchanged.
 */
export const mapAppendError = (
  error: unknown,
  streamId: string,
  expected: ExpectedVersion,
  command?: { readonly commandId: string; readonly stream: string },
): unknown => {
  if (!isWrongExpectedVersion(error)) return error;
  if (command && error.streamName === command.stream) return new DuplicateCommandError(command.commandId);
  if (error.streamName !== undefined && error.streamName !== streamId) return error;
  const actual = error.actualState === undefined ? 0 : versionOfState(error.actualState);
  return new ConcurrencyError(streamId, String(expected), actual);
};
