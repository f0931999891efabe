import { type ErrorBody, RooftopError } from '@rooftop/eventsourcing';
import { z } from 'zod';

/** W3C trace context `version-traceid-parentid-flags`. */
const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

const actorSchema = z.object({
  kind: z.enum(['user', 'system']),
  id: z.string().min(1),
  roles: z.array(z.string()).optional(),
});

/**
 * The wire shape of a `Command` (see `@rooftop/eventsourcing`). `data` is checked separately against the
 * command's own contract, so here it is only required to be present.
 */
export const commandEnvelopeSchema = z.object({
  // Idempotency keys chosen by callers are allowed, so any bounded non-empty string, not only a UUID.
  commandId: z.string().min(1).max(200),
  type: z.string().min(1),
  storeId: z.string().min(1),
  actor: actorSchema,
  data: z.unknown().refine((value) => value !== undefined, 'data is required'),
  metadata: z.object({
    now: z.iso.datetime({ offset: true }),
    correlationId: z.string().min(1),
    causationId: z.string().min(1).optional(),
    traceparent: z.string().regex(TRACEPARENT, 'must be a W3C traceparent').optional(),
  }),
});

export type CommandReplyError = ErrorBody;

/** Exactly what a command service answers: the handler's result, or a typed error. */
export type CommandReply<TResult = unknown> = { readonly ok: true; readonly result: TResult } | { readonly ok: false; readonly error: CommandReplyError };

export const commandReplySchema = z.union([
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.string().min(1), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
  }),
]);

export const okReply = <TResult>(result: TResult): CommandReply<TResult> => ({ ok: true, result });

export const errorReply = (error: RooftopError): CommandReply<never> => ({ ok: false, error: error.toBody() });

/**
 * Anything a handler threw, as a reply. A RooftopError keeps its code and details; anything else is
 * INTERNAL with its message only, because a stack trace is for our logs, not for callers.
 */
export const replyForThrown = (thrown: unknown, commandId?: string): CommandReply<never> => {
  if (thrown instanceof RooftopError) return errorReply(thrown);
  const message = thrown instanceof Error ? thrown.message : describeNonError(thrown);
  return errorReply(new RooftopError('INTERNAL', message || 'internal error', commandId ? { commandId } : undefined));
};

const describeNonError = (thrown: unknown): string => {
  if (typeof thrown === 'object' && thrown !== null && 'message' in thrown && typeof thrown.message === 'string') {
    return thrown.message;
  }
  return typeof thrown === 'string' ? thrown : 'internal error';
};

const encoder = new TextEncoder();

/** Result values that JSON cannot carry (`undefined`) become `null`, so the reply always has a `result` key. */
export const encodeReply = (reply: CommandReply): Uint8Array => encoder.encode(JSON.stringify(reply.ok ? { ok: true, result: reply.result ?? null } : reply));
