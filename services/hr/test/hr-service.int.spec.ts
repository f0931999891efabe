import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { hr, insurance, parts, sales, storeStreamName } from '@rooftop/contracts';
import { type Actor } from '@rooftop/eventsourcing';
import { PostgresEventStore } from '@rooftop/eventstore-postgres';
import { listCommissionStatements, listOnboardingOverdue } from '@rooftop/kpis';
import { appendEvents, type BuiltEvent, insuranceEvents, partsEvents, salesEvents } from '@rooftop/kpis/testing';
import { CommandClient, createCommandSigner } from '@rooftop/messaging';
import { createTestDatabase, natsUrl, sharedTestCommandIssuer, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streams } from '../src/commands/streams.js';
import { loadHrConfig } from '../src/config.js';
import { type HrServiceHandle, startHrService } from '../src/service.js';
import { cny, generalManager, hireData, hrManager } from './builders.js';

// The HR service in process on real PostgreSQL and NATS, driven over NATS request/reply; the sales events it
// reads are appended to the same store's log, as the sales service would.

const suffix = randomBytes(4).toString('hex');
const ids = { groupId: `g-hr-${suffix}`, storeId: `s-hr-${suffix}` };
let now = new Date('2025-03-01T00:00:00Z');
let db: TestDatabase;
let service: HrServiceHandle;
let nc: NatsConnection;
let events: PostgresEventStore;
let client: CommandClient;

const contracts = new Map<string, (typeof hr.hrCommands)[number]>(hr.hrCommands.map((c) => [c.type, c]));
const send = (type: string, data: Record<string, unknown>, actor: Actor = hrManager) =>
  client.send(contracts.get(type)!, { storeId: ids.storeId, actor, data: data as never });
const ok = async (type: string, data: Record<string, unknown>, actor?: Actor) => {
  const reply = await send(type, data, actor);
  if (!reply.ok) throw new Error(`${type} failed: ${JSON.stringify(reply.error)}`);
  return reply.result;
};
const types = async (streamId: string) => (await events.readStream(streamId)).events.map((e) => e.type);
const eventually = async <T>(what: string, check: () => Promise<T | undefined | false>): Promise<T> => {
  for (const deadline = Date.now() + 30_000; ;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

beforeAll(async () => {
  db = await createTestDatabase('hr_service');
  const config = loadHrConfig({
    ...ids,
    GROUP_ID: ids.groupId,
    STORE_ID: ids.storeId,
    DATABASE_URL: db.url,
    NATS_URL: natsUrl(),
    HTTP_PORT: '0',
    HTTP_HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    HR_TIMER_POLL_MS: '100',
    HR_COMMISSION_MODEL_CLASSES: 'T33两厢=hatchback',
    // The service provisions the store stream; JetStream reserves its size on disk, so keep it small.
    STORE_STREAM_MAX_BYTES: String(64 * 1024 ** 2),
    COMMAND_ISSUER_KEYS: sharedTestCommandIssuer().issuerKeysEnv,
  });
  service = await startHrService(config, { clock: () => now });
  nc = await connect({ servers: natsUrl() });
  client = new CommandClient(nc, { signer: createCommandSigner(sharedTestCommandIssuer().signingKey), timeoutMs: 10_000 });
  events = new PostgresEventStore({ pool: db.pool });
  await ok('DefineDepartment', { departmentId: 'sales', name: '销售部' });
  await ok('DefinePosition', { positionId: 'sales-consultant', departmentId: 'sales', title: '销售顾问', plannedHeadcount: 2 }, generalManager);
});

afterAll(async () => {
  events?.close();
  await service?.close();
  // The run's store stream (a leftover reservation starves later runs of JetStream storage).
  if (nc) await (await jetstreamManager(nc)).streams.delete(storeStreamName(ids.groupId, ids.storeId)).catch(() => false);
  await nc?.close();
  await db?.drop();
});

describe('hr service over NATS', () => {
  it('hires up to the plan, refuses a hire into a full position without GM approval (typed, nothing appended), then hires with it', async () => {
    await ok('HireEmployee', hireData('emp-a'));
    await ok('HireEmployee', hireData('emp-b'));
    const before = (await events.readStream(streams.staffing(ids.storeId))).streamVersion;
    const refused = await send('HireEmployee', hireData('emp-c'));
    expect(refused).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION', details: { reason: 'HEADCOUNT_FULL', plannedHeadcount: 2, filled: 2 } } });
    expect((await events.readStream(streams.staffing(ids.storeId))).streamVersion).toBe(before);
    expect(await send('ApproveExtraHeadcount', { approvalId: 'ap-1', positionId: 'sales-consultant' }, hrManager)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await ok('ApproveExtraHeadcount', { approvalId: 'ap-1', positionId: 'sales-consultant' }, generalManager);
    await ok('HireEmployee', { ...hireData('emp-c'), extraHeadcountApprovalId: 'ap-1' });
    expect(await send('HireEmployee', { ...hireData('emp-c'), grade: 'L9' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('completes onboarding from an onboarding session and flags the others overdue through the durable timer a month after hire', async () => {
    // An onboarding session completes it for its attendees through scheduled commands committed with the session.
    const session = {
      sessionId: 's-1',
      trainingType: 'onboarding',
      title: '新员工入职培训',
      heldOn: '2025-03-20',
      hours: 4,
      attendees: [{ employeeId: 'emp-a', assessment: 'passed' }],
    };
    await ok('RecordTrainingSession', session);
    now = new Date('2025-03-21T00:00:00Z');
    await eventually('emp-a onboarded', async () => (await types(streams.employee('emp-a'))).includes('OnboardingTrainingCompleted'));
    now = new Date('2025-04-05T00:00:00Z');
    await eventually('emp-b overdue', async () => (await types(streams.employee('emp-b'))).includes('OnboardingTrainingOverdue'));
    await eventually('emp-c overdue', async () => (await types(streams.employee('emp-c'))).includes('OnboardingTrainingOverdue'));
    expect(await types(streams.employee('emp-a'))).toEqual(['OnboardingTrainingCompleted']);
  });

  it("issues two consultants' March statements from the sales events, to the fen", async () => {
    const s = salesEvents({ storeId: ids.storeId, groupId: ids.groupId });
    const loan = { type: 'loan', lender: '招商银行', loanAmount: cny(5_000_000), termMonths: 36, handlingFee: cny(0) };
    const signed = (
      orderId: string,
      consultantId: string,
      o: { price?: number; floor?: number; model?: string; financed?: boolean; online?: boolean } = {},
    ): BuiltEvent => {
      const e = s.orderSigned(
        {
          orderId,
          leadId: `l-${orderId}`,
          consultantId,
          brand: '长安',
          model: o.model ?? 'T61',
          priceFen: o.price ?? 10_000_000,
          costFen: 9_000_000,
          online: o.online ?? false,
        },
        '2025-03-02T10:00:00+08:00',
      );
      const data = { ...(e.event.data as object), floorPrice: cny(o.floor ?? o.price ?? 10_000_000), ...(o.financed ? { financing: loan } : {}) };
      return { ...e, event: { ...e.event, data: sales.OrderSigned.schema.parse(data) } };
    };
    const withData = <C extends { schema: { parse(d: unknown): unknown } }>(contract: C, e: BuiltEvent, extra: object): BuiltEvent => ({
      ...e,
      event: { ...e.event, data: contract.schema.parse({ ...(e.event.data as object), ...extra }) },
    });
    const allCovers = ['compulsory', 'vehicle_damage', 'third_party', 'deductible_waiver', 'passenger'].map((kind) => ({ kind, premium: cny(100_000) }));
    const policy = (policyId: string, orderId: string, covers: typeof allCovers) =>
      withData(
        insurance.NewPolicySold,
        insuranceEvents({ storeId: ids.storeId }).newPolicySold(
          { policyId, brand: '长安', premiumFen: 500_000, commissionFen: 50_000 },
          '2025-03-20T11:00:00+08:00',
        ),
        {
          orderId,
          coverages: covers,
          premium: cny(covers.length * 100_000),
        },
      );
    const film = { partNumber: 'ACC-FILM', kind: 'accessory' as const, brand: '长安' };
    const accessory = withData(
      parts.AccessorySold,
      partsEvents({ storeId: ids.storeId }).accessorySold(
        film,
        { quantity: 1, cost: 60_000, onHand: 4, stockValue: 240_000 },
        'd-1',
        100_000,
        0,
        '2025-03-05T10:00:00+08:00',
      ),
      { soldBy: 'emp-a' },
    );
    const settled = (orderId: string, on = '2025-03-20') => s.orderSettled({ orderId, amountFen: 10_000_000 }, `${on}T15:00:00+08:00`);
    await appendEvents(events, [
      s.targetSet({ month: '2025-03', units: 5, consultantId: 'emp-a' }, '2025-03-01T09:00:00+08:00'),
      s.targetSet({ month: '2025-03', units: 2, consultantId: 'emp-b' }, '2025-03-01T09:00:00+08:00'),
      signed('o-1', 'emp-a', { price: 15_000_000, floor: 14_800_000 }),
      settled('o-1'),
      signed('o-2', 'emp-a', { price: 9_876_543, floor: 9_876_500, financed: true }),
      settled('o-2'),
      signed('o-3', 'emp-a'),
      settled('o-3'),
      signed('o-4', 'emp-a', { price: 9_500_000, floor: 10_000_000, financed: true }),
      settled('o-4'),
      signed('o-5', 'emp-a'),
      signed('o-6', 'emp-a', { online: true }),
      settled('o-6'),
      signed('o-0', 'emp-a'),
      settled('o-0', '2025-04-01'),
      signed('o-7', 'emp-b', { price: 10_001_001, floor: 10_000_000 }),
      settled('o-7'),
      signed('o-8', 'emp-b', { model: 'T33两厢', financed: true }),
      settled('o-8'),
      signed('o-9', 'emp-b'),
      settled('o-9'),
      policy('p-1', 'o-1', allCovers),
      policy('p-3', 'o-3', allCovers.slice(0, 4)),
      accessory,
    ]);
    await eventually(
      'inputs projected',
      async () => (await db.pool.query(`SELECT 1 FROM read.hr_commission_decorations WHERE store_id = $1`, [ids.storeId])).rowCount === 1,
    );

    const issue = { employeeId: 'emp-a', month: '2025-03' };
    expect(await send('IssueCommissionStatement', issue)).toMatchObject({ ok: false, error: { details: { reason: 'AWAITING_APPRAISAL' } } });
    await ok('ScoreAppraisal', { employeeId: 'emp-a', month: '2025-03', score: 90 });
    await ok('ScoreAppraisal', { employeeId: 'emp-b', month: '2025-03', score: 75 });
    await ok('IssueCommissionStatement', issue);
    await ok('IssueCommissionStatement', { employeeId: 'emp-b', month: '2025-03' });
    const statement = async (employeeId: string) =>
      (await events.readStream(streams.commission(employeeId, '2025-03'))).events.map((e) => e.data as Record<string, unknown>)[0]!;

    const a = await statement('emp-a');
    // 4 × 240元 (80 %) + 1000元 + 0.22元 + 2 × 300元 + 100元 (base package on o-1; o-3 lacks 车上人) + 400元 ÷ 3 (133.33元)
    // = 2793.55元; × 90 ÷ 100 = 2514.195元 → 2514.20元
    expect(a).toMatchObject({
      unitsSettled: 4,
      attainmentBasisPoints: 8000,
      band: 80,
      commissionTotal: cny(279_355),
      appraisalScore: 90,
      performancePay: cny(251_420),
      revision: 1,
    });
    expect((a.lines as { ref: string; kind: string; amount: { amount: number } }[]).map((l) => [l.ref, l.kind, l.amount.amount])).toEqual([
      ['o-1', 'vehicle', 24_000],
      ['o-1', 'above_floor', 100_000],
      ['o-2', 'vehicle', 24_000],
      ['o-2', 'above_floor', 22],
      ['o-2', 'financed', 30_000],
      ['o-3', 'vehicle', 24_000],
      ['o-4', 'vehicle', 24_000],
      ['o-4', 'financed', 30_000],
      ['p-1', 'insurance', 10_000],
      ['d-1', 'decoration', 13_333],
    ]);
    // 350元 + 5.01元 + 400元 (hatchback) + 300元 + 350元 = 1405.01元; × 75 ÷ 100 = 1053.7575元 → 1053.76元
    expect(await statement('emp-b')).toMatchObject({ unitsSettled: 3, band: 120, commissionTotal: cny(140_501), performancePay: cny(105_376) });
    await ok('IssueCommissionStatement', issue);
    expect(await types(streams.commission('emp-a', '2025-03'))).toEqual(['CommissionStatementIssued']);
    // The statements reach the work list the gateway reads, and the overdue onboardings theirs.
    const listed = await eventually('statements listed', async () => {
      const rows = await listCommissionStatements(db.pool, 'read', { storeIds: [ids.storeId], month: '2025-03', limit: 10, offset: 0 });
      return rows.length === 2 && rows;
    });
    expect(listed.map((r) => [r.employee_id, r.performance_pay_fen, r.lines.length])).toEqual([
      ['emp-a', 251_420, 10],
      ['emp-b', 105_376, 5],
    ]);
    expect((await listOnboardingOverdue(db.pool, 'read', { storeIds: [ids.storeId], limit: 10, offset: 0 })).map((r) => r.employee_id)).toEqual([
      'emp-b',
      'emp-c',
    ]);
  });
});
