import { type ConnectionOptions, nkeyAuthenticator } from '@nats-io/nats-core';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

// How a process proves who it is to NATS (docs/operations.md, "NATS credentials"): an nkey seed (what
// `npm run nats:credentials` issues), or a user and password; the inbox prefix its permissions allow replies on;
// the CA of the servers' TLS certificates. Unset everywhere: an anonymous plain connection (the local dev server).

const optionalText = () => z.string().min(1).optional();

export const natsAuthVars = {
  NATS_NKEY_SEED: optionalText()
    .refine((v) => v === undefined || /^SU[A-Z2-7]{56}$/.test(v.trim()), 'must be a user nkey seed (SU…, 58 characters)')
    .describe("nkey seed of this process's NATS user (secret; never logged). Prefer NATS_NKEY_SEED_FILE."),
  NATS_NKEY_SEED_FILE: optionalText().describe("File holding the nkey seed of this process's NATS user (e.g. a mounted secret)."),
  NATS_USER: optionalText().describe('NATS user name (with NATS_PASSWORD), where the servers use passwords instead of nkeys.'),
  NATS_PASSWORD: optionalText().describe('Password of NATS_USER (secret; never logged).'),
  NATS_TLS_CA: optionalText().describe("PEM file of the CA that signed the NATS servers' certificates; set, the connection requires TLS."),
  NATS_INBOX_PREFIX: z
    .string()
    .regex(/^_INBOX(\.[A-Za-z0-9_-]+)*$/, 'must be _INBOX or _INBOX.<token>…')
    .optional()
    .describe("Prefix of this process's reply subjects; its NATS user may only subscribe under it (the credentials tool prints it)."),
};

export interface NatsAuthConfig {
  readonly NATS_URL: string;
  readonly NATS_NKEY_SEED?: string | undefined;
  readonly NATS_NKEY_SEED_FILE?: string | undefined;
  readonly NATS_USER?: string | undefined;
  readonly NATS_PASSWORD?: string | undefined;
  readonly NATS_TLS_CA?: string | undefined;
  readonly NATS_INBOX_PREFIX?: string | undefined;
}

/**
 * The options every NATS connection of a Rooftop process is made with: servers, name, credentials, TLS and inbox
 * prefix from its config. A seed in a file is read once, here; an unreadable file fails the start.
 */
export const natsConnectionOptions = (config: NatsAuthConfig, name: string): ConnectionOptions => {
  const seedText = config.NATS_NKEY_SEED ?? (config.NATS_NKEY_SEED_FILE ? readFileSync(config.NATS_NKEY_SEED_FILE, 'utf8') : undefined);
  const seed = seedText?.trim();
  if (seed !== undefined && !/^SU[A-Z2-7]{56}$/.test(seed))
    throw new TypeError(`NATS_NKEY_SEED_FILE ${config.NATS_NKEY_SEED_FILE} does not hold a user nkey seed`);
  if ((config.NATS_USER === undefined) !== (config.NATS_PASSWORD === undefined)) throw new TypeError('NATS_USER and NATS_PASSWORD go together');
  return {
    servers: config.NATS_URL,
    name,
    ...(seed !== undefined ? { authenticator: nkeyAuthenticator(new TextEncoder().encode(seed)) } : {}),
    ...(config.NATS_USER !== undefined ? { user: config.NATS_USER, pass: config.NATS_PASSWORD } : {}),
    ...(config.NATS_TLS_CA !== undefined ? { tls: { caFile: config.NATS_TLS_CA } } : {}),
    ...(config.NATS_INBOX_PREFIX !== undefined ? { inboxPrefix: config.NATS_INBOX_PREFIX } : {}),
  };
};

/** Reads the NATS settings straight from an environment (for scripts that have no config schema of their own). */
export const natsConnectionOptionsFromEnv = (
  env: Record<string, string | undefined>,
  name: string,
  fallbackUrl = 'nats://127.0.0.1:4222',
): ConnectionOptions => {
  const parsed = z.object(natsAuthVars).parse(Object.fromEntries(Object.keys(natsAuthVars).map((k) => [k, env[k] === '' ? undefined : env[k]])));
  return natsConnectionOptions({ NATS_URL: env.NATS_URL ?? fallbackUrl, ...parsed }, name);
};
