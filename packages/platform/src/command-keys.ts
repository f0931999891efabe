import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';

/**
 * The keys of signed command assertions (docs/adr/0020), as environment variables. The shapes match
 * `CommandIssuer` and `CommandSigningKey` of `@rooftop/messaging`, which consumes them.
 */

const KID = /^[A-Za-z0-9_.:-]{1,100}$/;
const ROLE = /^[a-z][a-z0-9_]{0,99}$/;

const importKey = (jwk: unknown, kind: 'public' | 'private'): KeyObject | undefined => {
  try {
    const key = kind === 'public' ? createPublicKey({ key: jwk as never, format: 'jwk' }) : createPrivateKey({ key: jwk as never, format: 'jwk' });
    return key.asymmetricKeyType === 'ed25519' ? key : undefined;
  } catch {
    return undefined;
  }
};

const jsonText = (what: string) =>
  z.string().transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: `must be JSON (${what})` });
      return z.NEVER;
    }
  });

const okpJwk = z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string().min(1) });

const scope = (pattern: RegExp, what: string) => z.union([z.literal('*'), z.array(z.string().regex(pattern, `each is ${what}`)).min(1)]);

const issuerEntry = z
  .object({
    key: okpJwk.describe('the public key as a JWK'),
    roles: scope(ROLE, 'a role name').refine(
      (roles) => roles === '*' || !roles.includes('system'),
      'may not include system: it belongs to the services’ own timers and reactions',
    ),
    stores: scope(/^[A-Za-z0-9_-]+$/, 'a store id'),
    clock: z.boolean().default(false),
  })
  .strict();

export interface CommandIssuerKey {
  readonly kid: string;
  readonly publicKey: KeyObject;
  readonly roles: readonly string[] | '*';
  readonly stores: readonly string[] | '*';
  readonly clock: boolean;
}

export interface CommandSigningKeyConfig {
  readonly kid: string;
  readonly privateKey: KeyObject;
}

/**
 * `COMMAND_ISSUER_KEYS`: JSON `{ "<kid>": { "key": {Ed25519 public JWK}, "roles": "*" | [...], "stores": "*" | [...],
 * "clock": false } }` → a map of kid → issuer. Refuses a key that is not an Ed25519 public key and a grant of `system`.
 */
export const commandIssuerKeysVar = () =>
  jsonText('kid → { key, roles, stores, clock }').pipe(
    z
      .record(z.string().regex(KID, 'key ids are 1–100 letters, digits or _ . : -'), issuerEntry)
      .refine((issuers) => Object.keys(issuers).length > 0, 'names at least one issuer')
      .transform((issuers, ctx): ReadonlyMap<string, CommandIssuerKey> => {
        const map = new Map<string, CommandIssuerKey>();
        for (const [kid, entry] of Object.entries(issuers)) {
          const publicKey = importKey(entry.key, 'public');
          if (!publicKey) {
            ctx.addIssue({ code: 'custom', message: `issuer ${kid}: key is not an Ed25519 public JWK` });
            return z.NEVER;
          }
          map.set(kid, { kid, publicKey, roles: entry.roles, stores: entry.stores, clock: entry.clock });
        }
        return map;
      }),
  );

/** `COMMAND_SIGNING_KEY`: an Ed25519 private JWK with its `kid` (`{"kty":"OKP","crv":"Ed25519","kid":…,"x":…,"d":…}`). */
export const commandSigningKeyVar = () =>
  jsonText('an Ed25519 private JWK with a kid').pipe(
    okpJwk
      .extend({ kid: z.string().regex(KID, 'kid is 1–100 letters, digits or _ . : -'), d: z.string().min(1) })
      .transform((jwk, ctx): CommandSigningKeyConfig => {
        const privateKey = importKey(jwk, 'private');
        if (!privateKey) {
          ctx.addIssue({ code: 'custom', message: 'is not an Ed25519 private JWK' });
          return z.NEVER;
        }
        return { kid: jwk.kid, privateKey };
      }),
  );
