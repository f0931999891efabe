import { DEAD_LETTER_SUBJECTS, GROUP_STREAM_NAME, storeCommandsFilter } from '@rooftop/contracts';
import bcrypt from 'bcryptjs';
import { type CredentialSet, publicKeyOf } from './credentials.js';
import { type Permissions, permissionsOf } from './permissions.js';
import {
  HQ_ACCOUNT,
  INTEGRATORS_ACCOUNT,
  LEAF_STORE_ACCOUNT,
  type SecurityTopology,
  SYSTEM_ACCOUNT,
  sourceDeliverPrefix,
  storeAccount,
  storeDomain,
  storeStream,
  type UserRef,
  userKey,
  usersOf,
} from './topology.js';

// nats-server configuration text for the trust boundary. infra/nats/hub.conf and store-leaf.conf hold what is
// the same everywhere (names, listen addresses, JetStream domains) and include these rendered files from their
// `security/` directory, so every deployment shape (npm start, docker-compose, the tests) runs the same model.

/** Certificate files as the nats-server process sees them. */
export interface ServerTls {
  readonly certFile: string;
  readonly keyFile: string;
  /** The CA a leaf checks the hub's certificate with. */
  readonly caFile: string;
}

const q = (value: string): string => JSON.stringify(value);
const list = (values: readonly string[]): string => `[${values.map(q).join(', ')}]`;
const indent = (text: string, by: number): string =>
  text
    .split('\n')
    .map((line) => (line ? ' '.repeat(by) + line : line))
    .join('\n');

const permissionsBlock = (p: Permissions): string =>
  `permissions: { publish: { allow: ${list(p.publish)} }, subscribe: { allow: ${list(p.subscribe)} }${p.allowResponses ? ', allow_responses: true' : ''} }`;

const nkeyUser = (set: CredentialSet, ref: UserRef): string =>
  `# ${userKey(ref)}\n{ nkey: ${q(publicKeyOf(set.seeds[userKey(ref)] ?? missing(ref)))}, ${permissionsBlock(permissionsOf(set.topology, ref))} }`;

const missing = (ref: UserRef): never => {
  throw new TypeError(`the credential set has no seed for ${userKey(ref)}: generate credentials for this topology first`);
};

const account = (name: string, body: readonly string[]): string => `${name} {\n${indent(body.join('\n'), 2)}\n}`;
const usersBlock = (entries: readonly string[]): string => `users: [\n${indent(entries.join('\n'), 2)}\n]`;

const clientTls = (tls: ServerTls | undefined): string =>
  tls ? `tls {\n  cert_file: ${q(tls.certFile)}\n  key_file: ${q(tls.keyFile)}\n  timeout: 2\n}\n` : '';

/** What crosses between a store's hub account and HQ: sourcing of its stream, and commands from HQ. */
const storeBoundary = (topology: SecurityTopology, store: SecurityTopology['stores'][number]) => {
  const stream = storeStream(topology, store.storeId);
  const api = `$JS.${storeDomain(store)}.API.CONSUMER.CREATE.${stream}`;
  return {
    // The JetStream API of the store's domain, only to create the source consumer on its stream.
    services: [api, `${api}.>`, `$JS.FC.${stream}.>`, storeCommandsFilter(store.storeId)],
    // Where that consumer delivers (GROUP_EVENTS' source `deliver` prefix).
    streams: [`${sourceDeliverPrefix(store.storeId)}.>`],
  };
};

export interface HubSecurityFiles {
  /** `security/hub.conf`: system account, accounts with their users, imports and exports, client TLS. */
  readonly main: string;
  /** `security/hub-leafnodes.conf`, included inside `leafnodes {}`: the leaf listener's TLS. */
  readonly leafnodes: string;
}

/**
 * The hub's accounts: `SYS`, `HQ` (JetStream; hq-projector, gateway, simulator), one `STORE_<ID>` per store (only
 * its leaf's user, bound there; exports to HQ exactly what sourcing and commands need) and `INTEGRATORS`
 * (JetStream; the feed and one user per integrator). No user, no anonymous access.
 */
export const renderHubSecurity = async (set: CredentialSet, options: { readonly tls?: ServerTls } = {}): Promise<HubSecurityFiles> => {
  const { topology } = set;
  const users = usersOf(topology);
  const zone = (z: UserRef['zone']) => users.filter((u) => u.zone === z).map((u) => nkeyUser(set, u));
  const hqImports = topology.stores.flatMap((store) => {
    const boundary = storeBoundary(topology, store);
    const from = storeAccount(store.storeId);
    return [
      ...boundary.services.map((subject) => `{ service: { account: ${from}, subject: ${q(subject)} } }`),
      ...boundary.streams.map((subject) => `{ stream: { account: ${from}, subject: ${q(subject)} } }`),
    ];
  });
  const stores = await Promise.all(
    topology.stores.map(async (store) => {
      const boundary = storeBoundary(topology, store);
      const hash = await bcrypt.hash(set.leafPasswords[store.storeId] ?? '', 10);
      return account(storeAccount(store.storeId), [
        usersBlock([
          `# leaf of ${store.storeId}: a leaf-node connection only, never a client\n{ user: ${q(`leaf-${store.storeId}`)}, password: ${q(hash)}, allowed_connection_types: ["LEAFNODE"] }`,
        ]),
        `exports: [\n${indent(
          [
            ...boundary.services.map((subject) => `{ service: ${q(subject)}, accounts: [${HQ_ACCOUNT}] }`),
            ...boundary.streams.map((subject) => `{ stream: ${q(subject)}, accounts: [${HQ_ACCOUNT}] }`),
          ].join('\n'),
          2,
        )}\n]`,
      ]);
    }),
  );
  const main = [
    `# Rendered by @rooftop/nats-security for group ${topology.groupId} (${topology.stores.length} stores, GROUP_EVENTS: ${topology.groupStream ?? GROUP_STREAM_NAME}).`,
    '# Do not edit: change the topology or the credentials and render again, then reload the server.',
    `system_account: ${SYSTEM_ACCOUNT}`,
    clientTls(options.tls),
    'accounts {',
    indent(
      [
        account(SYSTEM_ACCOUNT, [usersBlock(zone('system'))]),
        account(HQ_ACCOUNT, ['jetstream: enabled', usersBlock(zone('hq')), `imports: [\n${indent(hqImports.join('\n'), 2)}\n]`]),
        ...stores,
        account(INTEGRATORS_ACCOUNT, ['jetstream: enabled', usersBlock(zone('integrators'))]),
      ].join('\n'),
      2,
    ),
    '}',
    '',
  ].join('\n');
  const leafnodes = options.tls
    ? `tls {\n  cert_file: ${q(options.tls.certFile)}\n  key_file: ${q(options.tls.keyFile)}\n  timeout: 2\n}\n`
    : '# no TLS on the leaf listener\n';
  return { main, leafnodes };
};

/**
 * A store leaf's `security/store.conf`: its one account `STORE` (JetStream; the five services and the store
 * gateway), client TLS, and the leaf-node remote to the hub, authenticated as the store and bound to it there.
 */
export const renderStoreSecurity = (set: CredentialSet, storeId: string, options: { readonly hubLeafUrl: string; readonly tls?: ServerTls }): string => {
  const { topology } = set;
  if (!topology.stores.some((s) => s.storeId === storeId)) throw new TypeError(`store "${storeId}" is not in the topology`);
  const users = usersOf(topology).filter((u) => u.zone === 'store' && u.storeId === storeId);
  const password = set.leafPasswords[storeId];
  if (password === undefined) throw new TypeError(`the credential set has no leaf password for ${storeId}`);
  const url = new URL(options.hubLeafUrl);
  url.username = `leaf-${storeId}`;
  url.password = password;
  const localOnly = [`rooftop.${topology.groupId}.>`, DEAD_LETTER_SUBJECTS];
  const remoteTls = options.tls ? `, tls: { ca_file: ${q(options.tls.caFile)} }` : '';
  return [
    `# Rendered by @rooftop/nats-security for store ${storeId} of group ${topology.groupId}. Do not edit.`,
    clientTls(options.tls),
    'accounts {',
    indent(account(LEAF_STORE_ACCOUNT, ['jetstream: enabled', usersBlock(users.map((u) => nkeyUser(set, u)))]), 2),
    '}',
    "# The link to HQ, re-dialled every second; on the hub it is bound to this store's account and nothing else.",
    'leafnodes {',
    '  reconnect: 1',
    // Nothing from the hub may land on an event or dead-letter subject here: whoever holds this store's leaf
    // credential could otherwise publish into the store's own stream through the hub. And the store's own
    // chatter (its events as published, its dead letters, its users' inboxes) stays here: HQ gets events
    // through the source consumer, and answers to HQ go out on `_R_` reply subjects.
    `  remotes: [ { url: ${q(url.toString())}, account: ${LEAF_STORE_ACCOUNT}, deny_imports: ${list(localOnly)}, deny_exports: ${list([...localOnly, '_INBOX.>'])}${remoteTls} } ]`,
    '}',
    '',
  ].join('\n');
};
