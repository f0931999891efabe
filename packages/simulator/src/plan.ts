import { type Journey, addDays, localTime } from './journey.js';
import { extraSeatJourney, monthJourneys, staffHistoryJourneys, staffingPlanJourney, storeOpened, turnoverJourneys } from './journeys/hr.js';
import { policyBookJourneys, renewalJourney } from './journeys/insurance.js';
import { careSaleJourney, counterSaleJourney, partMasterJourney, purchasingJourneys } from './journeys/parts.js';
import { leadJourney, salesTargetJourney } from './journeys/sales.js';
import { repairJourney, rosterJourney } from './journeys/workshop.js';
import { DAILY_VOLUME, type DemoStore, FUNNEL, PARTS_RATES, RENEWAL_LEAD_DAYS, demoStores, seasonality } from './profile.js';
import { Random } from './random.js';

export interface PlanOptions {
  readonly stores: number;
  readonly months: number;
  readonly seed: number;
  /** First day that is NOT simulated (YYYY-MM-DD, China time); the run covers the `months` before it. */
  readonly end: string;
  /** Multiplies the documents' daily volumes (1 = 650 ROs and ≈360 leads per store and month). */
  readonly scale: number;
  /** Put before every store id (tests run stores of their own beside a demo); the business drawn stays the same. */
  readonly storeIdPrefix?: string;
}

export interface Plan {
  readonly stores: readonly DemoStore[];
  readonly from: string;
  readonly end: string;
  /**
   * Set-up journeys, by `phase`: 0 the staffing plan, 1 the store's past (staff hired and trained, last year's
   * policies, the part master), 2 the roster, targets and opening stock. Each phase runs to completion, in order,
   * before the business starts.
   */
  readonly setup: readonly Journey[];
  /** Business journeys, ordered by the time of their first command. */
  readonly journeys: readonly Journey[];
  readonly commands: number;
}

const monthsBack = (end: string, months: number): string => {
  const d = new Date(`${end}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
};

const monthsBetween = (from: string, end: string): string[] => {
  const months: string[] = [];
  for (let m = from.slice(0, 7); m <= addDays(end, -1).slice(0, 7); m = addDays(`${m}-01`, 32).slice(0, 7)) months.push(m);
  return months;
};

/** The whole simulated business for a seed: a pure function of its options (no clock, no global random). */
export const planSimulation = (options: PlanOptions): Plan => {
  const stores = demoStores(options.stores).map((store) => ({ ...store, storeId: `${options.storeIdPrefix ?? ''}${store.storeId}` }));
  const base = demoStores(options.stores);
  const from = monthsBack(options.end, options.months);
  const cutoff = localTime(options.end, 0);
  const start = localTime(from, 0);
  const tag = options.seed.toString(36);
  const setup: Journey[] = [];
  const journeys: Journey[] = [];
  // Journeys are drawn for the demo store (same people, same ids) and then addressed to the prefixed store id.
  const months = monthsBetween(from, options.end);
  const purchasing: Journey[] = [];
  for (const store of base) {
    const rng = Random.derive(options.seed, store.storeId);
    const partsRng = Random.derive(options.seed, `${store.storeId}/parts`);
    const insuranceRng = Random.derive(options.seed, `${store.storeId}/insurance`);
    const hrRng = Random.derive(options.seed, `${store.storeId}/hr`);
    setup.push({ ...staffingPlanJourney(store, storeOpened(from), `${tag}.staffing-plan`), phase: 0 });
    setup.push(...staffHistoryJourneys(hrRng, store, from, tag).map((j) => ({ ...j, phase: 1 })));
    const { book, policies } = policyBookJourneys(insuranceRng, store, from, options.end, options.scale, RENEWAL_LEAD_DAYS, tag);
    setup.push(...book.map((j) => ({ ...j, phase: 1 })));
    setup.push({ ...partMasterJourney(store, `${tag}.part-master`, start), phase: 1 });
    setup.push({ ...rosterJourney(rng, store, `${tag}.roster`, start), phase: 2 });
    // Target = the month's expected leads × ≈60 % that reach the showroom × the close rate.
    const unitsPerMonth = (month: string) =>
      Math.max(1, Math.round(DAILY_VOLUME.leads * options.scale * 30 * seasonality(Number(month.slice(5, 7)) - 1) * 0.6 * FUNNEL.close));
    setup.push({ ...salesTargetJourney(store, months, unitsPerMonth, `${tag}.targets`, start), phase: 2 });
    let n = 0;
    for (let day = from; day < options.end; day = addDays(day, 1)) {
      const date = new Date(`${day}T00:00:00Z`);
      const season = seasonality(date.getUTCMonth());
      const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
      const leads = rng.poisson(DAILY_VOLUME.leads * options.scale * season * (weekend ? 1.4 : 0.85));
      const ros = rng.poisson(DAILY_VOLUME.repairOrders * options.scale * season * (date.getUTCDay() === 0 ? 0.7 : 1.05));
      for (let i = 0; i < leads; i += 1, n += 1) journeys.push(leadJourney(rng, store, day, `${tag}.${n}`, `${tag}-${n}`));
      for (let i = 0; i < ros; i += 1, n += 1) journeys.push(repairJourney(rng, store, day, `${tag}.${n}`, `${tag}-${n}`));
      const counter = partsRng.poisson(PARTS_RATES.counterSalesPerDay * options.scale * season);
      const care = partsRng.poisson(PARTS_RATES.careSalesPerDay * options.scale * season);
      for (let i = 0; i < counter; i += 1, n += 1) journeys.push(counterSaleJourney(partsRng, store, day, `${tag}.${n}`, `${tag}-${n}`));
      for (let i = 0; i < care; i += 1, n += 1) journeys.push(careSaleJourney(partsRng, store, day, `${tag}.${n}`, `${tag}-${n}`));
    }
    policies.forEach((policy, i) => journeys.push(renewalJourney(insuranceRng, store, policy, RENEWAL_LEAD_DAYS, from, `${tag}.renewal-${i}`)));
    for (const month of months) journeys.push(...monthJourneys(hrRng, store, month, tag));
    journeys.push(...turnoverJourneys(hrRng, store, from, months, tag));
    const days = Math.round((cutoff.getTime() - start.getTime()) / 86_400_000);
    journeys.push(extraSeatJourney(hrRng, store, addDays(from, Math.min(45, Math.floor(days / 2))), tag));
  }
  // What lies after the end has not happened yet; a comeback booked before the start is not simulated either.
  const storeIdOf = new Map(base.map((store, i) => [store.storeId, stores[i]!.storeId]));
  const address = (j: Journey): Journey => ({ ...j, storeId: storeIdOf.get(j.storeId)! });
  const trim = (list: readonly Journey[]) =>
    list
      .map((j) => ({ ...j, steps: j.steps.filter((s, i) => s.at < cutoff && j.steps.slice(0, i + 1).every((p) => p.at < cutoff)) }))
      .filter((j) => j.steps.length > 0);
  const business = trim(journeys);
  // Purchasing follows the demand of what is left: the parts the business will take, ordered ahead of it.
  for (const store of base) {
    const { opening, weekly } = purchasingJourneys(Random.derive(options.seed, `${store.storeId}/purchasing`), store, business, start, cutoff, tag);
    setup.push({ ...opening, phase: 2 });
    purchasing.push(...weekly);
  }
  setup.splice(0, setup.length, ...setup.map(address));
  const trimmed = [...business, ...trim(purchasing)]
    .map(address)
    .sort(
      (a, b) => a.steps[0]!.at.getTime() - b.steps[0]!.at.getTime() || (a.storeId < b.storeId ? -1 : a.storeId > b.storeId ? 1 : 0) || (a.key < b.key ? -1 : 1),
    );
  const commands = [...setup, ...trimmed].reduce((sum, j) => sum + j.steps.length, 0);
  return { stores, from, end: options.end, setup, journeys: trimmed, commands };
};
