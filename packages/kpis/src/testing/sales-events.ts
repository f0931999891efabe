import { type EventContract, type EventData, parseWith, sales } from '@rooftop/contracts';
import { type EventStore, type NewEvent, streamName, uuidv7 } from '@rooftop/eventsourcing';

// Small builders of contract-valid sales events for tests of read models (this package's and the sales
// service's). Every event is validated against its contract schema, so a test cannot feed data the real
// service could never write.

export interface BuiltEvent {
  readonly streamId: string;
  readonly event: NewEvent;
}

const cny = (amount: number) => ({ amount, currency: 'CNY' as const });

export interface SalesEventsOptions {
  readonly storeId: string;
  readonly groupId?: string;
}

type Data<C> = EventData<C>;

/** Builders bound to one store; `at` is the event's occurredAt (an ISO instant with offset). */
export const salesEvents = (options: SalesEventsOptions) => {
  const build = <C extends EventContract>(contract: C, aggregate: 'lead' | 'order' | 'target', id: string, data: Data<C>, at: string): BuiltEvent => ({
    streamId: streamName('sales', aggregate, id),
    event: {
      eventId: uuidv7(),
      type: contract.type,
      schemaVersion: contract.schemaVersion,
      data: parseWith(contract.schema, data, contract.type),
      metadata: {
        storeId: options.storeId,
        groupId: options.groupId ?? 'group-test',
        correlationId: uuidv7(),
        actor: { kind: 'user', id: 'emp-test', roles: ['consultant'] },
        occurredAt: at,
      },
    },
  });
  const customer = (leadId: string) => ({ customerId: `cust-${leadId}`, customerName: '测试客户', customerPhone: '13800138000' });
  return {
    leadCaptured: (
      d: { leadId: string; channel: Data<typeof sales.LeadCaptured>['channel']; brand: string; model?: string; consultantId?: string },
      at: string,
    ) => build(sales.LeadCaptured, 'lead', d.leadId, { ...customer(d.leadId), ...d }, at),
    leadAssigned: (d: { leadId: string; assigneeId: string; assigneeRole?: Data<typeof sales.LeadAssigned>['assigneeRole'] }, at: string) =>
      build(sales.LeadAssigned, 'lead', d.leadId, { assigneeRole: 'consultant', ...d }, at),
    leadContacted: (d: { leadId: string; contactedBy: string; nextAction?: { action: string; dueOn: string } }, at: string) =>
      build(sales.LeadContacted, 'lead', d.leadId, { method: 'phone', outcome: 'reached', ...d }, at),
    visit: (d: { leadId: string; consultantId: string; visitKind: 'first' | 'return' }, at: string) =>
      build(sales.ShowroomVisitRecorded, 'lead', d.leadId, { customerId: `cust-${d.leadId}`, partySize: 2, byAppointment: false, ...d }, at),
    testDrive: (d: { leadId: string; consultantId: string; brand: string; model: string }, at: string) =>
      build(sales.TestDriveCompleted, 'lead', d.leadId, d, at),
    quotation: (d: { leadId: string; consultantId: string; brand: string; model: string; priceFen: number }, at: string) =>
      build(
        sales.QuotationIssued,
        'lead',
        d.leadId,
        {
          leadId: d.leadId,
          quotationId: `quo-${d.leadId}`,
          consultantId: d.consultantId,
          brand: d.brand,
          model: d.model,
          listPrice: cny(d.priceFen),
          quotedPrice: cny(d.priceFen),
          validUntil: at.slice(0, 10),
        },
        at,
      ),
    leadLost: (d: { leadId: string }, at: string) => build(sales.LeadLost, 'lead', d.leadId, { leadId: d.leadId, reason: 'price' }, at),
    orderSigned: (
      d: {
        orderId: string;
        leadId: string;
        consultantId: string;
        brand: string;
        model: string;
        priceFen: number;
        costFen: number;
        online?: boolean;
        onlineSpecialistId?: string;
      },
      at: string,
    ) =>
      build(
        sales.OrderSigned,
        'order',
        d.orderId,
        {
          orderId: d.orderId,
          leadId: d.leadId,
          ...customer(d.leadId),
          buyerType: 'private',
          consultantId: d.consultantId,
          online: d.online ?? false,
          ...(d.onlineSpecialistId ? { onlineSpecialistId: d.onlineSpecialistId } : {}),
          brand: d.brand,
          model: d.model,
          listPrice: cny(d.priceFen),
          price: cny(d.priceFen),
          floorPrice: cny(d.costFen),
          cost: cny(d.costFen),
          deposit: cny(500_000),
          financing: { type: 'cash' },
        },
        at,
      ),
    discountRequested: (
      d: { orderId: string; leadId: string; requestId: string; consultantId: string; brand: string; model: string; listPriceFen: number; discountFen: number },
      at: string,
    ) =>
      build(
        sales.DiscountRequested,
        'order',
        d.orderId,
        {
          orderId: d.orderId,
          leadId: d.leadId,
          requestId: d.requestId,
          consultantId: d.consultantId,
          brand: d.brand,
          model: d.model,
          listPrice: cny(d.listPriceFen),
          requestedPrice: cny(d.listPriceFen - d.discountFen),
          discount: cny(d.discountFen),
        },
        at,
      ),
    discountApproved: (d: { orderId: string; requestId: string; approvedBy: string; discountFen: number }, at: string) =>
      build(
        sales.DiscountApproved,
        'order',
        d.orderId,
        { orderId: d.orderId, requestId: d.requestId, approvedBy: d.approvedBy, approvedDiscount: cny(d.discountFen) },
        at,
      ),
    orderCancelled: (d: { orderId: string }, at: string) =>
      build(sales.OrderCancelled, 'order', d.orderId, { orderId: d.orderId, reason: 'customer_withdrew', depositRefunded: cny(500_000) }, at),
    orderSettled: (d: { orderId: string; amountFen: number }, at: string) =>
      build(sales.OrderSettled, 'order', d.orderId, { orderId: d.orderId, settledOn: at.slice(0, 10), amountReceived: cny(d.amountFen) }, at),
    delivered: (
      d: {
        orderId: string;
        leadId: string;
        consultantId: string;
        brand: string;
        model: string;
        priceFen: number;
        online?: boolean;
        vin?: string;
        policySold?: boolean;
      },
      at: string,
    ) =>
      build(
        sales.VehicleDelivered,
        'order',
        d.orderId,
        {
          orderId: d.orderId,
          leadId: d.leadId,
          ...customer(d.leadId),
          contactConsent: true,
          vin: d.vin ?? 'LS5A3DKE0NA123456',
          brand: d.brand,
          model: d.model,
          deliveryDate: at.slice(0, 10),
          consultantId: d.consultantId,
          online: d.online ?? false,
          financing: { type: 'cash' },
          policySold: d.policySold ?? true,
          price: cny(d.priceFen),
        },
        at,
      ),
    targetSet: (d: { month: string; units: number; revenueFen?: number; consultantId?: string }, at: string) =>
      build(
        sales.SalesTargetSet,
        'target',
        `${d.month}-${d.consultantId ?? 'store'}`,
        {
          scope: d.consultantId ? { level: 'consultant', consultantId: d.consultantId } : { level: 'store' },
          month: d.month,
          units: d.units,
          ...(d.revenueFen !== undefined ? { revenue: cny(d.revenueFen) } : {}),
        },
        at,
      ),
  };
};

/** Appends built events one stream write each, in the given order (the log order the projections will see). */
export const appendEvents = async (store: EventStore, events: readonly BuiltEvent[]): Promise<void> => {
  for (const { streamId, event } of events) await store.appendToStream(streamId, [event], { expectedVersion: 'any' });
};
