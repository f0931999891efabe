import { deciderSpec } from '@rooftop/testkit';
import { describe, expect, it } from 'vitest';
import { advisor, cny, command, dispatcher, OTHER_VIN, openData, technician, VIN } from '../../../test/builders.js';
import { type RepairOrderContext, repairOrderDecider, type RepairOrderEvent } from './repair-order.decider.js';

const ctx: RepairOrderContext = { timeZone: 'Asia/Shanghai', technicians: new Set(['tech-1', 'tech-2']) };
const spec = deciderSpec(repairOrderDecider(ctx));
const dims = { repairOrderId: 'ro-1', brand: '长安', roType: 'repair' as const, serviceAdvisorId: 'sa-1' };
const hours = [
  { technicianId: 'tech-1', labourHours: 1.5 },
  { technicianId: 'tech-2', labourHours: 0.75 },
];

const opened: RepairOrderEvent = { type: 'RepairOrderOpened', data: { ...openData, openedOn: '2026-03-02' } };
const agreed: RepairOrderEvent = {
  type: 'EstimateAgreed',
  data: { repairOrderId: 'ro-1', estimate: { labour: cny(30_000), parts: cny(50_000) }, agreedBy: 'sa-1' },
};
const dispatched: RepairOrderEvent = { type: 'JobDispatched', data: { repairOrderId: 'ro-1', dispatcherId: 'disp-1', technicianIds: ['tech-1', 'tech-2'] } };
const completed: RepairOrderEvent = { type: 'WorkCompleted', data: { ...dims, technicians: hours, labourHours: 2.25 } };
const checked: RepairOrderEvent = { type: 'QualityChecked', data: { repairOrderId: 'ro-1', inspectorId: 'qi-1', passed: true } };
const washed: RepairOrderEvent = { type: 'VehicleWashed', data: { repairOrderId: 'ro-1', washedBy: 'wash-1' } };
const invoiceData = { repairOrderId: 'ro-1', invoiceId: 'inv-1', payer: 'customer' as const, labour: cny(30_000), parts: cny(50_000), discount: cny(5_000) };
const invoiced: RepairOrderEvent = {
  type: 'RepairOrderInvoiced',
  data: {
    ...dims,
    invoiceId: 'inv-1',
    payer: 'customer',
    amounts: { labour: cny(30_000), parts: cny(50_000), discount: cny(5_000), total: cny(75_000) },
    technicians: hours,
    comeback: false,
    invoicedOn: '2026-03-02',
  },
};
const released: RepairOrderEvent = {
  type: 'VehicleReleased',
  data: { ...dims, vin: VIN, model: 'CS75 PLUS', customerId: 'cust-1', mileageKm: 12_000, releasedOn: '2026-03-03', releasedBy: 'sa-1' },
};
const before = [opened, agreed, dispatched, completed, checked, washed];

describe('repair order decider: the happy path', () => {
  it('opens with the business date of intake in the store time zone', () => {
    spec
      .given([])
      .when(command('OpenRepairOrder', openData, { now: '2026-03-01T16:30:00Z' }))
      .thenEvents([{ ...opened, data: { ...openData, openedOn: '2026-03-02' } }]);
  });

  it('agrees the estimate, dispatches, reports progress, completes, checks, washes, invoices, releases', () => {
    spec
      .given([opened])
      .when(command('AgreeEstimate', { repairOrderId: 'ro-1', estimate: { labour: cny(30_000), parts: cny(50_000) } }))
      .thenEvents([agreed]);
    spec
      .given([opened, agreed])
      .when(command('DispatchJob', { repairOrderId: 'ro-1', technicianIds: ['tech-1', 'tech-2'] }, { actor: dispatcher }))
      .thenEvents([dispatched]);
    spec
      .given([opened, agreed, dispatched])
      .when(
        command(
          'ReportProgress',
          { repairOrderId: 'ro-1', finding: 'Worn brake pads', additionalEstimate: cny(40_000), customerAgreed: true },
          { actor: technician },
        ),
      )
      .thenEvents([
        {
          type: 'ProgressReported',
          data: { repairOrderId: 'ro-1', reportedBy: 'tech-1', finding: 'Worn brake pads', additionalEstimate: cny(40_000), customerAgreed: true },
        },
      ]);
    spec
      .given([opened, agreed, dispatched])
      .when(command('CompleteWork', { repairOrderId: 'ro-1', technicians: hours }, { actor: technician }))
      .thenEvents([completed]);
    spec
      .given([opened, agreed, dispatched, completed])
      .when(command('RecordQualityCheck', { repairOrderId: 'ro-1', passed: true }, { actor: { kind: 'user', id: 'qi-1' } }))
      .thenEvents([checked]);
    spec
      .given([opened, agreed, dispatched, completed, checked])
      .when(command('RecordVehicleWash', { repairOrderId: 'ro-1' }, { actor: { kind: 'user', id: 'wash-1' } }))
      .thenEvents([washed]);
    spec.given(before).when(command('InvoiceRepairOrder', invoiceData)).thenEvents([invoiced]);
    spec
      .given([...before, invoiced])
      .when(command('ReleaseVehicle', { repairOrderId: 'ro-1' }, { now: '2026-03-03T17:00:00+08:00' }))
      .thenEvents([released]);
  });

  it('sends a job that failed the quality check back to the technicians', () => {
    const failed: RepairOrderEvent = { type: 'QualityChecked', data: { repairOrderId: 'ro-1', inspectorId: 'qi-1', passed: false } };
    spec
      .given([opened, agreed, dispatched, completed, failed])
      .when(command('CompleteWork', { repairOrderId: 'ro-1', technicians: hours }))
      .thenEvents([completed]);
    spec
      .given([opened, agreed, dispatched, completed, failed])
      .when(command('RecordVehicleWash', { repairOrderId: 'ro-1' }))
      .thenError('WASH_BEFORE_QUALITY_CHECK');
  });

  it('lets the dispatcher re-dispatch a job in progress', () => {
    spec
      .given([opened, agreed, dispatched])
      .when(command('DispatchJob', { repairOrderId: 'ro-1', technicianIds: ['tech-2'] }, { actor: dispatcher }))
      .thenEvents([{ type: 'JobDispatched', data: { repairOrderId: 'ro-1', dispatcherId: 'disp-1', technicianIds: ['tech-2'] } }]);
  });

  it('links a comeback to a released original of the same vehicle and flags it on the invoice', () => {
    const comeback = repairOrderDecider({ ...ctx, original: { status: 'released', vin: VIN } });
    const data = { ...openData, repairOrderId: 'ro-2', comebackOf: 'ro-1' };
    deciderSpec(comeback)
      .given([])
      .when(command('OpenRepairOrder', data))
      .thenEvents([{ type: 'RepairOrderOpened', data: { ...data, openedOn: '2026-03-02' } }]);
    const reopened: RepairOrderEvent = { type: 'RepairOrderOpened', data: { ...openData, comebackOf: 'ro-0', openedOn: '2026-03-02' } };
    const decision = repairOrderDecider(ctx).decide(
      command('InvoiceRepairOrder', invoiceData),
      [reopened, ...before.slice(1)].reduce(repairOrderDecider(ctx).evolve, repairOrderDecider(ctx).initialState()),
    );
    expect(Array.isArray(decision) && decision[0]!.type === 'RepairOrderInvoiced' && decision[0]!.data.comeback).toBe(true);
  });
});

describe('repair order decider: rules and invalid transitions', () => {
  it('refuses a second open and commands on an unknown RO', () => {
    spec.given([opened]).when(command('OpenRepairOrder', openData)).thenError('REPAIR_ORDER_EXISTS', 'INVALID_TRANSITION');
    spec
      .given([])
      .when(command('AgreeEstimate', { repairOrderId: 'ro-1', estimate: { labour: cny(1), parts: cny(1) } }))
      .thenError('REPAIR_ORDER_NOT_FOUND', 'NOT_FOUND');
    spec
      .given([opened, agreed])
      .when(command('AgreeEstimate', { repairOrderId: 'ro-1', estimate: { labour: cny(1), parts: cny(1) } }))
      .thenError('ESTIMATE_ALREADY_AGREED');
  });

  it('checks the comeback original: found, released, same vehicle, not itself', () => {
    const data = { ...openData, repairOrderId: 'ro-2', comebackOf: 'ro-1' };
    deciderSpec(repairOrderDecider(ctx)).given([]).when(command('OpenRepairOrder', data)).thenError('COMEBACK_ORIGINAL_NOT_FOUND', 'NOT_FOUND');
    deciderSpec(repairOrderDecider({ ...ctx, original: { status: 'invoiced', vin: VIN } }))
      .given([])
      .when(command('OpenRepairOrder', data))
      .thenError('COMEBACK_ORIGINAL_NOT_RELEASED');
    deciderSpec(repairOrderDecider({ ...ctx, original: { status: 'released', vin: OTHER_VIN } }))
      .given([])
      .when(command('OpenRepairOrder', data))
      .thenError('COMEBACK_VEHICLE_MISMATCH');
    spec
      .given([])
      .when(command('OpenRepairOrder', { ...openData, comebackOf: 'ro-1' }))
      .thenError('COMEBACK_OF_ITSELF');
  });

  it('opens from an appointment only when it exists and was not cancelled', () => {
    const data = { ...openData, appointmentId: 'ap-1' };
    const opens = (appointment: RepairOrderContext['appointment']) =>
      deciderSpec(repairOrderDecider({ ...ctx, appointment }))
        .given([])
        .when(command('OpenRepairOrder', data));
    opens('arrived').thenEvents([{ type: 'RepairOrderOpened', data: { ...data, openedOn: '2026-03-02' } }]);
    opens(undefined).thenError('APPOINTMENT_NOT_FOUND', 'NOT_FOUND');
    opens('cancelled').thenError('APPOINTMENT_CANCELLED');
  });

  it('dispatches only by the dispatcher, only to active technicians, only after the estimate', () => {
    const dispatch = (actor = dispatcher, technicianIds = ['tech-1']) => command('DispatchJob', { repairOrderId: 'ro-1', technicianIds }, { actor });
    spec.given([opened]).when(dispatch()).thenError('DISPATCH_NOT_ALLOWED', 'INVALID_TRANSITION');
    spec.given([opened, agreed]).when(dispatch(technician)).thenError('DISPATCH_BY_NON_DISPATCHER', 'FORBIDDEN');
    spec.given([opened, agreed]).when(dispatch(advisor)).thenError('DISPATCH_BY_NON_DISPATCHER');
    spec
      .given([opened, agreed])
      .when(dispatch(dispatcher, ['tech-1', 'tech-9']))
      .thenError('UNKNOWN_TECHNICIAN', 'NOT_FOUND');
    spec
      .given([opened, agreed])
      .when(dispatch(dispatcher, ['tech-1', 'tech-1']))
      .thenError('DUPLICATE_TECHNICIAN');
  });

  it('reports progress only while the job is in the workshop', () => {
    const report = command('ReportProgress', { repairOrderId: 'ro-1', finding: 'x', customerAgreed: false });
    spec.given([opened, agreed]).when(report).thenError('PROGRESS_OUTSIDE_WORK');
    spec.given([opened, agreed, dispatched, completed]).when(report).thenError('PROGRESS_OUTSIDE_WORK');
  });

  it('completes work with non-negative hours of dispatched technicians only', () => {
    const complete = (technicians: Array<{ technicianId: string; labourHours: number }>) => command('CompleteWork', { repairOrderId: 'ro-1', technicians });
    spec.given([opened, agreed]).when(complete(hours)).thenError('WORK_NOT_IN_PROGRESS');
    spec
      .given([opened, agreed, dispatched])
      .when(complete([{ technicianId: 'tech-1', labourHours: -1 }]))
      .thenError('NEGATIVE_LABOUR_HOURS', 'VALIDATION_FAILED');
    spec
      .given([opened, agreed, dispatched])
      .when(complete([{ technicianId: 'tech-3', labourHours: 1 }]))
      .thenError('TECHNICIAN_NOT_DISPATCHED');
    spec
      .given([opened, agreed, dispatched])
      .when(complete([{ technicianId: 'tech-1', labourHours: 0 }]))
      .thenError('NO_LABOUR_HOURS');
  });

  it('checks quality only after the work, washes only after the check', () => {
    spec
      .given([opened, agreed, dispatched])
      .when(command('RecordQualityCheck', { repairOrderId: 'ro-1', passed: true }))
      .thenError('QUALITY_CHECK_NOT_DUE');
    spec
      .given([opened, agreed, dispatched, completed])
      .when(command('RecordVehicleWash', { repairOrderId: 'ro-1' }))
      .thenError('WASH_BEFORE_QUALITY_CHECK');
  });

  it('invoices only a washed vehicle, once, with a sane discount and payer', () => {
    spec.given(before.slice(0, 5)).when(command('InvoiceRepairOrder', invoiceData)).thenError('INVOICE_BEFORE_WASH');
    spec
      .given([...before, invoiced])
      .when(command('InvoiceRepairOrder', invoiceData))
      .thenError('ALREADY_INVOICED');
    spec
      .given(before)
      .when(command('InvoiceRepairOrder', { ...invoiceData, discount: cny(80_001) }))
      .thenError('DISCOUNT_EXCEEDS_AMOUNT');
    spec
      .given(before)
      .when(command('InvoiceRepairOrder', { ...invoiceData, payer: 'insurer' as const }))
      .thenError('INSURER_REQUIRED');
    spec
      .given(before)
      .when(command('InvoiceRepairOrder', { ...invoiceData, payer: 'oem' as const }))
      .thenError('OEM_PAYS_WARRANTY_ONLY');
  });

  it('releases only after the invoice, once, with a future maintenance date', () => {
    spec
      .given(before)
      .when(command('ReleaseVehicle', { repairOrderId: 'ro-1' }))
      .thenError('RELEASE_BEFORE_INVOICE', 'INVALID_TRANSITION');
    spec
      .given([opened])
      .when(command('ReleaseVehicle', { repairOrderId: 'ro-1' }))
      .thenError('RELEASE_BEFORE_INVOICE');
    spec
      .given([...before, invoiced, released])
      .when(command('ReleaseVehicle', { repairOrderId: 'ro-1' }))
      .thenError('ALREADY_RELEASED');
    spec
      .given([...before, invoiced])
      .when(command('ReleaseVehicle', { repairOrderId: 'ro-1', nextMaintenanceDueOn: '2026-03-03' }, { now: '2026-03-03T10:00:00+08:00' }))
      .thenError('MAINTENANCE_DUE_NOT_IN_FUTURE');
  });
});
