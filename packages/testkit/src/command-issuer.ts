import { generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';

export interface TestCommandIssuerOptions {
  readonly kid?: string;
  /** Roles it may assert (default `*`). */
  readonly roles?: readonly string[] | '*';
  /** Stores it may send to (default `*`). */
  readonly stores?: readonly string[] | '*';
  /** Whether it sets `metadata.now` (default true: tests send commands at fixed business times). */
  readonly clock?: boolean;
}

/**
 * A fresh Ed25519 command issuer for a test: the same shapes as `CommandSigningKey` / `CommandIssuer` of
 * `@rooftop/messaging` (sign with `createCommandSigner(issuer.signingKey)`), and the env values a service or
 * gateway process started from its environment reads.
 */
export interface TestCommandIssuer {
  readonly kid: string;
  readonly signingKey: { readonly kid: string; readonly privateKey: KeyObject };
  readonly issuer: {
    readonly kid: string;
    readonly publicKey: KeyObject;
    readonly roles: readonly string[] | '*';
    readonly stores: readonly string[] | '*';
    readonly clock: boolean;
  };
  /** `issuer` keyed by kid, for `bootstrapCommandService({ identity: { issuers } })`. */
  readonly issuers: ReadonlyMap<string, TestCommandIssuer['issuer']>;
  /** `COMMAND_ISSUER_KEYS` naming only this issuer. */
  readonly issuerKeysEnv: string;
  /** This issuer's entry of `COMMAND_ISSUER_KEYS`, to combine several issuers. */
  readonly issuerEntry: Record<string, unknown>;
  /** `COMMAND_SIGNING_KEY` of a process that signs as this issuer. */
  readonly signingKeyEnv: string;
}

export const createTestCommandIssuer = (options: TestCommandIssuerOptions = {}): TestCommandIssuer => {
  const kid = options.kid ?? `test-${randomUUID().slice(0, 8)}`;
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const issuer = { kid, publicKey, roles: options.roles ?? '*', stores: options.stores ?? '*', clock: options.clock ?? true } as const;
  const entry = { key: publicKey.export({ format: 'jwk' }), roles: issuer.roles, stores: issuer.stores, clock: issuer.clock };
  return {
    kid,
    signingKey: { kid, privateKey },
    issuer,
    issuers: new Map([[kid, issuer]]),
    issuerKeysEnv: JSON.stringify({ [kid]: entry }),
    issuerEntry: entry,
    signingKeyEnv: JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid }),
  };
};

let shared: TestCommandIssuer | undefined;

/** One clock-authority issuer for every service and sender of a test process (its key pair made on first use). */
export const sharedTestCommandIssuer = (): TestCommandIssuer => (shared ??= createTestCommandIssuer({ kid: 'test-issuer' }));
