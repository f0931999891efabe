import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { nkeys } from '@nats-io/nats-core';
import { RooftopError, ValidationError } from '@rooftop/eventsourcing';
import { z } from 'zod';
import { type Grant, grantSchema } from '../grant.js';
import { integratorPermissions } from './permissions.js';

export interface IntegratorCredentials {
  readonly name: string;
  /** The user's nkey (public): what the server knows. */
  readonly publicKey: string;
  /** The nkey seed (`SU…`): shown once, given to the integrator, never stored at HQ. */
  readonly seed: string;
}

/**
 * Issues and revokes integrators' NATS users. Implemented here against nats-server's static configuration
 * (nkey users + reload); an account/JWT-based issuer can implement the same interface.
 */
export interface IntegratorCredentialsIssuer {
  /** A new key for the grant's integrator; an existing one is replaced (rotation: the old key stops working). */
  issue(grant: Grant): Promise<IntegratorCredentials>;
  /** The integrator's user is removed and its connections closed; true when it existed. */
  revoke(name: string): Promise<boolean>;
  /** Integrators that have a user now. */
  list(): Promise<readonly string[]>;
}

export class UnknownIntegratorError extends RooftopError {
  constructor(name: string) {
    super('UNKNOWN_INTEGRATOR', `integrator ${name} has no NATS user`, { name });
  }
}

const stateSchema = z.record(z.string(), z.object({ publicKey: z.string().regex(/^U[A-Z2-7]{55}$/) }));
type State = z.output<typeof stateSchema>;

export interface StaticConfigIssuerOptions {
  /** The nats-server config file this issuer owns (the hub's config `include`s it). */
  readonly configFile: string;
  /** Where the issued public keys are kept (JSON); default `<configFile>.json`. */
  readonly stateFile?: string;
  /** Makes the server re-read its configuration (`signalReload(pid)`, or `nats-server --signal reload`). */
  readonly reload: () => Promise<void>;
  /**
   * The user every anonymous connection maps to (`no_auth_user`): the platform's own processes connect without
   * credentials until the accounts of docs/adr/0026 replace this. Default `rooftop-internal`.
   */
  readonly internalUser?: string;
}

const quote = (value: string): string => JSON.stringify(value);
const list = (values: readonly string[]): string => `[${values.map(quote).join(', ')}]`;

/**
 * One nkey user per integrator in a file of its own, rendered in full from the state and swapped in atomically,
 * then a config reload: nats-server 2.9 closes the connections of a user a reload removes (tested), so a
 * revocation takes effect at once, without a restart.
 */
export class StaticConfigCredentialsIssuer implements IntegratorCredentialsIssuer {
  private readonly stateFile: string;
  private readonly internalUser: string;
  /** A key whose seed is thrown away: with one nkey user always present the server always asks for a signed
   * nonce, so a revoked key is refused instead of falling through to the anonymous user (seen on 2.9.10). */
  private readonly sentinel = nkeys.createUser().getPublicKey();

  constructor(private readonly options: StaticConfigIssuerOptions) {
    this.stateFile = options.stateFile ?? `${options.configFile}.json`;
    this.internalUser = options.internalUser ?? 'rooftop-internal';
  }

  async issue(grant: Grant): Promise<IntegratorCredentials> {
    const { name } = grantSchema.parse(grant);
    const pair = nkeys.createUser();
    const state = this.read();
    state[name] = { publicKey: pair.getPublicKey() };
    await this.write(state);
    return { name, publicKey: pair.getPublicKey(), seed: new TextDecoder().decode(pair.getSeed()) };
  }

  async revoke(name: string): Promise<boolean> {
    const state = this.read();
    if (!state[name]) return false;
    delete state[name];
    await this.write(state);
    return true;
  }

  list(): Promise<readonly string[]> {
    return Promise.resolve(Object.keys(this.read()).sort());
  }

  /** Writes the config for the current state (at start, so the file exists before the server includes it). */
  async apply(): Promise<void> {
    await this.write(this.read());
  }

  render(state: State = this.read()): string {
    const users = Object.entries(state)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, { publicKey }]) => {
        const p = integratorPermissions(name);
        return `    # integrator ${name}\n    { nkey: ${quote(publicKey)}, permissions: { publish: { allow: ${list(p.publish)} }, subscribe: { allow: ${list(p.subscribe)} } } }`;
      });
    const sentinel = `    { nkey: ${quote(this.sentinel)}, permissions: { publish: { deny: [">"] }, subscribe: { deny: [">"] } } }`;
    return [
      '# Written by @rooftop/integrator-grants (StaticConfigCredentialsIssuer): do not edit by hand.',
      'authorization {',
      '  users: [',
      `    { user: ${quote(this.internalUser)} }`,
      sentinel,
      ...users,
      '  ]',
      '}',
      `no_auth_user: ${quote(this.internalUser)}`,
      '',
    ].join('\n');
  }

  private read(): State {
    if (!existsSync(this.stateFile)) return {};
    const parsed = stateSchema.safeParse(JSON.parse(readFileSync(this.stateFile, 'utf8')));
    if (!parsed.success) throw new ValidationError(`${this.stateFile} is not an integrator credentials file`, parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    return parsed.data;
  }

  private async write(state: State): Promise<void> {
    writeAtomically(this.options.configFile, this.render(state));
    writeAtomically(this.stateFile, `${JSON.stringify(state, null, 2)}\n`);
    await this.options.reload();
  }
}

const writeAtomically = (file: string, text: string): void => {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text, { mode: 0o600 });
  renameSync(tmp, file);
};

/** A reload for a server whose process id is known (SIGHUP is what `nats-server --signal reload` sends). */
export const signalReload = (pid: number) => (): Promise<void> => {
  process.kill(pid, 'SIGHUP');
  return Promise.resolve();
};
