import { ValidationError } from '@rooftop/eventsourcing';
import { RESERVED_PREFIX } from './stored-event.js';

const invalid = (path: string, message: string) => new ValidationError(`${path} ${message}`, [{ path, message }]);

/** A stream id the adapter may write: not a system stream (`$…`) and not one of its own (`_rooftop-…`). */
export const checkStreamId = (streamId: unknown): string => {
  if (typeof streamId !== 'string' || streamId.length === 0 || streamId.length > 1_000) {
    throw invalid('streamId', 'must be a non-empty string of at most 1000 characters');
  }
  if (streamId.startsWith('$') || streamId.startsWith(RESERVED_PREFIX)) throw invalid('streamId', `must not start with $ or ${RESERVED_PREFIX}`);
  return streamId;
};

export const checkCommandId = (commandId: unknown): string => {
  if (typeof commandId !== 'string' || commandId.length === 0 || commandId.length > 1_000) {
    throw invalid('command.commandId', 'must be a non-empty string of at most 1000 characters');
  }
  return commandId;
};

export const checkPosition = (path: string, value: unknown): number => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw invalid(path, 'must be a non-negative safe integer');
  return value;
};

export const checkCount = (path: string, value: unknown): number => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > 100_000) throw invalid(path, 'must be an integer between 1 and 100000');
  return value;
};

export const checkEventTypes = (types: unknown): ReadonlySet<string> | undefined => {
  if (types === undefined) return undefined;
  if (!Array.isArray(types) || !types.every((t) => typeof t === 'string')) throw invalid('eventTypes', 'must be an array of strings');
  return new Set(types as string[]);
};
