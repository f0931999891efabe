import { event, workshop as w } from '@rooftop/contracts';
import { DomainError, invalidTransition, notFound, unreachable } from '@rooftop/eventsourcing';
import { localDate } from '../calendar/store-calendar.js';
import { type RepairOrder, type RepairOrderCommand, type RepairOrderEvent, type RepairOrderStatus } from './repair-order.state.js';

/** What the handler loads from other streams before deciding (the decider itself stays pure). */
export interface RepairOrderContext {
  readonly timeZone: string;
  /** Active technicians on the store roster. */
  readonly technicians: ReadonlySet<string>;
  /** The original RO of a comeback, when the command names one (`undefined` = not found). */
  readonly original?: { readonly status: RepairOrderStatus | 'none'; readonly vin?: string } | undefined;
  /** Status of the appointment an RO names (`undefined` = not found). */
  readonly appointment?: 'none' | 'booked' | 'arrived' | 'no_show' | 'cancelled' | undefined;
}

type Open = Exclude<RepairOrder, { status: 'none' }>;

const DISPATCH_ROLES = ['workshop_dispatcher', 'admin'];
const hundredths = (hours: number): number => Math.round(hours * 100);

const requireStatus = (state: Open, allowed: readonly RepairOrderStatus[], reason: string, what: string): DomainError | undefined =>
  allowed.includes(state.status)
    ? undefined
    : invalidTransition(reason, `${what} needs the RO to be ${allowed.join(' or ')}, it is ${state.status}`, {
        status: state.status,
        repairOrderId: state.repairOrderId,
      });

const open = (command: Extract<RepairOrderCommand, { type: 'OpenRepairOrder' }>, ctx: RepairOrderContext): RepairOrderEvent[] | DomainError => {
  const { comebackOf, ...data } = command.data;
  if (data.appointmentId !== undefined) {
    if (ctx.appointment === undefined || ctx.appointment === 'none') return notFound('APPOINTMENT_NOT_FOUND', `no appointment ${data.appointmentId}`);
    if (ctx.appointment === 'cancelled') return new DomainError('APPOINTMENT_CANCELLED', `appointment ${data.appointmentId} was cancelled`);
  }
  if (comebackOf !== undefined) {
    if (comebackOf === data.repairOrderId) return new DomainError('COMEBACK_OF_ITSELF', 'a comeback links to an earlier RO');
    if (!ctx.original || ctx.original.status === 'none') return notFound('COMEBACK_ORIGINAL_NOT_FOUND', `no repair order ${comebackOf}`, { comebackOf });
    if (ctx.original.status !== 'released')
      return new DomainError('COMEBACK_ORIGINAL_NOT_RELEASED', `repair order ${comebackOf} has not been released`, { comebackOf });
    if (ctx.original.vin !== data.vin)
      return new DomainError('COMEBACK_VEHICLE_MISMATCH', `repair order ${comebackOf} was for another vehicle`, { comebackOf });
  }
  return [
    event(w.RepairOrderOpened, {
      ...data,
      ...(comebackOf !== undefined ? { comebackOf } : {}),
      openedOn: localDate(command.metadata.now, ctx.timeZone),
    }),
  ];
};

export const decideRepairOrder =
  (ctx: RepairOrderContext) =>
  (command: RepairOrderCommand, state: RepairOrder): RepairOrderEvent[] | DomainError => {
    if (command.type === 'OpenRepairOrder') {
      if (state.status !== 'none') return invalidTransition('REPAIR_ORDER_EXISTS', `repair order ${command.data.repairOrderId} already exists`);
      return open(command, ctx);
    }
    if (state.status === 'none') return notFound('REPAIR_ORDER_NOT_FOUND', `no repair order ${command.data.repairOrderId}`);
    const { repairOrderId } = command.data;
    const dims = { repairOrderId, brand: state.brand, roType: state.roType, serviceAdvisorId: state.serviceAdvisorId };
    switch (command.type) {
      case 'AgreeEstimate': {
        const wrong = requireStatus(state, ['opened'], 'ESTIMATE_ALREADY_AGREED', 'agreeing an estimate');
        if (wrong) return wrong;
        const { estimate, promisedAt } = command.data;
        return [event(w.EstimateAgreed, { repairOrderId, estimate, ...(promisedAt ? { promisedAt } : {}), agreedBy: command.actor.id })];
      }
      case 'DispatchJob': {
        const wrong = requireStatus(state, ['estimate_agreed', 'dispatched'], 'DISPATCH_NOT_ALLOWED', 'dispatching');
        if (wrong) return wrong;
        if (!(command.actor.roles ?? []).some((role) => DISPATCH_ROLES.includes(role))) {
          return new DomainError(
            'DISPATCH_BY_NON_DISPATCHER',
            'only the workshop dispatcher assigns jobs (technicians may not pick their own)',
            undefined,
            'FORBIDDEN',
          );
        }
        const unknown = command.data.technicianIds.filter((id) => !ctx.technicians.has(id));
        if (unknown.length > 0) return notFound('UNKNOWN_TECHNICIAN', `not on the active roster: ${unknown.join(', ')}`, { technicianIds: unknown });
        if (new Set(command.data.technicianIds).size !== command.data.technicianIds.length) {
          return new DomainError('DUPLICATE_TECHNICIAN', 'a technician is listed twice');
        }
        const { technicianIds, estimatedHours } = command.data;
        return [
          event(w.JobDispatched, { repairOrderId, dispatcherId: command.actor.id, technicianIds, ...(estimatedHours !== undefined ? { estimatedHours } : {}) }),
        ];
      }
      case 'ReportProgress': {
        const wrong = requireStatus(state, ['dispatched'], 'PROGRESS_OUTSIDE_WORK', 'reporting progress');
        if (wrong) return wrong;
        const { finding, additionalEstimate, customerAgreed } = command.data;
        return [
          event(w.ProgressReported, {
            repairOrderId,
            reportedBy: command.actor.id,
            finding,
            ...(additionalEstimate ? { additionalEstimate } : {}),
            customerAgreed,
          }),
        ];
      }
      case 'CompleteWork': {
        const wrong = requireStatus(state, ['dispatched'], 'WORK_NOT_IN_PROGRESS', 'completing work');
        if (wrong) return wrong;
        const { technicians } = command.data;
        if (technicians.some((t) => !(t.labourHours >= 0)))
          return new DomainError('NEGATIVE_LABOUR_HOURS', 'labour hours are never negative', undefined, 'VALIDATION_FAILED');
        const strangers = technicians.filter((t) => !state.technicianIds.includes(t.technicianId)).map((t) => t.technicianId);
        if (strangers.length > 0)
          return new DomainError('TECHNICIAN_NOT_DISPATCHED', `not dispatched on this job: ${strangers.join(', ')}`, { technicianIds: strangers });
        const total = technicians.reduce((sum, t) => sum + hundredths(t.labourHours), 0);
        if (total === 0) return new DomainError('NO_LABOUR_HOURS', 'completed work books some labour hours');
        return [event(w.WorkCompleted, { ...dims, technicians, labourHours: total / 100 })];
      }
      case 'RecordQualityCheck': {
        const wrong = requireStatus(state, ['work_completed'], 'QUALITY_CHECK_NOT_DUE', 'a quality check');
        if (wrong) return wrong;
        const { passed, note } = command.data;
        return [event(w.QualityChecked, { repairOrderId, inspectorId: command.actor.id, passed, ...(note ? { note } : {}) })];
      }
      case 'RecordVehicleWash': {
        const wrong = requireStatus(state, ['quality_checked'], 'WASH_BEFORE_QUALITY_CHECK', 'washing');
        if (wrong) return wrong;
        return [event(w.VehicleWashed, { repairOrderId, washedBy: command.actor.id })];
      }
      case 'InvoiceRepairOrder':
        return invoice(command, state, dims, ctx);
      case 'ReleaseVehicle': {
        if (state.status === 'released') return invalidTransition('ALREADY_RELEASED', `repair order ${repairOrderId} was already released`);
        const wrong = requireStatus(state, ['invoiced'], 'RELEASE_BEFORE_INVOICE', 'releasing the vehicle');
        if (wrong) return wrong;
        const releasedOn = localDate(command.metadata.now, ctx.timeZone);
        const { nextMaintenanceDueOn } = command.data;
        if (nextMaintenanceDueOn !== undefined && nextMaintenanceDueOn <= releasedOn) {
          return new DomainError('MAINTENANCE_DUE_NOT_IN_FUTURE', 'the next maintenance date lies after the release', { nextMaintenanceDueOn, releasedOn });
        }
        return [
          event(w.VehicleReleased, {
            ...dims,
            vin: state.vin,
            model: state.model,
            customerId: state.customerId,
            mileageKm: state.mileageKm,
            releasedOn,
            ...(nextMaintenanceDueOn ? { nextMaintenanceDueOn } : {}),
            releasedBy: command.actor.id,
          }),
        ];
      }
      default:
        return unreachable(command);
    }
  };

const invoice = (
  command: Extract<RepairOrderCommand, { type: 'InvoiceRepairOrder' }>,
  state: Open,
  dims: { repairOrderId: string; brand: string; roType: Open['roType']; serviceAdvisorId: string },
  ctx: RepairOrderContext,
): RepairOrderEvent[] | DomainError => {
  if (state.status === 'invoiced' || state.status === 'released')
    return invalidTransition('ALREADY_INVOICED', `repair order ${dims.repairOrderId} is already invoiced`);
  const wrong = requireStatus(state, ['washed'], 'INVOICE_BEFORE_WASH', 'invoicing');
  if (wrong) return wrong;
  const { invoiceId, payer, insurer, labour, parts, discount } = command.data;
  if (discount.amount > labour.amount + parts.amount) return new DomainError('DISCOUNT_EXCEEDS_AMOUNT', 'the discount is more than labour + parts');
  if (payer === 'insurer' && insurer === undefined) return new DomainError('INSURER_REQUIRED', 'name the insurer when the insurer pays');
  if (payer === 'oem' && dims.roType !== 'warranty' && dims.roType !== 'campaign_inspection') {
    return new DomainError('OEM_PAYS_WARRANTY_ONLY', 'the OEM pays only warranty and campaign repair orders', { roType: dims.roType });
  }
  return [
    event(w.RepairOrderInvoiced, {
      ...dims,
      invoiceId,
      payer,
      ...(insurer !== undefined ? { insurer } : {}),
      amounts: { labour, parts, discount, total: { amount: labour.amount + parts.amount - discount.amount, currency: labour.currency } },
      technicians: state.technicians ?? [],
      comeback: state.comebackOf !== undefined,
      invoicedOn: localDate(command.metadata.now, ctx.timeZone),
    }),
  ];
};
