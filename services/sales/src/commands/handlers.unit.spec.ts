import { sales } from '@rooftop/contracts';
import { type Command, DomainError, InMemoryEventStore, uuidv7 } from '@rooftop/eventsourcing';
import { describe, expect, it } from 'vitest';
import { command, consultant, STORE } from '../../test/fixtures/domain.js';
import { signData } from '../../test/fixtures/orders.js';
import { DEFAULT_SALES_SETTINGS } from '../domain/settings.js';
import { salesCommandHandlers } from './index.js';
import { leadStream, orderStream } from './streams.js';

// The handlers on the kernel's in-memory store: stream naming, the lead read before an order, idempotency.

const setup = () => {
  const store = new InMemoryEventStore();
  return { store, handlers: salesCommandHandlers({ store, groupId: 'g1', settings: DEFAULT_SALES_SETTINGS }) };
};
const capture = command<Command<'CaptureLead', never>>('CaptureLead', {
  leadId: 'lead-1',
  customerId: 'cust-1',
  channel: 'walk_in',
  customerName: 'Wang Fang',
  customerPhone: '13800138000',
  brand: 'Changan',
  consultantId: 'emp-a',
} as never);
const signOrder = (commandId: string) => ({ ...command<Command<'SignOrder', never>>('SignOrder', signData() as never), commandId });

describe('sales command handlers', () => {
  it('writes lead and order events to sales-lead-<id> and sales-order-<id> with the contract schema version', async () => {
    const { store, handlers } = setup();
    await handlers.CaptureLead(capture);
    const result = await handlers.SignOrder(signOrder('c-sign'));
    expect(result).toMatchObject({ streamId: orderStream('ord-1'), streamVersion: 1, events: [{ type: 'OrderSigned' }] });
    const { events } = await store.readStream(leadStream('lead-1'));
    expect(events[0]).toMatchObject({ type: 'LeadCaptured', schemaVersion: sales.LeadCaptured.schemaVersion, metadata: { storeId: STORE, groupId: 'g1' } });
  });

  it('refuses an order for an unknown lead and appends nothing', async () => {
    const { store, handlers } = setup();
    const error = await handlers.SignOrder(signOrder('c-sign')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).reason).toBe('LEAD_NOT_FOUND');
    expect((await store.readAll({ after: 0, maxCount: 10 })).events).toHaveLength(0);
  });

  it("refuses an order for another store's lead (the store is read from the lead's stored metadata)", async () => {
    const { store, handlers } = setup();
    await handlers.CaptureLead({ ...capture, storeId: 'store-b', actor: consultant('emp-b') });
    const error = await handlers.SignOrder(signOrder('c-sign')).catch((e: unknown) => e);
    expect((error as DomainError).reason).toBe('LEAD_OF_ANOTHER_STORE');
    expect((await store.readStream(orderStream('ord-1'))).streamVersion).toBe(0);
  });

  it('returns the first result for a repeated commandId, even after the lead has changed', async () => {
    const { store, handlers } = setup();
    await handlers.CaptureLead(capture);
    const first = await handlers.SignOrder(signOrder('c-sign'));
    await handlers.MarkLeadLost({
      ...command<Command<'MarkLeadLost', never>>('MarkLeadLost', { leadId: 'lead-1', reason: 'price' } as never),
      commandId: uuidv7(),
    });
    expect(await handlers.SignOrder(signOrder('c-sign'))).toEqual(first);
    expect((await store.readStream(orderStream('ord-1'))).streamVersion).toBe(1);
  });
});
