import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, type JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import { headers, type NatsConnection, nkeyAuthenticator } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { integratorStreamName, platformRegistry } from '@rooftop/contracts';
import { ValidationError } from '@rooftop/eventsourcing';
import { salesEvents } from '@rooftop/kpis/testing';
import { encodeCloudEvent, toCloudEvent } from '@rooftop/messaging';
import { writeDeployment } from '@rooftop/nats-security';
import { createTestDatabase, type Hub, type NatsServer, startHub, startNatsServer, type TestDatabase, uniqueStreamSuffix, waitFor } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIntegratorsCli } from '../src/cli.js';
import { readGrantsFile } from '../src/index.js';

// The `integrators` command as HQ runs it: a grants file, the HQ directory in PostgreSQL, a nats-server with a
// stream standing in for GROUP_EVENTS (no auth: the feed's own edges), and a secured hub whose bus directory
// (`npm run nats:credentials -- init --out`) issue and revoke change, with its pid_file for reloads.

describe('integrators CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rooftop-integrators-cli-'));
  const group = `g${uniqueStreamSuffix()}`;
  const groupStream = `GROUP_${group.toUpperCase()}`;
  let server: NatsServer;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let db: TestDatabase;
  let env: NodeJS.ProcessEnv;
  let hub: Hub;
  const file = (name: string, json: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(json));
    return path;
  };

  beforeAll(async () => {
    server = await startNatsServer();
    hub = await startHub({ groupId: group, storeIds: ['cd-003'] });
    // The bus directory as the credentials CLI lays it out, its hub/ being the running hub's config directory.
    const bus = join(dir, 'bus');
    mkdirSync(bus);
    symlinkSync(hub.securityConfDir, join(bus, 'hub'));
    await writeDeployment(bus, hub.credentials, { hubLeafUrl: hub.leafUrl });
    writeFileSync(join(dir, 'hub.pid'), `${hub.pid()}\n`);
    nc = await connect({ servers: server.url });
    jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: groupStream, subjects: [`rooftop.${group}.>`] });
    db = await createTestDatabase('integrators_cli');
    await db.pool.query('CREATE SCHEMA hq; CREATE TABLE hq.stores (store_id text PRIMARY KEY, time_zone text NOT NULL)');
    await db.pool.query("INSERT INTO hq.stores VALUES ('cd-003', 'Asia/Shanghai')");
    env = {
      NATS_URL: server.url,
      DATABASE_URL: db.url,
      GROUP_STREAM: groupStream,
      NATS_CREDENTIALS_DIR: join(dir, 'bus'),
      INTEGRATORS_NATS_PID_FILE: join(dir, 'hub.pid'),
      NATS_MONITOR_URL: hub.monitorUrl,
      HOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    };
  });

  afterAll(async () => {
    await nc?.close();
    await db?.drop();
    await server?.dispose();
    await hub?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a grants file naming every bad entry', () => {
    const bad = file('bad.json', {
      grants: [
        { name: 'a', groupId: group, stores: '*', contexts: ['salez'] },
        { name: 'b', groupId: group, stores: '*', contexts: '*', webhook: { url: 'https://example.invalid/hook', secretEnv: 'NOT_SET' } },
        { name: 'b', groupId: group, stores: '*', contexts: '*' },
      ],
    });
    const issues = (() => {
      try {
        readGrantsFile(bad, platformRegistry, env);
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return (error as ValidationError).issues.map((i) => i.path);
      }
      return [];
    })();
    expect(issues).toEqual(['grants.0.contexts.0', 'grants.1.webhook.secretEnv', 'grants.2.name']);
  });

  it('issues, lists and revokes through the bus credentials and a reload of the hub', async () => {
    const grants = file('grants.json', { grants: [{ name: 'oem', groupId: group, stores: '*', contexts: ['sales'] }] });
    const issued = (await runIntegratorsCli(['issue', grants, 'oem'], env)) as { publicKey: string; seed: string; inboxPrefix: string };
    expect(issued).toMatchObject({ seed: expect.stringMatching(/^SU/), inboxPrefix: 'integrator.oem.inbox' });
    expect(readFileSync(join(dir, 'bus', 'hub', 'security', 'hub.conf'), 'utf8')).toContain(issued.publicKey);
    const asOem = (maxReconnectAttempts: number) =>
      connect({
        servers: hub.url,
        authenticator: nkeyAuthenticator(new TextEncoder().encode(issued.seed)),
        inboxPrefix: issued.inboxPrefix,
        maxReconnectAttempts,
      });
    const oem = await asOem(0);
    await oem.close();
    expect(await runIntegratorsCli(['list'], env)).toEqual({ integrators: ['oem'] });
    expect(await runIntegratorsCli(['revoke', 'oem'], env)).toEqual({ revoked: true });
    expect(await runIntegratorsCli(['list'], env)).toEqual({ integrators: [] });
    await expect(asOem(0)).rejects.toThrow(/Authorization Violation/);
    expect(readFileSync(join(dir, 'bus', 'credentials', 'credentials.json'), 'utf8')).not.toContain(issued.seed);
  });

  it('refuses issue and revoke without the bus directory, with a typed error', async () => {
    await expect(runIntegratorsCli(['revoke', 'oem'], { ...env, NATS_CREDENTIALS_DIR: '' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('runs the feeds with the zones of the HQ directory', async () => {
    const grants = file('run.json', { grants: [{ name: 'crm', groupId: group, stores: ['cd-003'], contexts: ['sales'] }] });
    const built = salesEvents({ storeId: 'cd-003', groupId: group }).leadCaptured(
      { leadId: 'l1', channel: 'walk_in', brand: 'Changan' },
      '2026-03-01T20:00:00Z',
    );
    const recorded = { ...built.event, streamId: built.streamId, streamVersion: 1, globalPosition: 7, recordedAt: new Date() };
    const h = headers();
    h.set('Nats-Msg-Id', recorded.eventId);
    await jetstream(nc).publish(`rooftop.${group}.cd-003.sales.LeadCaptured`, encodeCloudEvent(toCloudEvent(recorded, { previousPosition: 0 })), {
      headers: h,
    });
    const running = (await runIntegratorsCli(['run', grants], env)) as { grants: string[]; close(): Promise<void> };
    try {
      expect(running.grants).toEqual(['crm']);
      const stream = integratorStreamName('crm');
      await waitFor(
        async () => (await jsm.streams.info(stream).catch(() => undefined))?.state.messages ?? 0,
        (n) => n >= 2,
        'the event and its index entry',
      );
      const copy = await jsm.streams.getMessage(stream, { last_by_subj: 'integrator.crm.events.>' });
      expect(JSON.parse(new TextDecoder().decode(copy!.data))).toMatchObject({
        storetimezone: 'Asia/Shanghai',
        businessdate: '2026-03-02',
        data: { customerPhone: '***' },
      });
    } finally {
      await running.close();
    }
  });
});
