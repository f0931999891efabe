import { type EventContract, type EventData, parseWith, workshop as w } from '@rooftop/contracts';
import { streamName, uuidv7 } from '@rooftop/eventsourcing';
import { businessDateOf } from '../facts/business-date.js';
import { type BuiltEvent } from './sales-events.js';

// Small builders of contract-valid workshop events for tests of read models (this package's and the workshop
// service's). Every event is validated against its contract schema. `at` is the event's occurredAt; the
// business dates the events carry are derived from it in the store's zone, as the service would.

const cny = (amount: number) => ({ amount, currency: 'CNY' as const });
type Data<C> = EventData<C>;

export interface WorkshopEventsOptions {
  readonly storeId: string;
  readonly groupId?: string;
  readonly timeZone?: string;
}

/** The dimensions every RO event carries. */
export interface RoDims {
  readonly repairOrderId: string;
  readonly brand: string;
  readonly roType: Data<typeof w.RepairOrderOpened>['roType'];
  readonly serviceAdvisorId: string;
}

export const TEST_VIN = 'LS5A3DKE0NA123456';

export const workshopEvents = (options: WorkshopEventsOptions) => {
  const zone = options.timeZone ?? 'Asia/Shanghai';
  const dateOf = (at: string) => businessDateOf(at, zone);
  const build = <C extends EventContract>(contract: C, aggregate: string, id: string, data: Data<C>, at: string): BuiltEvent => ({
    streamId: streamName('workshop', aggregate, id),
    event: {
      eventId: uuidv7(),
      type: contract.type,
      schemaVersion: contract.schemaVersion,
      data: parseWith(contract.schema, data, contract.type),
      metadata: {
        storeId: options.storeId,
        groupId: options.groupId ?? 'group-test',
        correlationId: uuidv7(),
        actor: { kind: 'user', id: 'emp-test', roles: ['service_advisor'] },
        occurredAt: at,
      },
    },
  });
  const ro = (d: RoDims) => ({ repairOrderId: d.repairOrderId, brand: d.brand, roType: d.roType, serviceAdvisorId: d.serviceAdvisorId });
  return {
    booked: (
      d: {
        appointmentId: string;
        brand: string;
        roType: RoDims['roType'];
        serviceAdvisorId?: string;
        slotStart: string;
        customerName?: string;
        plate?: string;
        model?: string;
      },
      at: string,
    ) =>
      build(
        w.AppointmentBooked,
        'appointment',
        d.appointmentId,
        {
          appointmentId: d.appointmentId,
          customerId: `cust-${d.appointmentId}`,
          customerName: d.customerName ?? '测试客户',
          customerPhone: '13800138000',
          brand: d.brand,
          roType: d.roType,
          slotStart: d.slotStart,
          slotEnd: new Date(Date.parse(d.slotStart) + 3_600_000).toISOString(),
          slotDate: dateOf(d.slotStart),
          source: 'inbound_call',
          ...(d.serviceAdvisorId ? { serviceAdvisorId: d.serviceAdvisorId } : {}),
          ...(d.plate ? { plate: d.plate } : {}),
          ...(d.model ? { model: d.model } : {}),
        },
        at,
      ),
    arrived: (d: { appointmentId: string; brand: string; slotStart: string }, at: string) =>
      build(w.AppointmentArrived, 'appointment', d.appointmentId, { ...d, late: false }, at),
    noShow: (d: { appointmentId: string; brand: string; slotStart: string }, at: string) => build(w.AppointmentNoShow, 'appointment', d.appointmentId, d, at),
    appointmentCancelled: (d: { appointmentId: string; brand: string }, at: string) =>
      build(w.AppointmentCancelled, 'appointment', d.appointmentId, { ...d, reason: '客户改期' }, at),
    opened: (d: RoDims & { appointmentId?: string; comebackOf?: string; vin?: string; model?: string; customerId?: string }, at: string) =>
      build(
        w.RepairOrderOpened,
        'repairorder',
        d.repairOrderId,
        {
          ...ro(d),
          vin: d.vin ?? TEST_VIN,
          model: d.model ?? 'CS75',
          customerId: d.customerId ?? `cust-${d.repairOrderId}`,
          mileageKm: 12_000,
          openedOn: dateOf(at),
          ...(d.appointmentId ? { appointmentId: d.appointmentId } : {}),
          ...(d.comebackOf ? { comebackOf: d.comebackOf } : {}),
        },
        at,
      ),
    estimateAgreed: (d: { repairOrderId: string; serviceAdvisorId: string; labourFen: number; partsFen: number; promisedAt?: string }, at: string) =>
      build(
        w.EstimateAgreed,
        'repairorder',
        d.repairOrderId,
        {
          repairOrderId: d.repairOrderId,
          estimate: { labour: cny(d.labourFen), parts: cny(d.partsFen) },
          agreedBy: d.serviceAdvisorId,
          ...(d.promisedAt ? { promisedAt: d.promisedAt } : {}),
        },
        at,
      ),
    dispatched: (d: { repairOrderId: string; technicianIds: string[] }, at: string) =>
      build(w.JobDispatched, 'repairorder', d.repairOrderId, { ...d, dispatcherId: 'disp-1' }, at),
    progress: (d: { repairOrderId: string; finding: string }, at: string) =>
      build(w.ProgressReported, 'repairorder', d.repairOrderId, { ...d, reportedBy: 'tech-1', customerAgreed: true }, at),
    workCompleted: (d: RoDims & { technicians: { technicianId: string; labourHours: number }[] }, at: string) =>
      build(
        w.WorkCompleted,
        'repairorder',
        d.repairOrderId,
        { ...ro(d), technicians: d.technicians, labourHours: d.technicians.reduce((a, t) => a + Math.round(t.labourHours * 100), 0) / 100 },
        at,
      ),
    qualityChecked: (d: { repairOrderId: string; passed: boolean }, at: string) =>
      build(w.QualityChecked, 'repairorder', d.repairOrderId, { ...d, inspectorId: 'qc-1' }, at),
    washed: (d: { repairOrderId: string }, at: string) => build(w.VehicleWashed, 'repairorder', d.repairOrderId, { ...d, washedBy: 'wash-1' }, at),
    invoiced: (
      d: RoDims & {
        labourFen: number;
        partsFen: number;
        discountFen?: number;
        payer?: Data<typeof w.RepairOrderInvoiced>['payer'];
        technicians: { technicianId: string; labourHours: number }[];
        comeback?: boolean;
      },
      at: string,
    ) => {
      const discount = d.discountFen ?? 0;
      const payer = d.payer ?? (d.roType === 'insurance_claim' ? 'insurer' : d.roType === 'warranty' ? 'oem' : 'customer');
      return build(
        w.RepairOrderInvoiced,
        'repairorder',
        d.repairOrderId,
        {
          ...ro(d),
          invoiceId: `inv-${d.repairOrderId}`,
          payer,
          ...(payer === 'insurer' ? { insurer: '平安保险' } : {}),
          amounts: { labour: cny(d.labourFen), parts: cny(d.partsFen), discount: cny(discount), total: cny(d.labourFen + d.partsFen - discount) },
          technicians: d.technicians,
          comeback: d.comeback ?? false,
          invoicedOn: dateOf(at),
        },
        at,
      );
    },
    released: (d: RoDims & { vin?: string; customerId?: string }, at: string) =>
      build(
        w.VehicleReleased,
        'repairorder',
        d.repairOrderId,
        {
          ...ro(d),
          vin: d.vin ?? TEST_VIN,
          model: 'CS75',
          customerId: d.customerId ?? `cust-${d.repairOrderId}`,
          mileageKm: 12_000,
          releasedOn: dateOf(at),
          releasedBy: d.serviceAdvisorId,
        },
        at,
      ),
    claimApproved: (d: { claimId: string; repairOrderId: string; brand: string; claimedFen: number; approvedFen: number }, at: string) =>
      build(
        w.WarrantyClaimApproved,
        'warrantyclaim',
        d.claimId,
        { claimId: d.claimId, repairOrderId: d.repairOrderId, brand: d.brand, claimedAmount: cny(d.claimedFen), approvedAmount: cny(d.approvedFen) },
        at,
      ),
    claimRejected: (d: { claimId: string; repairOrderId: string; brand: string }, at: string) =>
      build(w.WarrantyClaimRejected, 'warrantyclaim', d.claimId, { ...d, reason: '超出保修范围' }, at),
    followUpOpened: (d: RoDims & { firstCallDueOn: string; vin?: string }, at: string) =>
      build(
        w.FollowUpOpened,
        'followup',
        d.repairOrderId,
        { ...ro(d), vin: d.vin ?? TEST_VIN, customerId: `cust-${d.repairOrderId}`, releasedOn: dateOf(at), firstCallDueOn: d.firstCallDueOn },
        at,
      ),
    followUpDue: (d: RoDims & { call: 'first' | 'second'; dueOn: string; lastDayOn: string }, at: string) =>
      build(w.FollowUpDue, 'followup', d.repairOrderId, { ...ro(d), call: d.call, dueOn: d.dueOn, lastDayOn: d.lastDayOn }, at),
    followUpCall: (
      d: RoDims & { call: 'first' | 'second'; clerkId: string; onTime: boolean; satisfaction: number; issues?: string[]; issueOpen?: boolean },
      at: string,
    ) =>
      build(
        w.FollowUpCallCompleted,
        'followup',
        d.repairOrderId,
        {
          ...ro(d),
          call: d.call,
          clerkId: d.clerkId,
          calledOn: dateOf(at),
          calledAt: at,
          onTime: d.onTime,
          satisfaction: d.satisfaction,
          satisfied: d.satisfaction >= 4,
          issues: d.issues ?? [],
          issueOpen: d.issueOpen ?? false,
        },
        at,
      ),
    followUpOverdue: (d: RoDims & { call: 'first' | 'second'; dueOn: string; lastDayOn: string }, at: string) =>
      build(w.FollowUpOverdue, 'followup', d.repairOrderId, { ...ro(d), call: d.call, dueOn: d.dueOn, lastDayOn: d.lastDayOn }, at),
    followUpEscalated: (d: RoDims & { call: 'first' | 'second'; raisedAt: string; issues: string[] }, at: string) =>
      build(w.FollowUpEscalated, 'followup', d.repairOrderId, { ...ro(d), call: d.call, raisedAt: d.raisedAt, issues: d.issues }, at),
    complaint: (d: { complaintId: string; brand?: string; serviceAdvisorId?: string; repairOrderId?: string; severity?: 'normal' | 'major' }, at: string) =>
      build(
        w.ComplaintReceived,
        'complaint',
        d.complaintId,
        {
          complaintId: d.complaintId,
          customerId: `cust-${d.complaintId}`,
          severity: d.severity ?? 'normal',
          channel: 'phone',
          description: '等待时间过长',
          receivedBy: 'cs-1',
          receivedAt: at,
          ...(d.brand ? { brand: d.brand } : {}),
          ...(d.serviceAdvisorId ? { serviceAdvisorId: d.serviceAdvisorId } : {}),
          ...(d.repairOrderId ? { repairOrderId: d.repairOrderId } : {}),
        },
        at,
      ),
    complaintResolved: (d: { complaintId: string; receivedAt: string; severity?: 'normal' | 'major'; customerSatisfied?: boolean }, at: string) =>
      build(
        w.ComplaintResolved,
        'complaint',
        d.complaintId,
        {
          complaintId: d.complaintId,
          severity: d.severity ?? 'normal',
          resolution: '致歉并免费检修',
          customerSatisfied: d.customerSatisfied ?? true,
          resolvedBy: 'cs-1',
          receivedAt: d.receivedAt,
        },
        at,
      ),
    classified: (
      d: { vin: string; brand: string; class: 'loyal' | 'general' | 'lost'; previousClass: 'loyal' | 'general' | 'lost'; lastVisitOn: string },
      at: string,
    ) =>
      build(
        w.CustomerClassified,
        'vehicle',
        d.vin,
        {
          vin: d.vin,
          customerId: `cust-${d.vin}`,
          brand: d.brand,
          class: d.class,
          previousClass: d.previousClass,
          reason: d.class === 'loyal' ? 'visit_frequency' : d.class === 'lost' ? 'no_visit' : 'returned',
          visitsInWindow: d.class === 'loyal' ? 3 : 0,
          lastVisitOn: d.lastVisitOn,
        },
        at,
      ),
  };
};
