import { sales } from '@rooftop/contracts';
import { type Journey, type Step, addDays, businessDay, addMinutes, localTime, money, step, user } from '../journey.js';
import { ARRIVAL_RATE, BAD_COMMAND_RATE, type DemoStore, FUNNEL, INSURERS, LEAD_CHANNEL_MIX, STAFF } from '../profile.js';
import { type Random } from '../random.js';
import { deliveryPolicySteps } from './insurance.js';
import { deliveryAccessories } from './parts.js';
import { mobile, personName, plateOf, staffId, vinOf } from './people.js';

/** Targets of the months in the run: units from the store's expected deliveries, shaped by the season. */
export const salesTargetJourney = (store: DemoStore, months: readonly string[], monthlyUnits: (month: string) => number, key: string, at: Date): Journey => ({
  storeId: store.storeId,
  key,
  steps: months.map((month) =>
    step(sales.SetSalesTarget, { scope: { level: 'store' }, month, units: monthlyUnits(month) }, user(staffId(store, 'gm', 1), 'general_manager'), at),
  ),
});

/**
 * One lead from capture to delivery or loss: contact, showroom visit, test drive, quotation, order, settlement,
 * delivery. Steps after `end` have not happened yet and are left out.
 */
export const leadJourney = (rng: Random, store: DemoStore, day: string, key: string, id: string): Journey => {
  const steps: Step[] = [];
  const channel = rng.weighted(LEAD_CHANNEL_MIX);
  const consultantId = staffId(store, 'c', rng.int(1, STAFF.consultants));
  const consultant = user(consultantId, 'consultant');
  const manager = user(staffId(store, 'sm', 1), 'sales_manager');
  const leadId = `L${id}`;
  const customerId = `C${id}`;
  const customerName = personName(rng);
  const customerPhone = mobile(rng);
  const { model, listPrice } = rng.pick(store.models);
  let at = localTime(day, rng.int(9, 19), rng.int(0, 59));
  const inPerson = channel === 'walk_in';
  const capturer =
    channel === 'online'
      ? user(staffId(store, 'os', 1), 'online_specialist')
      : channel === 'phone_in'
        ? user(staffId(store, 'cs', 1), 'call_specialist')
        : consultant;

  const capture = { leadId, customerId, channel, customerName, customerPhone, brand: store.brand, model, ...(inPerson ? { consultantId } : {}) } as const;
  if (rng.chance(BAD_COMMAND_RATE)) {
    // A typo in the phone number: the contract refuses it before any rule runs.
    steps.push(step(sales.CaptureLead, { ...capture, customerPhone: '12345' }, capturer, at, { expectRejection: 'VALIDATION_FAILED' }));
  }
  steps.push(step(sales.CaptureLead, capture, capturer, at));

  let visits = inPerson;
  if (!inPerson) {
    at = addMinutes(at, rng.int(30, 240));
    const arrives = rng.chance(ARRIVAL_RATE[channel]);
    steps.push(
      step(
        sales.RecordContact,
        { leadId, method: 'phone', outcome: arrives ? 'appointment_made' : rng.pick(['reached', 'not_reached'] as const) },
        capturer,
        at,
      ),
    );
    if (arrives) {
      visits = true;
      at = localTime(addDays(day, rng.int(1, 5)), rng.int(10, 18), rng.int(0, 59));
    }
  }
  if (!visits) {
    if (rng.chance(FUNNEL.lostWhenNotClosed))
      steps.push(
        step(
          sales.MarkLeadLost,
          { leadId, reason: rng.pick(['unreachable', 'no_longer_interested', 'bought_elsewhere'] as const) },
          capturer,
          localTime(addDays(day, rng.int(7, 21)), 17),
        ),
      );
    return { storeId: store.storeId, key, steps };
  }

  steps.push(step(sales.RecordShowroomVisit, { leadId, consultantId, partySize: rng.int(1, 4), byAppointment: !inPerson }, consultant, at));
  if (rng.chance(FUNNEL.testDrive))
    steps.push(step(sales.CompleteTestDrive, { leadId, consultantId, brand: store.brand, model }, consultant, (at = addMinutes(at, 40))));
  const discount = Math.round(rng.int(0, 25) * 10_000);
  const price = listPrice - discount;
  if (rng.chance(FUNNEL.quotation)) {
    at = addMinutes(at, 30);
    steps.push(
      step(
        sales.IssueQuotation,
        {
          leadId,
          quotationId: `Q${id}`,
          consultantId,
          brand: store.brand,
          model,
          listPrice: money(listPrice),
          quotedPrice: money(price),
          validUntil: addDays(day, 14),
        },
        consultant,
        at,
      ),
    );
  }
  if (!rng.chance(FUNNEL.close)) {
    if (rng.chance(FUNNEL.lostWhenNotClosed))
      steps.push(
        step(
          sales.MarkLeadLost,
          { leadId, reason: rng.pick(['price', 'bought_other_brand', 'bought_elsewhere', 'financing_declined'] as const) },
          consultant,
          addMinutes(at, 60 * 24 * rng.int(5, 20)),
        ),
      );
    return { storeId: store.storeId, key, steps };
  }

  const orderId = `O${id}`;
  const online = channel === 'online';
  at = addMinutes(at, 60 * 24 * rng.int(0, 6) + rng.int(20, 90));
  const loan = rng.chance(FUNNEL.loan);
  steps.push(
    step(
      sales.SignOrder,
      {
        orderId,
        leadId,
        customerId,
        customerName,
        customerPhone,
        buyerType: channel === 'key_account' ? 'key_account' : 'private',
        ...(channel === 'key_account' ? { companyName: `${store.city} Logistics Co.` } : {}),
        consultantId,
        online,
        ...(online ? { onlineSpecialistId: staffId(store, 'os', 1) } : {}),
        brand: store.brand,
        model,
        listPrice: money(listPrice),
        price: money(price),
        floorPrice: money(listPrice - 400_000),
        cost: money(listPrice * 0.9),
        deposit: money(500_000),
        financing: loan
          ? { type: 'loan', lender: 'Bank of China', loanAmount: money(price * 0.6), termMonths: 36, handlingFee: money(200_000) }
          : { type: 'cash' },
      },
      consultant,
      at,
    ),
  );
  if (rng.chance(FUNNEL.cancel)) {
    steps.push(
      step(
        sales.CancelOrder,
        { orderId, reason: rng.pick(['customer_withdrew', 'financing_declined'] as const), depositRefunded: money(500_000) },
        manager,
        addMinutes(at, 60 * 24 * rng.int(2, 10)),
      ),
    );
    return { storeId: store.storeId, key, steps };
  }
  const settledOn = addDays(businessDay(at), rng.int(5, 20));
  at = localTime(settledOn, rng.int(10, 15), rng.int(0, 59));
  steps.push(step(sales.SettleOrder, { orderId, settledOn, amountReceived: money(price) }, user(staffId(store, 'fin', 1), 'finance'), at));
  at = addMinutes(at, rng.int(30, 120));
  const policySold = rng.chance(FUNNEL.policySold);
  const vehicle = { vin: vinOf(rng), plate: plateOf(rng, store) };
  const insurer = policySold ? rng.pick(INSURERS) : undefined;
  steps.push(
    step(
      sales.DeliverVehicle,
      {
        orderId,
        ...vehicle,
        deliveryDate: settledOn,
        contactConsent: rng.chance(0.9),
        policySold,
        ...(insurer ? { insurer } : {}),
      },
      consultant,
      at,
    ),
  );
  // Accessories fitted at delivery (parts), and the policy's terms entered by the insurance desk (insurance).
  steps.push(...deliveryAccessories(rng, store, consultantId, orderId, at));
  if (insurer) steps.push(...deliveryPolicySteps(rng, store, { orderId, ...vehicle, model, listPrice, customerId, insurer, deliveryDate: settledOn }));
  return { storeId: store.storeId, key, steps };
};
