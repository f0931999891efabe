import { integratorInboxPrefix, integratorStreamName, storeStreamName } from '@rooftop/contracts';

export { groupSourceDeliverPrefix as sourceDeliverPrefix } from '@rooftop/contracts';

// Who exists on the bus. A topology names the group and its stores; every account, user and permission is
// derived from it (docs/adr/0015-nats-trust-boundary.md), so adding a store is one more entry here.

/** The five services every store runs; each is one NATS user of its store. */
export const STORE_SERVICES = ['sales', 'workshop', 'parts', 'insurance', 'hr'] as const;
export type StoreService = (typeof STORE_SERVICES)[number];

export interface SecurityTopology {
  readonly groupId: string;
  /** Every store of the group; `jsDomain` defaults to the store id (as in the HQ store directory). */
  readonly stores: readonly { readonly storeId: string; readonly jsDomain?: string }[];
  /** The store service that runs the relay (the only publisher of the store's event subjects). Default `sales`. */
  readonly relayService?: StoreService;
  /** HQ's group stream (default `GROUP_EVENTS`). */
  readonly groupStream?: string;
  /** Integrators by name (lowercase letters, digits and `-`); each may consume its own `INTEGRATOR_<NAME>` stream. */
  readonly integrators?: readonly string[];
}

/** A user of a zone: store `sh-001`'s `sales`, HQ's `gateway`, integrator `acme`, … */
export type UserRef =
  | { readonly zone: 'store'; readonly storeId: string; readonly user: StoreService | 'gateway' }
  | { readonly zone: 'hq'; readonly user: 'hq-projector' | 'gateway' | 'simulator' | 'integrator-feed' }
  | { readonly zone: 'integrators'; readonly user: 'integrator-feed' | `integrator:${string}` }
  | { readonly zone: 'system'; readonly user: 'ops' };

/** The key of a user in a credential set: `store/sh-001/sales`, `hq/gateway`, `integrators/acme`, `system/ops`. */
export const userKey = (ref: UserRef): string => {
  switch (ref.zone) {
    case 'store':
      return `store/${ref.storeId}/${ref.user}`;
    case 'integrators':
      return ref.user === 'integrator-feed' ? 'integrators/integrator-feed' : `integrators/${ref.user.slice('integrator:'.length)}`;
    default:
      return `${ref.zone}/${ref.user}`;
  }
};

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Checks ids a config is built from: they end up in subjects, account names and file names. */
export const validateTopology = (topology: SecurityTopology): void => {
  const bad = (what: string, value: string) => new TypeError(`${what} "${value}" must be lowercase letters, digits and -, at most 63`);
  const token = /^[A-Za-z0-9_-]+$/;
  if (!token.test(topology.groupId)) throw bad('groupId', topology.groupId);
  const seen = new Set<string>();
  for (const store of topology.stores) {
    if (!NAME.test(store.storeId)) throw bad('storeId', store.storeId);
    if (store.jsDomain !== undefined && !NAME.test(store.jsDomain)) throw bad('jsDomain', store.jsDomain);
    // Commands are rooftop.<storeId>.…, events rooftop.<groupId>.…: the two must never share a first token.
    if (store.storeId === topology.groupId) throw new TypeError(`store "${store.storeId}" has the group's id`);
    if (seen.has(store.storeId)) throw new TypeError(`store "${store.storeId}" is listed twice`);
    seen.add(store.storeId);
  }
  for (const name of topology.integrators ?? []) {
    if (!NAME.test(name) || name === 'integrator-feed') throw bad('integrator', name);
  }
};

export const storeDomain = (store: SecurityTopology['stores'][number]): string => store.jsDomain ?? store.storeId;

/** The hub account a store's leaf is bound to: `STORE_SH_001`. */
export const storeAccount = (storeId: string): string => `STORE_${storeId.toUpperCase().replace(/-/g, '_')}`;

/** The account of a store's own users on its leaf server. */
export const LEAF_STORE_ACCOUNT = 'STORE';
export const HQ_ACCOUNT = 'HQ';
export const INTEGRATORS_ACCOUNT = 'INTEGRATORS';
export const SYSTEM_ACCOUNT = 'SYS';

/** The stream an integrator consumes from: `INTEGRATOR_ACME_CRM` (the contracts' `integratorStreamName`). */
export const integratorStream = integratorStreamName;

/** The integrator of a user of the `integrators` zone, or undefined for the feed. */
const integratorOf = (ref: UserRef): string | undefined =>
  ref.zone === 'integrators' && ref.user !== 'integrator-feed' ? ref.user.slice('integrator:'.length) : undefined;

/** The inbox prefix a user's replies come to; its permissions let it subscribe there and nowhere else in `_INBOX`. */
export const inboxPrefix = (ref: UserRef): string => {
  // An integrator's is the contracts' `integrator.<name>.inbox` (docs/integrators.md): what its client is told to use.
  const integrator = integratorOf(ref);
  return integrator === undefined ? `_INBOX.${userKey(ref).replace(/\//g, '_')}` : integratorInboxPrefix(integrator);
};

export const storeStream = (topology: SecurityTopology, storeId: string): string => storeStreamName(topology.groupId, storeId);

/** Every user the topology has, in a stable order. */
export const usersOf = (topology: SecurityTopology): UserRef[] => [
  ...topology.stores.flatMap((s): UserRef[] => [
    ...STORE_SERVICES.map((user): UserRef => ({ zone: 'store', storeId: s.storeId, user })),
    { zone: 'store', storeId: s.storeId, user: 'gateway' },
  ]),
  { zone: 'hq', user: 'hq-projector' },
  { zone: 'hq', user: 'gateway' },
  { zone: 'hq', user: 'simulator' },
  { zone: 'hq', user: 'integrator-feed' },
  { zone: 'integrators', user: 'integrator-feed' },
  ...(topology.integrators ?? []).map((name): UserRef => ({ zone: 'integrators', user: `integrator:${name}` })),
  { zone: 'system', user: 'ops' },
];
