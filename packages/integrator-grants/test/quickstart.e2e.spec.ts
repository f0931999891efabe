import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GROUP_STREAM_NAME, integratorEventsFilter, integratorStreamName, platformRegistry } from '@rooftop/contracts';
import { quickstart } from '@rooftop/events-client/examples/quickstart';
import { salesEvents } from '@rooftop/kpis/testing';
import { uniqueStreamSuffix, waitFor } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntegratorFeed, parseGrant } from '../src/index.js';
import { startIntegratorTopology, type IntegratorTopology } from './fixtures/topology.js';

// docs/integrators.md's quickstart, verbatim (the doc embeds packages/events-client/examples/quickstart.ts and
// this checks it does), against a real hub: a store publishing through the real relay, a grant without
// personal data, its feed, and the credentials the grant issued.

const docs = new URL('../../../docs/integrators.md', import.meta.url);
const example = new URL('../../events-client/examples/quickstart.ts', import.meta.url);

describe('docs/integrators.md quickstart', () => {
  let t: IntegratorTopology;
  let feed: IntegratorFeed;
  let seed: string;
  const groupId = `g${uniqueStreamSuffix()}`;
  const grant = parseGrant({ name: 'acme-crm', groupId, stores: '*', contexts: ['sales'] }, platformRegistry);
  const dir = mkdtempSync(join(tmpdir(), 'rooftop-quickstart-'));
  const checkpointFile = join(dir, 'acme-crm.checkpoint.json');
  const s1 = salesEvents({ storeId: 'sh-001', groupId });

  const lastEventSequence = async () =>
    (await t.jsm.streams.getMessage(integratorStreamName(grant.name), { last_by_subj: integratorEventsFilter(grant.name) }))!.seq;
  const feedCaughtUp = async () => {
    const last = (await t.sourceJsm.streams.info(GROUP_STREAM_NAME)).state.last_seq;
    await waitFor(
      async () => feed.stats.groupSequence,
      (n) => n >= last,
      'the feed to reach the end of GROUP_EVENTS',
    );
  };
  const waitForGroup = (count: number) =>
    waitFor(
      async () => (await t.sourceJsm.streams.info(GROUP_STREAM_NAME)).state.messages,
      (n) => n >= count,
      `${count} events at HQ`,
    );
  const runQuickstart = async (): Promise<string[]> => {
    const lines: string[] = [];
    const client = await quickstart({ servers: t.hub.url, integrator: grant.name, seed, checkpointFile, log: (line) => lines.push(line) });
    const last = await lastEventSequence();
    await waitFor(
      async () => client.stats.sequence,
      (n) => n >= last,
      'the quickstart to read the stream',
    );
    await client.stop();
    return lines;
  };

  beforeAll(async () => {
    t = await startIntegratorTopology({ groupId, stores: [{ storeId: 'sh-001', timeZone: 'Asia/Shanghai' }] });
    seed = (await t.issuer.issue(grant)).seed;
    await t.stores[0]!.append([
      s1.leadCaptured({ leadId: 'l1', channel: 'walk_in', brand: 'VW' }, '2026-03-01T02:00:00Z'),
      s1.leadCaptured({ leadId: 'l2', channel: 'online', brand: 'VW' }, '2026-03-01T03:00:00Z'),
      s1.delivered(
        { orderId: 'o1', leadId: 'l1', consultantId: 'c1', brand: 'VW', model: 'ID.4', priceFen: 20_000_000, vin: 'LSVAU2180N2123456' },
        '2026-03-01T17:00:00Z',
      ),
    ]);
    await waitForGroup(3);
    feed = new IntegratorFeed({ js: t.js, jsm: t.jsm, sourceJs: t.sourceJs, grant, registry: platformRegistry, timeZoneOf: t.timeZoneOf });
    await feed.start();
    await feedCaughtUp();
  });

  afterAll(async () => {
    await feed?.stop();
    await t?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is in the guide as it is in the example file', () => {
    expect(readFileSync(docs, 'utf8')).toContain(['```ts', readFileSync(example, 'utf8').trimEnd(), '```'].join('\n'));
  });

  it('receives the events masked, then resumes from its checkpoint and reports a missing event', async () => {
    const first = await runQuickstart();
    expect(first).toEqual([
      'lead l1 at sh-001 on 2026-03-01, phone ***',
      'lead l2 at sh-001 on 2026-03-01, phone ***',
      // 17:00 UTC is the next morning in Shanghai.
      'delivered VW ID.4 (VIN LSVAU2180N2123456) at sh-001 on 2026-03-02',
    ]);

    await t.stores[0]!.append([
      s1.leadCaptured({ leadId: 'l3', channel: 'walk_in', brand: 'VW' }, '2026-03-02T02:00:00Z'),
      s1.leadCaptured({ leadId: 'l4', channel: 'walk_in', brand: 'VW' }, '2026-03-02T03:00:00Z'),
    ]);
    await waitForGroup(5);
    await feedCaughtUp();
    // Lose l3 from the integrator's stream: the client must say so, not silently go on.
    const stream = integratorStreamName(grant.name);
    const l4 = await lastEventSequence();
    const l3 = (await t.jsm.streams.getMessage(stream, { seq: l4 - 1 }))!;
    expect(l3.subject).toMatch(/\.events\./);
    await t.jsm.streams.deleteMessage(stream, l3.seq);

    const second = await runQuickstart();
    expect(second).toHaveLength(2);
    expect(second[0]).toMatch(/^gap: store sh-001 is missing events between positions \d+ and \d+$/);
    expect(second[1]).toBe('lead l4 at sh-001 on 2026-03-02, phone ***');
  });
});
