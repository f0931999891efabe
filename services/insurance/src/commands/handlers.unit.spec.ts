import { insurance as i } from '@rooftop/contracts';
import { DomainError, InMemoryEventStore, type RecordedEvent, ValidationError } from '@rooftop/eventsourcing';
import { reactionCommand, scheduledCommandsOf } from '@rooftop/service-host';
import { describe, expect, it } from 'vitest';
import { clerk, command, renewalClerk, STORE, terms, vehicle } from '../../test/builders.js';
import { DEFAULT_INSURANCE_SETTINGS } from '../domain/settings.js';
import { timersFor } from '../domain/timers.js';
import { claimRepairInvoiced } from '../reactions/claim-repair-invoiced.js';
import { deliveryPolicyId, vehicleDelivered } from '../reactions/vehicle-delivered.js';
import { insuranceHandlers } from './handlers.js';
import { streams } from './streams.js';

// The handler map on the kernel's in-memory store (no I/O): typed errors with nothing appended, timer ids, and
// what the reactions turn other contexts' events into.

const setup = () => {
  const store = new InMemoryEventStore();
  return { store, handlers: insuranceHandlers({ store, groupId: 'g1', settings: DEFAULT_INSURANCE_SETTINGS }) };
};
const cny = (amount: number) => ({ amount, currency: 'CNY' as const });

describe('insurance handlers', () => {
  it('serve every insurance command contract', () => {
    expect(Object.keys(setup().handlers).sort()).toEqual(i.insuranceCommands.map((c) => c.type).sort());
  });

  it('refuse the renewal of an unknown policy and malformed data with typed errors, appending nothing', async () => {
    const { store, handlers } = setup();
    await expect(handlers.RenewPolicy(command('RenewPolicy', { policyId: 'p-x', ...terms }, { actor: renewalClerk }))).rejects.toMatchObject({
      code: 'NOT_FOUND',
      reason: 'POLICY_NOT_FOUND',
    });
    await expect(handlers.SellNewPolicy(command('SellNewPolicy', { policyId: 'p-y', ...vehicle, ...terms, commission: cny(-5) }))).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(handlers.LoseRenewal(command('LoseRenewal', { policyId: 'p-x', reason: 'price' }))).rejects.toBeInstanceOf(DomainError);
    expect(await store.headPosition()).toBe(0);
  });

  it("schedule a term's renewal under a deterministic id that is also the command id", async () => {
    const { store, handlers } = setup();
    await handlers.SellNewPolicy(command('SellNewPolicy', { policyId: 'p-1', ...vehicle, ...terms }, { actor: clerk }));
    const recorded = (await store.readStream(streams.policy('p-1'))).events as RecordedEvent[];
    const [timer] = scheduledCommandsOf('insurance', (e) => timersFor(e, DEFAULT_INSURANCE_SETTINGS))(recorded);
    expect(timer).toMatchObject({ scheduleId: `insurance:${STORE}:renewal-open:p-1:1`, dueAt: new Date('2026-12-31T01:00:00Z') });
    expect(timer!.command).toMatchObject({
      commandId: timer!.scheduleId,
      type: 'OpenRenewalOpportunity',
      data: { policyId: 'p-1', term: 1 },
      metadata: { now: '2026-12-31T01:00:00.000Z' },
    });
  });

  it('turn a delivery with a policy and an invoiced claim RO into commands, and ignore the others', () => {
    const d = {
      orderId: 'o-1',
      customerId: 'c-1',
      vin: vehicle.vin,
      brand: '长安',
      model: 'CS75',
      deliveryDate: '2026-03-02',
      consultantId: 'sc-1',
      policySold: true,
      insurer: '人保',
    };
    const delivered = (eventId: string, data: unknown) =>
      ({ eventId, storeId: STORE, correlationId: 'corr', occurredAt: '2026-03-02T10:00:00+08:00', data }) as never;
    const cmd = reactionCommand('insurance', vehicleDelivered, delivered('ev-1', d), STORE);
    expect(cmd).toMatchObject({
      commandId: 'insurance-vehicle-delivered:ev-1',
      data: { policyId: deliveryPolicyId('o-1'), orderId: 'o-1', sourceEventId: 'ev-1', deliveredOn: '2026-03-02' },
    });
    expect(cmd).toMatchObject({ type: 'RecordDeliveryPolicy', actor: { id: 'insurance-reactions' }, metadata: { causationId: 'ev-1', correlationId: 'corr' } });
    expect(reactionCommand('insurance', vehicleDelivered, delivered('ev-2', { ...d, policySold: false }), STORE)).toBeUndefined();
    const invoice = { repairOrderId: 'cl-1', roType: 'insurance_claim', amounts: { labour: cny(100), parts: cny(50), discount: cny(10), total: cny(140) } };
    expect(reactionCommand('insurance', claimRepairInvoiced, delivered('ev-3', invoice), STORE)).toMatchObject({
      data: { claimId: 'cl-1', repairAmount: cny(140) },
    });
    expect(reactionCommand('insurance', claimRepairInvoiced, delivered('ev-4', { ...invoice, roType: 'repair' }), STORE)).toBeUndefined();
  });
});
