import { type ConnectionOptions } from '@nats-io/nats-core';
import { commandSubject, eventSubject, GROUP_STREAM_NAME, storeStreamName } from '@rooftop/contracts';
import { inboxPrefix, integratorStream, type StoreService, type UserRef } from '@rooftop/nats-security';
import { type Hub, startHub, startStoreLeaf, type StoreLeaf } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermissionProbe } from './fixtures/permission-probe.js';

// The authorization matrix of docs/adr/0015: every user kind (system/ops aside: anything, but in SYS only) × every subject family × publish/subscribe,
// against a real hub and two real store leaves built from infra/nats and @rooftop/nats-security. The two kinds
// that cannot connect at all, an anonymous client and a store leaf's credential used as a client, and a whole
// server holding a store's leaf credential, are in trust-boundary.int.spec.ts.

const GROUP = 'acme';
const SH = 'sh-001';
const SZ = 'sz-002';
const INTEGRATOR = 'acme-crm';
const ownStream = storeStreamName(GROUP, SH);

/** One subject of one family, as the user under test would address it. */
const SUBJECTS = {
  'command: own store, sales': commandSubject(SH, 'sales', 'CaptureLead'),
  'command: own store, workshop': commandSubject(SH, 'workshop', 'OpenRepairOrder'),
  'command: other store': commandSubject(SZ, 'sales', 'CaptureLead'),
  'event: own store': eventSubject(GROUP, SH, 'sales', 'LeadCaptured'),
  'event: other store': eventSubject(GROUP, SZ, 'sales', 'LeadCaptured'),
  'reply: own inbox': 'OWN_INBOX.probe',
  "reply: another user's inbox": '_INBOX.store_sz-002_sales.probe',
  'reply: plain _INBOX': '_INBOX.probe',
  'js: account info': '$JS.API.INFO',
  'js: own store stream info': `$JS.API.STREAM.INFO.${ownStream}`,
  'js: own store stream delete': `$JS.API.STREAM.DELETE.${ownStream}`,
  'js: own store stream purge': `$JS.API.STREAM.PURGE.${ownStream}`,
  'js: own store consumer next': `$JS.API.CONSUMER.MSG.NEXT.${ownStream}.reactions`,
  'js: stream list': '$JS.API.STREAM.LIST',
  'js: GROUP_EVENTS info': `$JS.API.STREAM.INFO.${GROUP_STREAM_NAME}`,
  'js: GROUP_EVENTS purge': `$JS.API.STREAM.PURGE.${GROUP_STREAM_NAME}`,
  "js: other store's domain": `$JS.${SZ}.API.STREAM.INFO.${storeStreamName(GROUP, SZ)}`,
  "js: HQ's domain": `$JS.hq.API.STREAM.INFO.${GROUP_STREAM_NAME}`,
  'js: own integrator stream consumer': `$JS.API.CONSUMER.MSG.NEXT.${integratorStream(INTEGRATOR)}.c1`,
  "js: another integrator's stream": `$JS.API.STREAM.INFO.${integratorStream('other-crm')}`,
  'integrator: own deliver subject': `integrator.${INTEGRATOR}.deliver`,
  "integrator: another's deliver subject": 'integrator.other-crm.deliver',
  'kv: a bucket': '$KV.config.key',
  'kv: bucket stream': '$JS.API.STREAM.INFO.KV_config',
  'dead letters': 'rooftop.dlq.reactions',
} as const;
type SubjectName = keyof typeof SUBJECTS;

/** P: may publish, S: may subscribe, PS: both, -: neither. Everything a row does not name is `-`. */
type Cell = 'P' | 'S' | 'PS';
interface Row {
  readonly label: string;
  readonly ref: UserRef;
  readonly at: 'hub' | 'sh-001';
  readonly allowed: Partial<Record<SubjectName, Cell>>;
}

const storeService = (user: StoreService, own: SubjectName | undefined, relay: boolean): Row => ({
  label: `store ${user}${relay ? ' (runs the relay)' : ''}`,
  ref: { zone: 'store', storeId: SH, user },
  at: 'sh-001',
  allowed: {
    ...(own ? { [own]: 'S' } : {}),
    ...(relay ? { 'event: own store': 'P' } : {}),
    'reply: own inbox': 'S',
    'js: account info': 'P',
    'js: own store stream info': 'P',
    'js: own store consumer next': 'P',
    'dead letters': 'P',
  },
});

/** HQ users that send any store's commands through the hub, and nothing else. */
const hqCommandSender = (label: string, user: 'gateway' | 'simulator'): Row => ({
  label,
  ref: { zone: 'hq', user },
  at: 'hub',
  allowed: { 'command: own store, sales': 'P', 'command: own store, workshop': 'P', 'command: other store': 'P', 'reply: own inbox': 'S' },
});

const MATRIX: readonly Row[] = [
  storeService('sales', 'command: own store, sales', true),
  storeService('workshop', 'command: own store, workshop', false),
  // Their own commands are not among the subjects above: none of the store's listed commands is theirs.
  storeService('parts', undefined, false),
  storeService('insurance', undefined, false),
  storeService('hr', undefined, false),
  {
    label: 'store gateway',
    ref: { zone: 'store', storeId: SH, user: 'gateway' },
    at: 'sh-001',
    allowed: { 'command: own store, sales': 'P', 'command: own store, workshop': 'P', 'reply: own inbox': 'S' },
  },
  {
    label: 'hq-projector',
    ref: { zone: 'hq', user: 'hq-projector' },
    at: 'hub',
    // $JS.hq.API is the hub's own domain: the server maps it to $JS.API before checking.
    allowed: { 'reply: own inbox': 'S', 'js: account info': 'P', 'js: GROUP_EVENTS info': 'P', "js: HQ's domain": 'P', 'dead letters': 'P' },
  },
  hqCommandSender('HQ gateway', 'gateway'),
  hqCommandSender('simulator', 'simulator'),
  {
    label: 'integrator feed, HQ side (reads GROUP_EVENTS)',
    ref: { zone: 'hq', user: 'integrator-feed' },
    at: 'hub',
    allowed: { 'reply: own inbox': 'S', 'js: account info': 'P', 'js: GROUP_EVENTS info': 'P', "js: HQ's domain": 'P' },
  },
  {
    label: 'integrator feed, integrators side (fills their streams)',
    ref: { zone: 'integrators', user: 'integrator-feed' },
    at: 'hub',
    // It administers the INTEGRATORS account's JetStream: there these names are that account's streams (it has no
    // GROUP_EVENTS and no store stream), and HQ's domain is out of its reach (it is in another account).
    allowed: {
      'reply: own inbox': 'S',
      'js: account info': 'P',
      'js: stream list': 'P',
      'js: GROUP_EVENTS info': 'P',
      'js: GROUP_EVENTS purge': 'P',
      "js: HQ's domain": 'P',
      'js: own store stream info': 'P',
      'js: own store stream delete': 'P',
      'js: own store stream purge': 'P',
      'js: own store consumer next': 'P',
      'js: own integrator stream consumer': 'P',
      "js: another integrator's stream": 'P',
      'kv: bucket stream': 'P',
      'integrator: own deliver subject': 'P',
      "integrator: another's deliver subject": 'P',
    },
  },
  {
    label: 'integrator',
    ref: { zone: 'integrators', user: `integrator:${INTEGRATOR}` },
    at: 'hub',
    allowed: { 'reply: own inbox': 'S', 'js: account info': 'P', 'js: own integrator stream consumer': 'P', 'integrator: own deliver subject': 'S' },
  },
];

describe('NATS authorization matrix (hub + two store leaves, real nats-server)', () => {
  let hub: Hub;
  let sh: StoreLeaf;

  beforeAll(async () => {
    hub = await startHub({ groupId: GROUP, storeIds: [SH, SZ], integrators: [INTEGRATOR] });
    sh = await startStoreLeaf(SH, hub);
  });
  afterAll(async () => {
    await sh?.dispose();
    await hub?.dispose();
  });

  const optionsOf = (row: Row): ConnectionOptions =>
    row.at === 'hub' ? hub.connectOptions(row.ref) : sh.connectOptions(row.ref.zone === 'store' ? row.ref.user : 'gateway');

  for (const row of MATRIX) {
    it(`${row.label}: publish and subscribe exactly as the matrix says`, async () => {
      const probe = await PermissionProbe.open(optionsOf(row));
      try {
        const actual: Record<string, string> = {};
        const expected: Record<string, string> = {};
        for (const [name, template] of Object.entries(SUBJECTS) as [SubjectName, string][]) {
          const subject = template.replace('OWN_INBOX', inboxPrefix(row.ref));
          const pub = await probe.canPublish(subject);
          const sub = await probe.canSubscribe(subject);
          actual[name] = `${pub ? 'P' : ''}${sub ? 'S' : ''}` || '-';
          expected[name] = row.allowed[name] ?? '-';
        }
        expect(actual).toEqual(expected);
      } finally {
        await probe.close();
      }
    });
  }
});
