import { RooftopError } from '@rooftop/eventsourcing';
import {
  type CredentialSet,
  inboxPrefix,
  publicKeyOf,
  readDeployment,
  reloadNatsServer,
  rotateCredentials,
  seedOf,
  type UserRef,
  userKey,
  withIntegrator,
  withoutIntegrator,
  writeDeployment,
} from '@rooftop/nats-security';
import { type Grant, grantSchema } from '../grant.js';

export interface IntegratorCredentials {
  readonly name: string;
  /** The user's nkey (public): what the server knows. */
  readonly publicKey: string;
  /** The nkey seed (`SU…`): what the integrator connects with; give it over a secure channel. */
  readonly seed: string;
  /** The inbox prefix the integrator's client must use (`integrator.<name>.inbox`). */
  readonly inboxPrefix: string;
}

/** Issues and revokes integrators' NATS users (users of the hub's INTEGRATORS account, docs/adr/0015). */
export interface IntegratorCredentialsIssuer {
  /** A key for the grant's integrator; an existing one is replaced (rotation: the old key stops working). */
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

/** Where the bus's credential set lives and how a changed one reaches the running hub. */
export interface CredentialSetStore {
  read(): CredentialSet;
  /** Writes `set` (secrets and the hub's rendered security) and reloads the hub; resolves once it took effect. */
  apply(set: CredentialSet): Promise<void>;
}

const refOf = (name: string): UserRef => ({ zone: 'integrators', user: `integrator:${name}` });

/**
 * Integrators as users of `@rooftop/nats-security`'s credential set: issuing adds the integrator to the topology
 * (or rotates its key), revoking removes it; every change is rendered into the hub's security files and the hub
 * reloaded, no restart. nats-server 2.9 closes the connections of a user a reload removes or re-keys, so a
 * revocation takes effect at once. The same set, rendering and permissions as
 * `npm run nats:credentials add-integrator|revoke-integrator`: one mechanism, two front ends (docs/adr/0026).
 */
export class NatsSecurityCredentialsIssuer implements IntegratorCredentialsIssuer {
  constructor(private readonly store: CredentialSetStore) {}

  async issue(grant: Grant): Promise<IntegratorCredentials> {
    const { name } = grantSchema.parse(grant);
    const current = this.store.read();
    const ref = refOf(name);
    const next = userKey(ref) in current.seeds ? rotateCredentials(current, [userKey(ref)]) : withIntegrator(current, name);
    await this.store.apply(next);
    const seed = seedOf(next, ref);
    return { name, publicKey: publicKeyOf(seed), seed, inboxPrefix: inboxPrefix(ref) };
  }

  async revoke(name: string): Promise<boolean> {
    const current = this.store.read();
    if (!(current.topology.integrators ?? []).includes(name)) return false;
    await this.store.apply(withoutIntegrator(current, name));
    return true;
  }

  list(): Promise<readonly string[]> {
    return Promise.resolve([...(this.store.read().topology.integrators ?? [])].sort());
  }
}

/**
 * The store of a deployment's bus directory (`npm run nats:credentials -- init --out <dir>`): `hubPid` names the
 * running hub to reload; with `monitorUrl` the reload waits until the hub has loaded the new files.
 */
export const deploymentStore = (dir: string, hub: { readonly pid: () => number; readonly monitorUrl?: string }): CredentialSetStore => ({
  read: () => readDeployment(dir).credentials,
  async apply(set) {
    await writeDeployment(dir, set, readDeployment(dir).settings);
    await reloadNatsServer(hub.pid(), hub.monitorUrl ? { monitorUrl: hub.monitorUrl } : {});
  },
});
