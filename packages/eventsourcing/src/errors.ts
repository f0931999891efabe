/**
 * Typed errors. Every error that crosses a boundary (NATS reply, GraphQL) carries a stable `code`,
 * a human message and optional structured details, so callers can branch on the code, never on text.
 */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'RULE_VIOLATION'
  | 'INVALID_TRANSITION'
  | 'CONCURRENCY_CONFLICT'
  | 'DUPLICATE_COMMAND'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'UNKNOWN_COMMAND'
  | 'UNAVAILABLE'
  | 'INTERNAL';

export interface ErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export class RooftopError extends Error {
  constructor(
    readonly code: ErrorCode | (string & {}),
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }

  toBody(): ErrorBody {
    return this.details === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, details: this.details };
  }
}

/**
 * A business rule said no. Deciders return these (they never throw), so a rejected command appends nothing.
 * `code` is the generic category; `reason` is the rule's own stable name (e.g. `LEAD_ALREADY_LOST`).
 */
export class DomainError extends RooftopError {
  constructor(
    readonly reason: string,
    message: string,
    details?: Record<string, unknown>,
    code: 'RULE_VIOLATION' | 'INVALID_TRANSITION' | 'NOT_FOUND' | 'FORBIDDEN' | 'VALIDATION_FAILED' = 'RULE_VIOLATION',
  ) {
    super(code, message, { reason, ...details });
  }
}

export const invalidTransition = (reason: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(reason, message, details, 'INVALID_TRANSITION');

export const notFound = (reason: string, message: string, details?: Record<string, unknown>) => new DomainError(reason, message, details, 'NOT_FOUND');

/** Input did not match a contract schema. `issues` lists each failing path. */
export class ValidationError extends RooftopError {
  constructor(
    message: string,
    readonly issues: ReadonlyArray<{ path: string; message: string }>,
  ) {
    super('VALIDATION_FAILED', message, { issues });
  }
}

/** The stream was not at the expected version when the append tried to commit. */
export class ConcurrencyError extends RooftopError {
  constructor(
    readonly streamId: string,
    readonly expected: string,
    readonly actual: number,
  ) {
    super('CONCURRENCY_CONFLICT', `stream ${streamId} is at version ${actual}, expected ${expected}`, {
      streamId,
      expected,
      actual,
    });
  }
}

/** The command id was already handled; the stored first result is what the caller should get. */
export class DuplicateCommandError extends RooftopError {
  constructor(readonly commandId: string) {
    super('DUPLICATE_COMMAND', `command ${commandId} was already handled`, { commandId });
  }
}

/**
 * The command id was first used for another command (another service or command type) or with other data:
 * the first result belongs to that command, so it is not returned, and this command is not handled either.
 */
export class IdempotencyKeyReusedError extends RooftopError {
  constructor(
    readonly commandId: string,
    readonly reason: 'OTHER_COMMAND' | 'OTHER_DATA',
  ) {
    super(
      'IDEMPOTENCY_KEY_REUSED',
      reason === 'OTHER_COMMAND'
        ? `command id ${commandId} was already used for another command`
        : `command id ${commandId} was already used for this command with other data`,
      { commandId, reason },
    );
  }
}

export const isRooftopError = (error: unknown): error is RooftopError => error instanceof RooftopError;

/**
 * The `default` of a switch over a union (`default: return unreachable(command)`): the compiler proves it cannot
 * be reached — a case missing for a new contract command or event is a type error here, naming the type — and a
 * value that still arrives through a cast fails loudly instead of deciding or folding to `undefined`.
 */
export const unreachable = (value: never): never => {
  const type = typeof value === 'object' && value !== null && 'type' in value ? String((value as { type: unknown }).type) : String(value);
  throw new RooftopError('INTERNAL', `no case for ${type}`, { type });
};
