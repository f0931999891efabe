import { randomBytes } from 'node:crypto';
import { type NatsConnection } from '@nats-io/transport-node';
import { createLogger, createMetricsRegistry } from '@rooftop/platform';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deployment } from '../src/auth/scope.js';
import { type Gateway } from '../src/yoga.js';
import { codes, graphql } from './fixtures/client.js';
import { connectNats, inProcess, testGateway } from './fixtures/gateway.js';
import { type LeadService, startLeadService } from './fixtures/lead-service.js';
import { GROUP, tokenFor } from './fixtures/tokens.js';

// Mutations over real NATS to a real command service (the messaging bootstrap with a small lead handler).
const storeId = `t-gw-${randomBytes(4).toString('hex')}`;
const deployment: Deployment = { kind: 'store', groupId: GROUP, storeId };

let db: TestDatabase;
let nc: NatsConnection;
let leads: LeadService;
let gateway: Gateway;
const auditLines: Array<Record<string, unknown>> = [];
const metrics = createMetricsRegistry({ service: 'gateway', defaultMetrics: false });

beforeAll(async () => {
  db = await createTestDatabase('gateway_mutations');
  nc = await connectNats();
  leads = await startLeadService(storeId, GROUP);
  const logger = createLogger({ service: 'gateway', level: 'info', destination: { write: (line: string) => void auditLines.push(JSON.parse(line)) } });
  gateway = await testGateway(deployment, db.pool, nc, { logger, metrics });
});
afterAll(async () => {
  await leads?.close();
  await nc?.close();
  await db?.drop();
});

const CAPTURE = `mutation ($input: CaptureLeadInput!, $key: String, $storeId: ID) {
  captureLead(input: $input, idempotencyKey: $key, storeId: $storeId) { commandId streamId streamVersion events { type eventId globalPosition } }
}`;
const lead = (leadId: string) => ({
  leadId,
  customerId: `cust-${leadId}`,
  channel: 'walk_in',
  customerName: '王先生',
  customerPhone: '13800138000',
  brand: '长安',
  model: null,
});
const consultant = () => tokenFor({ sub: 'emp-7', storeIds: [storeId], roles: ['consultant', 'hq_analyst'] });

describe('command mutations over NATS', () => {
  it('sends the command with the caller as actor and returns the result', async () => {
    const res = await graphql(inProcess(gateway), 'http://gateway', CAPTURE, { variables: { input: lead('L1'), key: 'key-L1' }, token: await consultant() });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.captureLead).toMatchObject({ commandId: 'key-L1', streamId: 'sales-lead-L1', streamVersion: 1, events: [{ type: 'LeadCaptured' }] });
    const sent = leads.received.at(-1)!;
    expect(sent).toMatchObject({ commandId: 'key-L1', type: 'CaptureLead', storeId, actor: { kind: 'user', id: 'emp-7', roles: ['consultant'] } });
    // null optional fields are left out, as the contract wants.
    expect(sent.data).not.toHaveProperty('model');
  });

  it('handles a retried idempotency key once and returns the first result', async () => {
    const token = await consultant();
    const first = await graphql(inProcess(gateway), 'http://gateway', CAPTURE, { variables: { input: lead('L2'), key: 'key-L2' }, token });
    const again = await graphql(inProcess(gateway), 'http://gateway', CAPTURE, { variables: { input: lead('L2'), key: 'key-L2' }, token });
    expect(again.body.data).toEqual(first.body.data);
  });

  it("returns the service's typed errors", async () => {
    const token = await consultant();
    const duplicate = await graphql(inProcess(gateway), 'http://gateway', CAPTURE, { variables: { input: lead('L1') }, token });
    expect(codes(duplicate)).toEqual(['RULE_VIOLATION']);
    expect(duplicate.body.errors![0]!.extensions).toMatchObject({ reason: 'LEAD_EXISTS', details: { leadId: 'L1' } });
    expect(duplicate.body.data).toEqual({ captureLead: null });

    const lost = await graphql(inProcess(gateway), 'http://gateway', 'mutation { markLeadLost(input: { leadId: "nobody", reason: "price" }) { commandId } }', {
      token,
    });
    expect(codes(lost)).toEqual(['NOT_FOUND']);
    expect(lost.body.errors![0]!.extensions).toMatchObject({ reason: 'LEAD_NOT_FOUND' });

    const unhandled = await graphql(
      inProcess(gateway),
      'http://gateway',
      'mutation { recordContact(input: { leadId: "L1", method: "phone", outcome: "reached" }) { commandId } }',
      { token },
    );
    expect(codes(unhandled)).toEqual(['UNKNOWN_COMMAND']);
  });

  it('validates input against the contract before sending anything', async () => {
    const before = leads.received.length;
    const res = await graphql(inProcess(gateway), 'http://gateway', CAPTURE, {
      variables: { input: { ...lead('L3'), customerPhone: '12345', channel: 'carrier_pigeon' } },
      token: await consultant(),
    });
    expect(codes(res)).toEqual(['VALIDATION_FAILED']);
    const issues = (res.body.errors![0]!.extensions!.details as { issues: Array<{ path: string }> }).issues.map((i) => i.path);
    expect(issues.sort()).toEqual(['channel', 'customerPhone']);
    const key = await graphql(inProcess(gateway), 'http://gateway', CAPTURE, {
      variables: { input: lead('L3'), key: 'has spaces' },
      token: await consultant(),
    });
    expect(codes(key)).toEqual(['VALIDATION_FAILED']);
    expect(leads.received.length).toBe(before);
  });

  it('reports UNAVAILABLE when no service answers the subject', async () => {
    const res = await graphql(
      inProcess(gateway),
      'http://gateway',
      'mutation { registerTechnician(input: { technicianId: "t1", name: "李师傅", trade: "mechanical", grade: "senior" }) { commandId } }',
      {
        token: await tokenFor({ storeIds: [storeId], roles: ['admin'] }),
      },
    );
    expect(codes(res)).toEqual(['UNAVAILABLE']);
    expect(res.body.errors![0]!.extensions).toMatchObject({ reason: 'NO_RESPONDERS' });
  });

  it('leaves an audit line for every command, accepted or refused, without its data', async () => {
    auditLines.length = 0;
    await graphql(inProcess(gateway), 'http://gateway', CAPTURE, { variables: { input: lead('L9'), key: 'key-L9' }, token: await consultant() });
    await graphql(inProcess(gateway), 'http://gateway', CAPTURE, {
      variables: { input: lead('L10') },
      token: await tokenFor({ storeIds: [storeId], roles: ['hq_analyst'] }),
    });
    expect(
      auditLines.map(({ audit, type, actor, storeId: store, commandId, outcome, reason }) => ({ audit, type, actor, store, commandId, outcome, reason })),
    ).toEqual([
      { audit: 'command', type: 'CaptureLead', actor: 'emp-7', store: storeId, commandId: 'key-L9', outcome: 'OK', reason: undefined },
      { audit: 'command', type: 'CaptureLead', actor: 'emp-1', store: null, commandId: undefined, outcome: 'FORBIDDEN', reason: 'MISSING_ROLE' },
    ]);
    expect(JSON.stringify(auditLines)).not.toContain('13800138000');
  });

  it('writes at most 20 refusal lines a minute per principal, and counts every refusal', async () => {
    const counted = async (name: string, labels: Record<string, string> = {}) =>
      (await metrics.getSingleMetric(name)!.get()).values.find((v) => Object.entries(labels).every(([k, value]) => v.labels[k] === value))?.value ?? 0;
    const [refusedBefore, suppressedBefore] = [
      await counted('gateway_command_refusals_total', { code: 'FORBIDDEN' }),
      await counted('gateway_command_refusal_lines_suppressed_total'),
    ];
    auditLines.length = 0;
    const sweeper = await tokenFor({ sub: 'emp-sweep', storeIds: [storeId], roles: ['hq_analyst'] });
    for (let i = 0; i < 30; i++) await graphql(inProcess(gateway), 'http://gateway', CAPTURE, { variables: { input: lead(`S${i}`) }, token: sweeper });
    await graphql(inProcess(gateway), 'http://gateway', CAPTURE, {
      variables: { input: lead('S99') },
      token: await tokenFor({ sub: 'emp-other', storeIds: [storeId], roles: ['hq_analyst'] }),
    });
    expect(auditLines.map((l) => l.actor)).toEqual([...Array.from({ length: 20 }, () => 'emp-sweep'), 'emp-other']);
    expect((await counted('gateway_command_refusals_total', { code: 'FORBIDDEN' })) - refusedBefore).toBe(31);
    expect((await counted('gateway_command_refusal_lines_suppressed_total')) - suppressedBefore).toBe(10);
  });
});
