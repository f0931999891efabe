import { insurance } from '@rooftop/contracts';
import { type Journey, type Step, addDays, localTime, money, step, user } from '../journey.js';
import { BAD_COMMAND_RATE, type DemoStore, INSURANCE_RATES, INSURERS, STAFF, seasonality } from '../profile.js';
import { type Random } from '../random.js';
import { personName, plateOf, staffId, vinOf } from './people.js';

// Insurance (docs/domain/insurance.md): the new-car policy entered after a delivery with a policy sold, the renewal pipeline of
// the store's book (policies sold a year before that now expire), and claims repaired in the workshop.

/** The insurance service's id for the policy its delivery reaction records (`delivery-<orderId>`). */
export const deliveryPolicyId = (orderId: string): string => `delivery-${orderId}`.slice(0, 64);

const clerk = (store: DemoStore) => user(staffId(store, 'ic', 1), 'insurance_clerk');

/** A year of cover ending the day before the same date next year. */
const yearFrom = (startsOn: string): string => addDays(`${Number(startsOn.slice(0, 4)) + 1}${startsOn.slice(4)}`.replace(/-02-29$/, '-02-28'), -1);

/**
 * Covers of a private car around its price: 交强险 950元, 车损 ≈1.3 % of the price, 三者 (1 million cover), and in
 * the whole base package 不计免赔 and 车上人 too. Commission: ≈4 % of the compulsory and ≈12 % of the commercial premium.
 */
const coversFor = (rng: Random, listPrice: number, full: boolean) => {
  const damage = Math.round((listPrice * 0.013 * (0.85 + 0.3 * rng.next())) / 100) * 100;
  const coverages = [
    { kind: 'compulsory' as const, premium: money(95_000) },
    { kind: 'vehicle_damage' as const, premium: money(damage), sumInsured: money(listPrice) },
    { kind: 'third_party' as const, premium: money(rng.int(90, 130) * 1_000), sumInsured: money(100_000_000) },
    ...(full
      ? [
          { kind: 'deductible_waiver' as const, premium: money(Math.round(damage * 0.15)) },
          { kind: 'passenger' as const, premium: money(rng.int(4, 8) * 1_000) },
        ]
      : []),
  ];
  const commercial = coverages.filter((c) => c.kind !== 'compulsory').reduce((sum, c) => sum + c.premium.amount, 0);
  return { coverages, commission: money(95_000 * 0.04 + commercial * 0.12) };
};

/** The desk enters the terms of the policy sold with a delivered car a day or two later (the insurer's documents). */
export const deliveryPolicySteps = (
  rng: Random,
  store: DemoStore,
  sale: { orderId: string; vin: string; plate: string; model: string; listPrice: number; customerId: string; insurer: string; deliveryDate: string },
): Step[] => {
  const startsOn = sale.deliveryDate;
  const terms = coversFor(rng, sale.listPrice, rng.chance(INSURANCE_RATES.fullPackage));
  return [
    step(
      insurance.SellNewPolicy,
      {
        policyId: deliveryPolicyId(sale.orderId),
        orderId: sale.orderId,
        vin: sale.vin,
        plate: sale.plate,
        brand: store.brand,
        model: sale.model,
        customerId: sale.customerId,
        insurer: sale.insurer,
        ...terms,
        startsOn,
        endsOn: yearFrom(startsOn),
      },
      clerk(store),
      localTime(addDays(sale.deliveryDate, rng.int(1, 2)), rng.int(9, 16), rng.int(0, 59)),
    ),
  ];
};

interface BookPolicy {
  readonly policyId: string;
  readonly endsOn: string;
  readonly listPrice: number;
  readonly insurer: string;
}

/**
 * The store's book: policies sold a year before (entered at their sale date, before the run) whose term ends in the
 * run or within the renewal lead window after it, so the renewal timers open them while the run goes on.
 */
export const policyBookJourneys = (
  rng: Random,
  store: DemoStore,
  from: string,
  end: string,
  scale: number,
  leadDays: number,
  tag: string,
): { book: Journey[]; policies: BookPolicy[] } => {
  const book: Journey[] = [];
  const policies: BookPolicy[] = [];
  let n = 0;
  for (let day = from; day < addDays(end, leadDays); day = addDays(day, 1)) {
    const month = Number(day.slice(5, 7)) - 1;
    const expiring = rng.poisson((INSURANCE_RATES.expiringPerMonth / 30) * scale * seasonality(month));
    for (let i = 0; i < expiring; i += 1, n += 1) {
      const startsOn = addDays(`${Number(day.slice(0, 4)) - 1}${day.slice(4)}`.replace(/-02-29$/, '-02-28'), 1);
      const endsOn = yearFrom(startsOn);
      const { model, listPrice } = rng.pick(store.models);
      const insurer = rng.pick(INSURERS);
      const policyId = `P${tag}-${n}`;
      book.push({
        storeId: store.storeId,
        key: `${tag}.book-${n}`,
        steps: [
          step(
            insurance.SellNewPolicy,
            {
              policyId,
              vin: vinOf(rng),
              plate: plateOf(rng, store),
              brand: store.brand,
              model,
              customerId: `IC${tag}-${n}`,
              insurer,
              ...coversFor(rng, listPrice, rng.chance(INSURANCE_RATES.fullPackage)),
              startsOn,
              endsOn,
            },
            clerk(store),
            localTime(startsOn, rng.int(9, 16), rng.int(0, 59)),
          ),
        ],
      });
      policies.push({ policyId, endsOn, listPrice, insurer });
    }
  }
  return { book, policies };
};

/**
 * One expiring policy's renewal: the opportunity opens by the service's timer (`leadDays` before the end, 09:00);
 * the renewal lead assigns it to renewal staff or an SA, who calls and renews (with an incentive now and then) or
 * records the loss; some simply lapse. A renewal dated before its old term ends is sometimes keyed by mistake and
 * refused.
 */
export const renewalJourney = (rng: Random, store: DemoStore, policy: BookPolicy, leadDays: number, from: string, key: string): Journey => {
  const opensOn = addDays(policy.endsOn, -leadDays);
  const firstDay = opensOn > from ? opensOn : from;
  const toRenewal = rng.chance(0.75);
  const assigneeId = toRenewal ? staffId(store, 'rc', rng.int(1, 2)) : staffId(store, 'sa', rng.int(1, STAFF.serviceAdvisors));
  const assignee = user(assigneeId, toRenewal ? 'insurance_renewal_clerk' : 'service_advisor');
  const lead = user(staffId(store, 'rc', 1), 'insurance_renewal_clerk');
  let day = addDays(firstDay, rng.int(1, 4));
  const steps: Step[] = [
    // The opportunity is opened by the service's timer: until it has fired the answer is NO_OPEN_RENEWAL.
    step(
      insurance.AssignRenewal,
      { policyId: policy.policyId, assigneeId, assigneeRole: toRenewal ? 'renewal_staff' : 'service_advisor' },
      lead,
      localTime(day, 10, rng.int(0, 59)),
      { awaitsReaction: ['NO_OPEN_RENEWAL'] },
    ),
  ];
  const calls = rng.int(1, 3);
  for (let i = 0; i < calls; i += 1) {
    day = addDays(day, rng.int(2, 10));
    const last = i === calls - 1;
    steps.push(
      step(
        insurance.LogRenewalCall,
        { policyId: policy.policyId, outcome: last ? 'interested' : rng.pick(['no_answer', 'call_back'] as const) },
        assignee,
        localTime(day, rng.int(9, 17), rng.int(0, 59)),
      ),
    );
  }
  const outcome = rng.weighted({ renewed: INSURANCE_RATES.renewed, lost: INSURANCE_RATES.lost, lapsed: 1 - INSURANCE_RATES.renewed - INSURANCE_RATES.lost });
  const at = localTime(addDays(day, rng.int(1, 7)), rng.int(9, 17), rng.int(0, 59));
  if (outcome === 'renewed') {
    const startsOn = addDays(policy.endsOn, 1);
    const terms = {
      ...coversFor(rng, policy.listPrice * 0.85, rng.chance(INSURANCE_RATES.fullPackage)),
      insurer: rng.chance(0.85) ? policy.insurer : rng.pick(INSURERS),
    };
    const incentive = rng.chance(0.4)
      ? { incentive: { kind: rng.pick(['voucher', 'free_maintenance', 'gift'] as const), value: money(rng.int(2, 5) * 10_000) } }
      : {};
    if (rng.chance(BAD_COMMAND_RATE * 5)) {
      // The new term keyed to start on the old one's last day: the rule refuses it.
      steps.push(
        step(insurance.RenewPolicy, { policyId: policy.policyId, ...terms, startsOn: policy.endsOn, endsOn: yearFrom(policy.endsOn) }, assignee, at, {
          expectRejection: 'RULE_VIOLATION',
        }),
      );
    }
    steps.push(step(insurance.RenewPolicy, { policyId: policy.policyId, ...terms, ...incentive, startsOn, endsOn: yearFrom(startsOn) }, assignee, at));
  } else if (outcome === 'lost') {
    steps.push(
      step(
        insurance.LoseRenewal,
        { policyId: policy.policyId, reason: rng.weighted({ price: 40, other_insurer: 30, sold_car: 15, moved: 10, other: 5 }) },
        assignee,
        at,
      ),
    );
  }
  return { storeId: store.storeId, key, steps };
};

/**
 * An accident claim reported at the service desk: workshop's reaction opens the insurance_claim RO with the claim's
 * id (the caller sends the rest of the visit), insurance's reaction marks the claim repaired when that RO is
 * invoiced, and the insurer pays weeks later.
 */
export const claimReport = (
  rng: Random,
  store: DemoStore,
  claimId: string,
  vehicle: { vin: string; plate: string; model: string; customerId: string },
  sa: string,
  day: string,
  at: Date,
) => {
  const insurer = rng.pick(INSURERS);
  return {
    insurer,
    step: step(
      insurance.ReportClaim,
      {
        claimId,
        insurer,
        insurerReference: `RPT${claimId}`,
        vin: vehicle.vin,
        plate: vehicle.plate,
        brand: store.brand,
        model: vehicle.model,
        customerId: vehicle.customerId,
        serviceAdvisorId: sa,
        mileageKm: rng.int(3_000, 120_000),
        accidentOn: addDays(day, -rng.int(0, 3)),
        description: `${personName(rng)}: front-end collision, bumper and headlamp damaged`,
      },
      user(sa, 'service_advisor'),
      at,
    ),
  };
};

/** The insurer's payment: most claims in full, some cut to ≥ 90 %; now and then a payment above the bill is keyed and refused. */
export const claimSettlement = (rng: Random, store: DemoStore, claimId: string, repairAmount: number, invoicedAt: Date): Step[] => {
  const at = localTime(addDays(new Date(invoicedAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 10), rng.int(10, 30)), rng.int(9, 17), rng.int(0, 59));
  const paid = rng.chance(0.7) ? repairAmount : Math.round(repairAmount * (INSURANCE_RATES.settledShare + 0.1 * rng.next()));
  // Repaired is known once workshop's invoice has reached insurance: until then CLAIM_NOT_REPAIRED.
  const waits = { awaitsReaction: ['CLAIM_NOT_REPAIRED'] } as const;
  const steps: Step[] = [];
  if (rng.chance(BAD_COMMAND_RATE * 5))
    steps.push(
      step(insurance.SettleClaim, { claimId, settledAmount: money(repairAmount + 10_000) }, clerk(store), at, { ...waits, expectRejection: 'RULE_VIOLATION' }),
    );
  steps.push(step(insurance.SettleClaim, { claimId, settledAmount: money(paid) }, clerk(store), at, waits));
  return steps;
};
