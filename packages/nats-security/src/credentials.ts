import { createUser, fromSeed } from '@nats-io/nkeys';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { inboxPrefix, type SecurityTopology, type UserRef, userKey, usersOf, validateTopology } from './topology.js';

// The secrets of one group's bus: an nkey seed per user (nats-server keeps only the public key) and a password per
// store leaf (the hub keeps only its bcrypt hash: leaf remotes cannot sign with an nkey before nats-server 2.10.9).

export interface CredentialSet {
  readonly topology: SecurityTopology;
  /** User key (`store/sh-001/sales`) → nkey seed (`SU…`). */
  readonly seeds: Readonly<Record<string, string>>;
  /** Store id → the password its leaf authenticates to the hub with. */
  readonly leafPasswords: Readonly<Record<string, string>>;
}

const newSeed = (): string => new TextDecoder().decode(createUser().getSeed());
const newPassword = (): string => randomBytes(24).toString('base64url');

/**
 * Credentials for every user and leaf of `topology`: those `previous` has are kept, the others created, and those
 * of users the topology no longer has are dropped (that is how a user is revoked).
 */
export const generateCredentials = (topology: SecurityTopology, previous?: CredentialSet): CredentialSet => {
  validateTopology(topology);
  const seeds: Record<string, string> = {};
  for (const ref of usersOf(topology)) seeds[userKey(ref)] = previous?.seeds[userKey(ref)] ?? newSeed();
  const leafPasswords: Record<string, string> = {};
  for (const { storeId } of topology.stores) leafPasswords[storeId] = previous?.leafPasswords[storeId] ?? newPassword();
  return { topology, seeds, leafPasswords };
};

/** New secrets for the named users (`store/sh-001/sales`) and store leaves (`leaf/sh-001`); the old ones stop working at the next reload. */
export const rotateCredentials = (set: CredentialSet, keys: readonly string[]): CredentialSet => {
  const seeds = { ...set.seeds };
  const leafPasswords = { ...set.leafPasswords };
  for (const key of keys) {
    if (key.startsWith('leaf/') && key.slice(5) in leafPasswords) leafPasswords[key.slice(5)] = newPassword();
    else if (key in seeds) seeds[key] = newSeed();
    else
      throw new TypeError(
        `no user or leaf "${key}" to rotate (known: ${[...Object.keys(seeds), ...Object.keys(leafPasswords).map((s) => `leaf/${s}`)].join(', ')})`,
      );
  }
  return { topology: set.topology, seeds, leafPasswords };
};

export const publicKeyOf = (seed: string): string => fromSeed(new TextEncoder().encode(seed)).getPublicKey();

export const seedOf = (set: CredentialSet, ref: UserRef): string => {
  const seed = set.seeds[userKey(ref)];
  if (seed === undefined) throw new TypeError(`no credentials for ${userKey(ref)}`);
  return seed;
};

/**
 * The environment a process connects with as `ref` (read by `@rooftop/platform`'s NATS settings): its seed, its
 * inbox prefix and, with TLS, the CA that signed the servers' certificates.
 */
export const connectionEnv = (set: CredentialSet, ref: UserRef, tls?: { readonly caFile: string }): Record<string, string> => ({
  NATS_NKEY_SEED: seedOf(set, ref),
  NATS_INBOX_PREFIX: inboxPrefix(ref),
  ...(tls ? { NATS_TLS_CA: tls.caFile } : {}),
});

const SECRETS = 'credentials.json';

/**
 * Writes the set to `dir`: `credentials.json` (everything, the source of truth for rendering) and one file per
 * secret to hand to a process (`users/store/sh-001/sales.nk`, `leafs/sh-001.password`), all mode 0600.
 */
export const writeCredentials = (dir: string, set: CredentialSet): void => {
  const put = (file: string, text: string) => {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, text, { mode: 0o600 });
    chmodSync(file, 0o600);
  };
  put(join(dir, SECRETS), `${JSON.stringify(set, null, 2)}\n`);
  // A revoked user's or store's files go with it.
  rmSync(join(dir, 'users'), { recursive: true, force: true });
  rmSync(join(dir, 'leafs'), { recursive: true, force: true });
  for (const [key, seed] of Object.entries(set.seeds)) put(join(dir, 'users', `${key}.nk`), `${seed}\n`);
  for (const [storeId, password] of Object.entries(set.leafPasswords)) put(join(dir, 'leafs', `${storeId}.password`), `${password}\n`);
};

export const readCredentials = (dir: string): CredentialSet => {
  const set = JSON.parse(readFileSync(join(dir, SECRETS), 'utf8')) as CredentialSet;
  validateTopology(set.topology);
  return set;
};
