import { type KeyObject } from 'node:crypto';
import { type Actor, type Command, dataHash, RooftopError } from '@rooftop/eventsourcing';
import { decodeProtectedHeader, errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';

/** The NATS header that carries a command's signed actor assertion (docs/adr/0020). */
export const ASSERTION_HEADER = 'Rooftop-Command-Assertion';
/** The JWS `typ` of an assertion, so no other token signed by the same key passes as one. */
export const ASSERTION_TYPE = 'rooftop-command+jwt';
/** Longest lifetime (`exp − iat`) a service accepts, whatever the issuer asks for. */
export const MAX_ASSERTION_LIFETIME_S = 300;
/** Longest assertion a service reads (a real one is well under 1 KiB). */
const MAX_ASSERTION_LENGTH = 4_096;
/** Clock difference tolerated between the issuer's and the service's clock for `iat` and `exp`. */
const CLOCK_TOLERANCE_S = 30;

/** A private key that signs assertions, and the key id services know its public key by. */
export interface CommandSigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
}

/** An issuer services trust: its public key and what it may assert. */
export interface CommandIssuer {
  readonly kid: string;
  readonly publicKey: KeyObject;
  /** Roles it may assert (`*`: any role but the reserved ones, which no issuer may assert). */
  readonly roles: readonly string[] | '*';
  /** Stores it may send commands to (`*`: all). */
  readonly stores: readonly string[] | '*';
  /** Whether a command's `metadata.now` is taken from it (the simulator's months, tests); otherwise the service's clock. */
  readonly clock: boolean;
}

export type CommandIssuers = ReadonlyMap<string, CommandIssuer>;

/** The command an assertion is for: sent beside it, so the service can check they agree. */
export interface AssertedCommand {
  readonly id: string;
  readonly type: string;
  readonly context: string;
  readonly storeId: string;
  /** `dataHash(command.data)`. */
  readonly data: string;
  readonly now: string;
}

export interface VerifiedAssertion {
  readonly issuer: CommandIssuer;
  readonly actor: Actor;
  /** The stores the actor may act in (`*`: all). */
  readonly stores: readonly string[] | '*';
  readonly command: AssertedCommand;
}

export interface SignOptions {
  /** The stores the actor may act in (default: only the command's store). */
  readonly stores?: readonly string[] | '*';
}

/** Signs the assertion every command sent over NATS carries (the gateway, the simulator, tests, the bench). */
export interface CommandSigner {
  readonly kid: string;
  sign(command: Command, context: string, options?: SignOptions): Promise<string>;
}

export interface CommandSignerOptions {
  /** Lifetime of each assertion (default 60 s; at most MAX_ASSERTION_LIFETIME_S). */
  readonly ttlSeconds?: number;
  /** Wall clock of `iat`/`exp` (never the command's business time). */
  readonly clock?: () => Date;
}

const scopeSchema = z.union([z.literal('*'), z.array(z.string().min(1).max(100)).max(1_000)]);

const claimsSchema = z.object({
  iss: z.string().min(1),
  sub: z.string().min(1),
  act: z.object({ kind: z.enum(['user', 'system']), id: z.string().min(1).max(200), roles: z.array(z.string().min(1).max(100)).max(100) }),
  stores: scopeSchema,
  cmd: z.object({
    id: z.string().min(1).max(200),
    type: z.string().min(1).max(200),
    ctx: z.string().min(1).max(100),
    store: z.string().min(1).max(100),
    data: z.string().min(1).max(100),
    now: z.string().min(1).max(100),
  }),
  iat: z.number().int(),
  exp: z.number().int(),
});

export const createCommandSigner = (key: CommandSigningKey, options: CommandSignerOptions = {}): CommandSigner => {
  const ttl = options.ttlSeconds ?? 60;
  if (!Number.isInteger(ttl) || ttl <= 0 || ttl > MAX_ASSERTION_LIFETIME_S) {
    throw new RooftopError('VALIDATION_FAILED', `an assertion lives 1–${MAX_ASSERTION_LIFETIME_S} s, not ${ttl}`);
  }
  const clock = options.clock ?? (() => new Date());
  return {
    kid: key.kid,
    async sign(command, context, signOptions = {}) {
      const iat = Math.floor(clock().getTime() / 1000);
      return new SignJWT({
        act: { kind: command.actor.kind, id: command.actor.id, roles: [...(command.actor.roles ?? [])] },
        stores: signOptions.stores === '*' ? '*' : [...(signOptions.stores ?? [command.storeId])],
        cmd: { id: command.commandId, type: command.type, ctx: context, store: command.storeId, data: dataHash(command.data), now: command.metadata.now },
      })
        .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: ASSERTION_TYPE })
        .setIssuer(key.kid)
        .setSubject(command.actor.id)
        .setIssuedAt(iat)
        .setExpirationTime(iat + ttl)
        .sign(key.privateKey);
    },
  };
};

const unauthenticated = (reason: string, message: string, details: Record<string, unknown> = {}) =>
  new RooftopError('UNAUTHENTICATED', message, { reason, ...details });

const verificationFailure = (error: unknown): RooftopError => {
  if (error instanceof errors.JWTExpired) return unauthenticated('EXPIRED', 'the command assertion has expired');
  if (error instanceof errors.JWSSignatureVerificationFailed) return unauthenticated('BAD_SIGNATURE', 'the command assertion signature does not verify');
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'iat') {
    return unauthenticated('NOT_YET_VALID', 'the command assertion was issued in the future');
  }
  if (error instanceof RooftopError) return error;
  return unauthenticated('MALFORMED_ASSERTION', `the command assertion is not a valid ${ASSERTION_TYPE}: ${(error as Error).message}`);
};

/**
 * Checks an assertion's form, issuer, signature, `typ`, `iat`/`exp` (with 30 s tolerance, and a lifetime of
 * at most MAX_ASSERTION_LIFETIME_S) and claims. Returns what it asserts, or a typed UNAUTHENTICATED error;
 * whether that matches the command and may be acted on is the command gate's business.
 */
export const verifyCommandAssertion = async (token: string | undefined, issuers: CommandIssuers, now: Date): Promise<VerifiedAssertion | RooftopError> => {
  if (!token) return unauthenticated('MISSING_ASSERTION', `the command carries no ${ASSERTION_HEADER} header`);
  if (token.length > MAX_ASSERTION_LENGTH) return unauthenticated('MALFORMED_ASSERTION', `the command assertion is longer than ${MAX_ASSERTION_LENGTH} characters`);
  let kid: unknown;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    return unauthenticated('MALFORMED_ASSERTION', 'the command assertion is not a compact JWS');
  }
  const issuer = typeof kid === 'string' ? issuers.get(kid) : undefined;
  if (!issuer) return unauthenticated('UNKNOWN_ISSUER', 'the command assertion is signed by a key this service does not trust', { kid: typeof kid === 'string' ? kid.slice(0, 100) : null });
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, issuer.publicKey, {
      algorithms: ['EdDSA'],
      typ: ASSERTION_TYPE,
      issuer: issuer.kid,
      currentDate: now,
      clockTolerance: CLOCK_TOLERANCE_S,
      maxTokenAge: MAX_ASSERTION_LIFETIME_S + CLOCK_TOLERANCE_S,
      requiredClaims: ['iat', 'exp', 'sub'],
    }));
  } catch (error) {
    return verificationFailure(error);
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) return unauthenticated('MALFORMED_ASSERTION', 'the command assertion lacks the actor or command claims');
  const { act, stores, cmd, iat, exp, sub } = claims.data;
  if (exp - iat > MAX_ASSERTION_LIFETIME_S) {
    return unauthenticated('TOO_LONG_LIVED', `the command assertion lives ${exp - iat} s, more than ${MAX_ASSERTION_LIFETIME_S} s`);
  }
  if (sub !== act.id) return unauthenticated('MALFORMED_ASSERTION', 'the command assertion names two actors');
  return {
    issuer,
    actor: { kind: act.kind, id: act.id, roles: act.roles },
    stores,
    command: { id: cmd.id, type: cmd.type, context: cmd.ctx, storeId: cmd.store, data: cmd.data, now: cmd.now },
  };
};
