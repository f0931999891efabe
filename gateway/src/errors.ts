import { type ErrorBody } from '@rooftop/eventsourcing';
import { GraphQLError } from './graphql.js';

// Every error the gateway raises carries `extensions.code`, so clients branch on codes, never on messages.

export const UNAUTHENTICATED = 'UNAUTHENTICATED';
export const FORBIDDEN = 'FORBIDDEN';

export const gatewayError = (code: string, message: string, extensions: Record<string, unknown> = {}): GraphQLError =>
  new GraphQLError(message, { extensions: { ...extensions, code } });

/**
 * The caller's arguments cannot be read (a cursor the gateway never gave out, an input nested past its bound):
 * VALIDATION_FAILED, and the response is a 400 like any other request error, whatever else it holds.
 */
export const badInput = (reason: string, message: string, details: Record<string, unknown> = {}): GraphQLError =>
  gatewayError('VALIDATION_FAILED', message, { reason, ...details, http: { status: 400 } });

/** No token or a bad one: answered like HTTP 401 (yoga uses `extensions.http.status` for the response); `reason` names the rule when one refused it. */
export const unauthenticated = (message: string, reason?: string): GraphQLError =>
  new GraphQLError(message, {
    extensions: { code: UNAUTHENTICATED, ...(reason ? { reason } : {}), http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } } },
  });

/** Authenticated but outside the caller's scope; `reason` says which rule refused (WRONG_GROUP, WRONG_STORE, MISSING_ROLE). */
export const forbidden = (reason: string, message: string, details: Record<string, unknown> = {}): GraphQLError =>
  gatewayError(FORBIDDEN, message, { reason, ...details });

/**
 * A typed error from a service or a package (its `toBody()`): the code stays the code, a domain rule's
 * `reason` is lifted next to it, and the rest of the details follow.
 */
export const fromErrorBody = (body: ErrorBody): GraphQLError => {
  const { reason, ...details } = body.details ?? {};
  return gatewayError(body.code, body.message, {
    ...(typeof reason === 'string' ? { reason } : {}),
    ...(Object.keys(details).length > 0 ? { details } : {}),
  });
};
