import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { jetstream, type JetStreamClient, type JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { integratorEventSubject } from '@rooftop/contracts';
import { newWebhookSecret, verifyWebhook } from '@rooftop/events-client';
import { type NatsServer, startNatsServer, waitFor } from '@rooftop/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureIntegratorStream, WebhookDelivery } from '../src/index.js';

// A real HTTP receiver on loopback that verifies every signature, and a test-owned nats-server holding the
// integrator's stream. The receiver's behaviour per event id is set by each test (fail n times, hang, fail always).

interface Received {
  readonly id: string;
  readonly body: string;
  readonly contentType: string | undefined;
}

class Receiver {
  readonly received: Received[] = [];
  /** Per event id: how many more requests to answer 500 (Infinity: always). */
  readonly failures = new Map<string, number>();
  /** Event ids whose next request gets no answer (the worker's timeout must end it). */
  readonly hang = new Set<string>();
  refusedSignatures = 0;
  private server?: Server;
  constructor(private readonly secret: string) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/rooftop`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    let id: string;
    try {
      id = verifyWebhook(this.secret, { get: (name) => req.headers[name] as string | undefined }, body).id;
    } catch {
      this.refusedSignatures++;
      res.writeHead(401).end();
      return;
    }
    if (this.hang.delete(id)) return; // never answered
    const left = this.failures.get(id) ?? 0;
    if (left > 0) {
      this.failures.set(id, left - 1);
      res.writeHead(500).end('down');
      return;
    }
    this.received.push({ id, body, contentType: req.headers['content-type'] });
    res.writeHead(204).end();
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

describe('webhook delivery', () => {
  const integrator = 'hook-test';
  const secret = newWebhookSecret();
  let server: NatsServer;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  let receiver: Receiver;
  let url: string;
  let published = 0;

  const publish = async (count: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = `evt-${++published}`;
      const h = headers();
      h.set('Nats-Msg-Id', id);
      await js.publish(integratorEventSubject(integrator, 'g', 's1', 'sales', 'LeadCaptured'), JSON.stringify({ specversion: '1.0', id, n: published }), {
        headers: h,
      });
      ids.push(id);
    }
    return ids;
  };
  const worker = () => new WebhookDelivery({ js, jsm, integrator, url, secret, maxAttempts: 3, retryBaseMs: 20, retryMaxMs: 100, timeoutMs: 500 });

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
    await ensureIntegratorStream(jsm, integrator);
  });

  beforeEach(async () => {
    await receiver?.stop();
    receiver = new Receiver(secret);
    url = await receiver.start();
  });

  afterAll(async () => {
    await receiver?.stop();
    await nc?.close();
    await server?.dispose();
  });

  it('delivers every event once, in order, signed, as a structured CloudEvent; a restarted worker goes on where it was', async () => {
    const first = await publish(5);
    const w = worker();
    await w.start();
    await waitFor(
      async () => receiver.received.length,
      (n) => n >= 5,
      'five deliveries',
    );
    await w.stop();
    const second = await publish(3);
    const again = worker();
    await again.start();
    await waitFor(
      async () => receiver.received.length,
      (n) => n >= 8,
      'the later three',
    );
    await again.stop();
    expect(receiver.received.map((r) => r.id)).toEqual([...first, ...second]);
    expect(receiver.received.every((r) => r.contentType === 'application/cloudevents+json')).toBe(true);
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ specversion: '1.0', id: first[0] });
    expect(receiver.refusedSignatures).toBe(0);
  });

  it('retries a failing or hanging receiver with backoff, dead-letters after the last attempt and goes on', async () => {
    const [flaky, hanging, broken, after] = await publish(4);
    receiver.failures.set(flaky!, 2);
    receiver.hang.add(hanging!);
    receiver.failures.set(broken!, Number.POSITIVE_INFINITY);
    const w = worker();
    await w.start();
    await waitFor(
      async () => receiver.received.map((r) => r.id),
      (ids) => ids.includes(after!),
      'the event after the broken one',
    );
    expect(receiver.received.map((r) => r.id).slice(-3)).toEqual([flaky, hanging, after]);
    expect(w.stats).toMatchObject({ deadLettered: 1 });
    expect(w.stats.failedAttempts).toBe(2 + 1 + 3);
    const dead = await w.deadLetters();
    expect(dead.map((d) => d.eventId)).toEqual([broken]);
    expect(dead[0]!.error).toMatch(/3 attempts failed/);

    receiver.failures.delete(broken!);
    expect(await w.redeliver(dead[0]!.sequence)).toBe(true);
    expect(receiver.received.at(-1)!.id).toBe(broken);
    expect(await w.deadLetters()).toEqual([]);
    await w.stop();
  });

  it('replays from a stream position', async () => {
    const info = await jsm.streams.info('INTEGRATOR_HOOK_TEST');
    const w = worker();
    await w.start();
    const before = receiver.received.length;
    await w.replayFrom(info.state.last_seq - 2);
    await waitFor(
      async () => receiver.received.length,
      (n) => n >= before + 3,
      'the last three again',
    );
    await w.stop();
    const ids = receiver.received.map((r) => r.id);
    expect(ids.slice(-3)).toEqual([`evt-${published - 2}`, `evt-${published - 1}`, `evt-${published}`]);
  });
});
