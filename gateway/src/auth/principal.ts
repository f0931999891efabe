import { internalOnlyRoles, platformRegistry } from '@rooftop/contracts';
import { type CryptoKey, type JWTPayload, errors as joseErrors, importSPKI, jwtVerify } from 'jose';
import { z } from 'zod';

/** The roles the gateway knows (docs/architecture.md §7); tokens may carry finer roles, which commands check on their own. */
export const GATEWAY_ROLES = ['consultant', 'sales_manager', 'service_advisor', 'workshop_manager', 'hq_analyst', 'admin'] as const;
export type GatewayRole = (typeof GATEWAY_ROLES)[number];

/** Who is calling, from a verified bearer token. */
export interface Principal {
  readonly subject: string;
  readonly groupId: string;
  /** `'*'` = every store of the group. */
  readonly storeIds: readonly string[] | '*';
  readonly roles: readonly string[];
}

const id = z.string().regex(/^[A-Za-z0-9_-]+$/);

const claimsSchema = z.object({
  sub: z.string().min(1).max(200),
  groupId: id,
  storeIds: z.union([z.literal('*'), z.array(id).max(1000)]),
  roles: z
    .array(z.string().regex(/^[a-z][a-z0-9_]{0,63}$/))
    .min(1)
    .max(50),
});

export interface TokenVerifierOptions {
  /** HS256 shared secret. */
  readonly secret?: string;
  /** RS256 public key (SPKI PEM). */
  readonly publicKey?: string;
  readonly issuer?: string;
  readonly audience?: string;
  /** Longest a token may live, in seconds: `exp − iat`, and `exp − now` (default 12 h, a working day). */
  readonly maxLifetimeSeconds?: number;
  /** Roles no token may carry (default: `system` and any role only internal commands name). */
  readonly reservedRoles?: readonly string[];
}

/** Default longest token lifetime: a working day (the demo's tokens live 12 h). */
export const DEFAULT_TOKEN_MAX_LIFETIME_SECONDS = 12 * 60 * 60;

/** Why a token was refused; the message is safe to show the caller (it never echoes the token). */
export class TokenRejected extends Error {
  /** A code for the rule that refused it (`NO_EXPIRY`, `LIFETIME_TOO_LONG`, `RESERVED_ROLE`), when one did. */
  constructor(
    message: string,
    readonly reason?: string,
  ) {
    super(message);
  }
}

export type TokenVerifier = (token: string) => Promise<Principal>;

const VERIFIED_TOKENS = 10_000;
const VERIFIED_FOR_MS = 60_000;

/**
 * Verifies a compact JWS with exactly one algorithm (HS256 with a secret or RS256 with a public key — never
 * whatever the token's header asks for) and reads the Rooftop claims.
 */
export const createTokenVerifier = async (options: TokenVerifierOptions): Promise<TokenVerifier> => {
  let key: Uint8Array | CryptoKey;
  let algorithm: 'HS256' | 'RS256';
  if (options.secret !== undefined) {
    key = new TextEncoder().encode(options.secret);
    algorithm = 'HS256';
  } else if (options.publicKey !== undefined) {
    key = await importSPKI(options.publicKey, 'RS256');
    algorithm = 'RS256';
  } else {
    throw new Error('a token verifier needs a secret (HS256) or a public key (RS256)');
  }
  const maxLifetime = options.maxLifetimeSeconds ?? DEFAULT_TOKEN_MAX_LIFETIME_SECONDS;
  const reserved = new Set(options.reservedRoles ?? internalOnlyRoles(platformRegistry));
  // A verified token's principal is kept until the token expires (at most a minute, at most 10,000 tokens):
  // a bearer sends the same token with every request, and verifying it again costs ~0.1 ms of CPU each time.
  const verified = new Map<string, { readonly principal: Principal; readonly until: number }>();
  return async (token) => {
    const now = Date.now();
    const known = verified.get(token);
    if (known && known.until > now) return known.principal;
    if (known) verified.delete(token);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: [algorithm],
        ...(options.issuer ? { issuer: options.issuer } : {}),
        ...(options.audience ? { audience: options.audience } : {}),
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new TokenRejected('the bearer token has expired');
      if (error instanceof joseErrors.JOSEError) throw new TokenRejected('the bearer token is not valid');
      throw error;
    }
    checkLifetime(payload, now, maxLifetime);
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw new TokenRejected(`the bearer token lacks valid claims (${claims.error.issues.map((i) => i.path.join('.')).join(', ')})`);
    const refusedRoles = claims.data.roles.filter((r) => reserved.has(r));
    if (refusedRoles.length > 0) throw new TokenRejected(`no bearer token may carry the role ${refusedRoles.join(', ')}`, 'RESERVED_ROLE');
    const principal: Principal = { subject: claims.data.sub, groupId: claims.data.groupId, storeIds: claims.data.storeIds, roles: claims.data.roles };
    if (verified.size >= VERIFIED_TOKENS) verified.delete(verified.keys().next().value!);
    verified.set(token, { principal, until: Math.min(payload.exp! * 1000, now + VERIFIED_FOR_MS) });
    return principal;
  };
};

/**
 * A token must say when it expires, and live no longer than the limit: a leaked token without `exp` would
 * open the gateway forever, and one minted for a year nearly so.
 */
const checkLifetime = (payload: JWTPayload, now: number, maxSeconds: number): void => {
  if (typeof payload.exp !== 'number') throw new TokenRejected('the bearer token has no expiry (exp)', 'NO_EXPIRY');
  const issued = typeof payload.iat === 'number' ? Math.min(payload.iat, now / 1000) : now / 1000;
  if (payload.exp - issued > maxSeconds) throw new TokenRejected(`the bearer token lives longer than ${maxSeconds} s`, 'LIFETIME_TOO_LONG');
};

/** The token of an `Authorization: Bearer <token>` header; undefined when there is none, TokenRejected when malformed. */
export const bearerToken = (header: string | null): string | undefined => {
  if (header === null || header.trim() === '') return undefined;
  const match = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\s*$/i.exec(header);
  if (!match) throw new TokenRejected('the Authorization header is not "Bearer <jwt>"');
  return match[1];
};
