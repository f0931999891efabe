import { sign as edSign, verify as edVerify } from 'node:crypto';
import { type Actor, type Command, dataHash, RooftopError } from '@rooftop/eventsourcing';
import { type CommandIssuerKey, type CommandSigningKeyConfig } from '@rooftop/platform';
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

/** A private key that signs assertions, and the key id services know its public key by (`COMMAND_SIGNING_KEY`). */
export type CommandSigningKey = CommandSigningKeyConfig;

/**
 * An issuer services trust (`COMMAND_ISSUER_KEYS`): its public key, the roles it may assert (`*`: any but the
 * reserved ones, which no issuer may assert), the stores it may send to, and whether a command's `metadata.now`
 * is taken from it (the simulator's months, tests) rather than from the service's clock.
 */
export type CommandIssuer = CommandIssuerKey;

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

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

// Compact JWS (RFC 7515) with EdDSA over Ed25519 (RFC 8037), on node:crypto's synchronous one-shot sign/verify:
// the checks an assertion needs are few and fixed (one header shape, one algorithm), so no general JOSE library
// sits on the command path (docs/adr/0020). Interoperability with jose is tested in command-gate.unit.spec.ts.
export const createCommandSigner = (key: CommandSigningKey, options: CommandSignerOptions = {}): CommandSigner => {
  const ttl = options.ttlSeconds ?? 60;
  if (!Number.isInteger(ttl) || ttl <= 0 || ttl > MAX_ASSERTION_LIFETIME_S) {
    throw new RooftopError('VALIDATION_FAILED', `an assertion lives 1–${MAX_ASSERTION_LIFETIME_S} s, not ${ttl}`);
  }
  const clock = options.clock ?? (() => new Date());
  const header = b64({ alg: 'EdDSA', kid: key.kid, typ: ASSERTION_TYPE });
  return {
    kid: key.kid,
    async sign(command, context, signOptions = {}) {
      const iat = Math.floor(clock().getTime() / 1000);
      const payload = b64({
        iss: key.kid,
        sub: command.actor.id,
        iat,
        exp: iat + ttl,
        act: { kind: command.actor.kind, id: command.actor.id, roles: [...(command.actor.roles ?? [])] },
        stores: signOptions.stores === '*' ? '*' : [...(signOptions.stores ?? [command.storeId])],
        cmd: { id: command.commandId, type: command.type, ctx: context, store: command.storeId, data: dataHash(command.data), now: command.metadata.now },
      });
      const signature = edSign(null, Buffer.from(`${header}.${payload}`), key.privateKey).toString('base64url');
      return `${header}.${payload}.${signature}`;
    },
  };
};

const unauthenticated = (reason: string, message: string, details: Record<string, unknown> = {}) =>
  new RooftopError('UNAUTHENTICATED', message, { reason, ...details });

const B64URL = /^[A-Za-z0-9_-]+$/;

const headerSchema = z.object({ alg: z.literal('EdDSA'), typ: z.literal(ASSERTION_TYPE), kid: z.string().min(1).max(100) }).strict();

const decodeJson = (part: string): unknown => {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
};

const malformed = (why: string) => unauthenticated('MALFORMED_ASSERTION', `the command assertion is not a valid ${ASSERTION_TYPE}: ${why}`);

/**
 * Checks an assertion's form (a compact JWS whose protected header is exactly `alg` EdDSA, `typ`
 * rooftop-command+jwt and `kid`), issuer, signature, `iat`/`exp` (with 30 s tolerance, and a lifetime of at most
 * MAX_ASSERTION_LIFETIME_S) and claims. Returns what it asserts, or a typed UNAUTHENTICATED error; whether that
 * matches the command and may be acted on is the command gate's business.
 */
export const verifyCommandAssertion = async (token: string | undefined, issuers: CommandIssuers, now: Date): Promise<VerifiedAssertion | RooftopError> => {
  if (!token) return unauthenticated('MISSING_ASSERTION', `the command carries no ${ASSERTION_HEADER} header`);
  if (token.length > MAX_ASSERTION_LENGTH) return malformed(`longer than ${MAX_ASSERTION_LENGTH} characters`);
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => B64URL.test(part))) return malformed('not a compact JWS');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = headerSchema.safeParse(decodeJson(headerPart));
  if (!header.success) return malformed('its header is not exactly { alg: EdDSA, typ, kid }');
  const issuer = issuers.get(header.data.kid);
  if (!issuer) return unauthenticated('UNKNOWN_ISSUER', 'the command assertion is signed by a key this service does not trust', { kid: header.data.kid });
  const signature = Buffer.from(signaturePart, 'base64url');
  if (signature.length !== 64 || !edVerify(null, Buffer.from(`${headerPart}.${payloadPart}`), issuer.publicKey, signature)) {
    return unauthenticated('BAD_SIGNATURE', 'the command assertion signature does not verify');
  }
  const claims = claimsSchema.safeParse(decodeJson(payloadPart));
  if (!claims.success) return malformed('it lacks the actor or command claims');
  const { iss, act, stores, cmd, iat, exp, sub } = claims.data;
  const nowS = now.getTime() / 1000;
  if (iss !== issuer.kid || sub !== act.id) return malformed('its issuer or subject disagrees with its key or actor');
  if (exp - iat > MAX_ASSERTION_LIFETIME_S) {
    return unauthenticated('TOO_LONG_LIVED', `the command assertion lives ${exp - iat} s, more than ${MAX_ASSERTION_LIFETIME_S} s`);
  }
  if (exp + CLOCK_TOLERANCE_S <= nowS) return unauthenticated('EXPIRED', 'the command assertion has expired');
  if (iat - CLOCK_TOLERANCE_S > nowS) return unauthenticated('NOT_YET_VALID', 'the command assertion was issued in the future');
  return {
    issuer,
    actor: { kind: act.kind, id: act.id, roles: act.roles },
    stores,
    command: { id: cmd.id, type: cmd.type, context: cmd.ctx, storeId: cmd.store, data: cmd.data, now: cmd.now },
  };
};
