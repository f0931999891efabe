import { workshop } from '@rooftop/contracts';
import { type Journey, type Step, addDays, addMinutes, businessDay, localTime, money, step, user } from '../journey.js';
import { BAD_COMMAND_RATE, type DemoStore, INSURANCE_RATES, INSURERS, RO_PROFILES, STAFF, WORKSHOP_RATES } from '../profile.js';
import { type Random } from '../random.js';
import { claimReport, claimSettlement } from './insurance.js';
import { repairOrderParts } from './parts.js';
import { mobile, personName, plateOf, staffId, vinOf } from './people.js';

type Trade = 'mechanical' | 'body' | 'paint';

/** The store's technicians by trade (ids only; the roster journey registers them). */
export const technicians = (store: DemoStore): Record<Trade, string[]> => ({
  mechanical: Array.from({ length: STAFF.mechanics }, (_, i) => staffId(store, 't', i + 1)),
  body: Array.from({ length: STAFF.bodyTechs }, (_, i) => staffId(store, 'tb', i + 1)),
  paint: Array.from({ length: STAFF.painters }, (_, i) => staffId(store, 'tp', i + 1)),
});

export const rosterJourney = (rng: Random, store: DemoStore, key: string, at: Date): Journey => {
  const manager = user(staffId(store, 'wm', 1), 'service_manager');
  const steps = Object.entries(technicians(store)).flatMap(([trade, ids]) =>
    ids.map((technicianId) =>
      step(
        workshop.RegisterTechnician,
        { technicianId, name: personName(rng), trade: trade as Trade, grade: rng.pick(['junior', 'intermediate', 'senior'] as const) },
        manager,
        at,
      ),
    ),
  );
  return { storeId: store.storeId, key, steps };
};

const hoursOf = (labourFen: number, people: number): number => Math.max(0.5, Math.round((labourFen / WORKSHOP_RATES.labourRate / people) * 2) / 2);

interface Visit {
  readonly repairOrderId: string;
  readonly roType: workshop.RepairOrderType;
  readonly at: Date;
  readonly comebackOf?: string;
  readonly appointmentId?: string;
  /** Reported as an insurance claim: workshop's own reaction opens the RO (with the claim's id and insurer). */
  readonly claim?: { readonly insurer: string };
}

/** Open → estimate → dispatch → (finding) → complete → QC → (wash) → invoice → release: one visit's steps. */
const visitSteps = (
  rng: Random,
  store: DemoStore,
  vehicle: { vin: string; plate: string; model: string; customerId: string },
  visit: Visit,
  sa: string,
): { steps: Step[]; releasedAt: Date } => {
  const advisor = user(sa, 'service_advisor');
  const profile = RO_PROFILES[visit.roType];
  const output = visit.comebackOf ? rng.around(30_000) : rng.around(profile.meanOutput);
  const labour = Math.round((output * profile.labourShare) / 100) * 100;
  const parts = Math.round((output - labour) / 100) * 100;
  const trades = technicians(store);
  const crew = [...new Set(profile.trades.map((t) => rng.pick(trades[t])))];
  const { repairOrderId } = visit;
  let at = visit.at;
  const open = step(
    workshop.OpenRepairOrder,
    {
      repairOrderId,
      roType: visit.roType,
      serviceAdvisorId: sa,
      vin: vehicle.vin,
      plate: vehicle.plate,
      brand: store.brand,
      model: vehicle.model,
      customerId: vehicle.customerId,
      mileageKm: rng.int(1_000, 120_000),
      ...(visit.appointmentId ? { appointmentId: visit.appointmentId } : {}),
      ...(visit.comebackOf ? { comebackOf: visit.comebackOf, complaint: 'The same noise is back' } : {}),
    },
    advisor,
    at,
  );
  const steps: Step[] = [
    ...(visit.claim ? [] : [open]),
    // A claim's RO is opened by workshop's reaction to ClaimReported: until then the estimate finds no RO.
    step(
      workshop.AgreeEstimate,
      { repairOrderId, estimate: { labour: money(labour), parts: money(parts) } },
      advisor,
      (at = addMinutes(at, rng.int(10, 25))),
      visit.claim ? { awaitsReaction: true } : {},
    ),
    step(
      workshop.DispatchJob,
      { repairOrderId, technicianIds: crew },
      user(staffId(store, 'dsp', 1), 'workshop_dispatcher'),
      (at = addMinutes(at, rng.int(10, 40))),
    ),
  ];
  if (!visit.comebackOf) steps.push(...repairOrderParts(rng, store, repairOrderId, visit.roType, advisor, at));
  at = steps.at(-1)!.at;
  const tech = user(crew[0]!, 'technician');
  const complete = () =>
    step(
      workshop.CompleteWork,
      { repairOrderId, technicians: crew.map((technicianId) => ({ technicianId, labourHours: hoursOf(labour, crew.length) })) },
      tech,
      (at = addMinutes(at, rng.int(60, 240))),
    );
  if (rng.chance(WORKSHOP_RATES.progressFinding))
    steps.push(
      step(
        workshop.ReportProgress,
        { repairOrderId, finding: 'Brake pads worn below limit', customerAgreed: rng.chance(0.7) },
        tech,
        (at = addMinutes(at, 45)),
      ),
    );
  steps.push(complete());
  const inspector = user(staffId(store, 'qi', 1), 'quality_inspector');
  if (rng.chance(WORKSHOP_RATES.qualityFail)) {
    steps.push(step(workshop.RecordQualityCheck, { repairOrderId, passed: false, note: 'Torque not to spec' }, inspector, (at = addMinutes(at, 15))));
    steps.push(complete());
  }
  steps.push(step(workshop.RecordQualityCheck, { repairOrderId, passed: true }, inspector, (at = addMinutes(at, 15))));
  // Every vehicle is washed before it is invoiced (the workshop refuses an invoice before the wash).
  steps.push(step(workshop.RecordVehicleWash, { repairOrderId }, user(staffId(store, 'w', 1), 'washer'), (at = addMinutes(at, 20))));
  const cashier = user(staffId(store, 'cash', 1), 'cashier');
  const payer = visit.comebackOf ? 'customer' : profile.payer;
  const invoice = {
    repairOrderId,
    invoiceId: `I${repairOrderId}`,
    payer,
    ...(payer === 'insurer' ? { insurer: visit.claim?.insurer ?? rng.pick(INSURERS) } : {}),
    labour: money(visit.comebackOf ? 0 : labour),
    parts: money(visit.comebackOf ? 0 : parts),
    discount: money(0),
  } as const;
  at = addMinutes(at, 10);
  if (rng.chance(BAD_COMMAND_RATE)) {
    // A discount larger than the bill: the rule refuses it and nothing is written.
    steps.push(step(workshop.InvoiceRepairOrder, { ...invoice, discount: money(labour + parts + 10_000) }, cashier, at, { expectRejection: 'RULE_VIOLATION' }));
  }
  steps.push(step(workshop.InvoiceRepairOrder, invoice, cashier, at));
  const advised = visit.roType === 'maintenance' || visit.roType === 'first_service' ? { nextMaintenanceDueOn: addDays(businessDay(at), 180) } : {};
  const invoicedAt = at;
  at = addMinutes(at, rng.int(5, 30));
  steps.push(step(workshop.ReleaseVehicle, { repairOrderId, ...advised }, advisor, at));
  if (visit.claim) steps.push(...claimSettlement(rng, store, repairOrderId, labour + parts, invoicedAt));
  return { steps, releasedAt: at };
};

/**
 * One vehicle's visit to the workshop, from the appointment to the follow-up call, and now and then the comeback
 * that repeats it (a new RO linked to the released one).
 */
export const repairJourney = (rng: Random, store: DemoStore, day: string, key: string, id: string): Journey => {
  const roType = rng.weighted(Object.fromEntries(Object.entries(RO_PROFILES).map(([type, p]) => [type, p.share])) as Record<workshop.RepairOrderType, number>);
  const vehicle = { vin: vinOf(rng), plate: plateOf(rng, store), model: rng.pick(store.models).model, customerId: `WC${id}` };
  const sa = staffId(store, 'sa', rng.int(1, STAFF.serviceAdvisors));
  const advisor = user(sa, 'service_advisor');
  const steps: Step[] = [];
  const openAt = localTime(day, rng.int(8, 15), rng.int(0, 59));
  let appointmentId: string | undefined;
  if (roType === 'insurance_claim' && rng.chance(INSURANCE_RATES.claimFirst)) {
    // The accident is reported at the service desk; workshop's reaction opens the RO under the claim's id.
    const reported = claimReport(rng, store, `R${id}`, vehicle, sa, day, addMinutes(openAt, -rng.int(5, 30)));
    const first = visitSteps(rng, store, vehicle, { repairOrderId: `R${id}`, roType, at: openAt, claim: { insurer: reported.insurer } }, sa);
    steps.push(reported.step, ...first.steps);
    return {
      storeId: store.storeId,
      key,
      steps: steps
        .map((s, i) => ({ s, i }))
        .sort((a, b) => a.s.at.getTime() - b.s.at.getTime() || a.i - b.i)
        .map(({ s }) => s),
    };
  }
  if (rng.chance(WORKSHOP_RATES.appointment)) {
    const noShow = rng.chance(WORKSHOP_RATES.noShow);
    appointmentId = `A${id}`;
    const bookedAt = localTime(addDays(day, -rng.int(1, 4)), rng.int(9, 17), rng.int(0, 59));
    steps.push(
      step(
        workshop.BookAppointment,
        {
          appointmentId,
          customerId: vehicle.customerId,
          customerName: personName(rng),
          customerPhone: mobile(rng),
          vin: vehicle.vin,
          plate: vehicle.plate,
          brand: store.brand,
          model: vehicle.model,
          serviceAdvisorId: sa,
          roType,
          slotStart: addMinutes(openAt, 5).toISOString(),
          slotEnd: addMinutes(openAt, 65).toISOString(),
          source: rng.pick(['inbound_call', 'online', 'reminder'] as const),
        },
        advisor,
        bookedAt,
      ),
    );
    // A no-show is never recorded by hand: the workshop's own timer marks it after the slot. The customer comes
    // without an appointment another day.
    if (noShow) appointmentId = undefined;
    else steps.push(step(workshop.RecordAppointmentArrival, { appointmentId }, advisor, openAt));
  }
  const visitAt = steps.length > 0 && !appointmentId ? localTime(addDays(day, rng.int(1, 3)), rng.int(8, 15), rng.int(0, 59)) : openAt;
  const first = visitSteps(rng, store, vehicle, { repairOrderId: `R${id}`, roType, at: visitAt, ...(appointmentId ? { appointmentId } : {}) }, sa);
  steps.push(...first.steps);
  if (roType === 'warranty') steps.push(...warrantyClaim(rng, store, vehicle.vin, `R${id}`, first));
  if (rng.chance(WORKSHOP_RATES.followUpCall)) {
    const satisfaction = rng.weighted({ 5: 60, 4: 30, 3: 6, 2: 3, 1: 1 });
    const unhappy = Number(satisfaction) <= 3;
    const clerk = user(staffId(store, 'fu', 1), 'follow_up_clerk');
    const callAt = localTime(addDays(businessDay(first.releasedAt), rng.int(1, 3)), rng.int(9, 17));
    steps.push(
      step(
        workshop.RecordFollowUpCall,
        {
          repairOrderId: `R${id}`,
          satisfaction: Number(satisfaction),
          issues: unhappy ? ['Waited too long at pick-up'] : [],
          issueResolvedOnCall: unhappy && rng.chance(0.5),
        },
        clerk,
        callAt,
        { awaitsReaction: true },
      ),
    );
    if (Number(satisfaction) <= 2)
      steps.push(
        ...complaint(rng, store, { customerId: vehicle.customerId, vin: vehicle.vin, repairOrderId: `R${id}`, serviceAdvisorId: sa }, `K${id}`, callAt),
      );
  }
  if (rng.chance(WORKSHOP_RATES.comeback)) {
    const again = visitSteps(
      rng,
      store,
      vehicle,
      {
        repairOrderId: `R${id}b`,
        roType: 'repair',
        at: localTime(addDays(businessDay(first.releasedAt), rng.int(3, 20)), rng.int(8, 15)),
        comebackOf: `R${id}`,
      },
      sa,
    );
    steps.push(...again.steps);
  }
  // The claim, the follow-up call and a comeback interleave in time; each comes after what it depends on, so a
  // stable sort by time keeps every dependency in order.
  return {
    storeId: store.storeId,
    key,
    steps: steps
      .map((s, i) => ({ s, i }))
      .sort((a, b) => a.s.at.getTime() - b.s.at.getTime() || a.i - b.i)
      .map(({ s }) => s),
  };
};

/** Warranty work is claimed from the OEM after release; most claims are approved (target ≥ 95 %). */
const warrantyClaim = (rng: Random, store: DemoStore, vin: string, repairOrderId: string, visit: { steps: Step[]; releasedAt: Date }): Step[] => {
  const clerk = user(staffId(store, 'wc', 1), 'warranty_clerk');
  const invoice = visit.steps.find((s) => s.contract.type === 'InvoiceRepairOrder' && !s.expectRejection)!.data as {
    labour: { amount: number };
    parts: { amount: number };
  };
  const claimed = Math.max(100, invoice.labour.amount + invoice.parts.amount);
  const claimId = `W${repairOrderId}`;
  const at = addMinutes(visit.releasedAt, 60 * 24 * rng.int(1, 3));
  return [
    step(workshop.SubmitWarrantyClaim, { claimId, repairOrderId, vin, brand: store.brand, claimedAmount: money(claimed) }, clerk, at),
    rng.chance(WORKSHOP_RATES.warrantyApproval)
      ? step(workshop.ApproveWarrantyClaim, { claimId, approvedAmount: money(claimed) }, clerk, addMinutes(at, 60 * 24 * rng.int(5, 15)))
      : step(workshop.RejectWarrantyClaim, { claimId, reason: 'Damage not covered by the warranty terms' }, clerk, addMinutes(at, 60 * 24 * rng.int(5, 15))),
  ];
};

/** An unhappy follow-up call becomes a complaint; a major one is escalated before it is resolved. */
const complaint = (
  rng: Random,
  store: DemoStore,
  about: { customerId: string; vin: string; repairOrderId: string; serviceAdvisorId: string },
  complaintId: string,
  at: Date,
): Step[] => {
  const care = user(staffId(store, 'csm', 1), 'customer_service_manager');
  const major = rng.chance(0.2);
  const steps = [
    step(
      workshop.ReceiveComplaint,
      {
        complaintId,
        ...about,
        brand: store.brand,
        severity: major ? 'major' : 'normal',
        channel: 'follow_up_call',
        description: 'Unhappy with the waiting time and the bill',
      },
      care,
      addMinutes(at, 10),
    ),
  ];
  if (major)
    steps.push(step(workshop.EscalateComplaint, { complaintId, escalatedTo: staffId(store, 'wm', 1), reason: 'Major complaint' }, care, addMinutes(at, 60)));
  steps.push(
    step(
      workshop.ResolveComplaint,
      { complaintId, resolution: 'Apologised and refunded the labour', customerSatisfied: rng.chance(0.8) },
      care,
      addMinutes(at, 60 * rng.int(4, 48)),
    ),
  );
  return steps;
};
