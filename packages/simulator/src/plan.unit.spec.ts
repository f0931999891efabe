import { REPAIR_VEHICLE_RO_TYPES } from '@rooftop/kpis';
import { describe, expect, it } from 'vitest';
import { planSimulation } from './plan.js';
import { PART_CATALOGUE } from './profile.js';

const options = { stores: 3, months: 2, seed: 7, end: '2026-01-01', scale: 0.2 };

describe('planSimulation', () => {
  const plan = planSimulation(options);
  const steps = [...plan.setup, ...plan.journeys].flatMap((j) => j.steps);

  it('is a pure function of its options: the same seed gives the same commands, another seed others', () => {
    const again = planSimulation(options);
    expect(JSON.stringify(again)).toBe(JSON.stringify(plan));
    expect(JSON.stringify(planSimulation({ ...options, seed: 8 }).journeys)).not.toBe(JSON.stringify(plan.journeys));
  });

  it('sends contract-valid data, except the commands meant to be refused', () => {
    const invalid = steps.filter((s) => !s.contract.schema.safeParse(s.data).success);
    expect(invalid.length).toBeGreaterThan(0);
    expect(invalid.every((s) => s.expectRejection === 'VALIDATION_FAILED')).toBe(true);
    expect(steps.filter((s) => s.expectRejection === 'RULE_VIOLATION').every((s) => s.contract.schema.safeParse(s.data).success)).toBe(true);
  });

  it('sends each actor a role the contract allows, and never a command dated on or after the end', () => {
    expect(steps.filter((s) => !s.actor.roles!.some((role) => s.contract.roles.includes(role))).map((s) => s.contract.type)).toEqual([]);
    expect(steps.every((s) => s.at < new Date('2025-12-31T16:00:00Z'))).toBe(true);
    expect(plan.from).toBe('2025-11-01');
  });

  it('keeps command ids unique per store and each journey in time order', () => {
    const ids = [...plan.setup, ...plan.journeys].flatMap((j) => j.steps.map((_, i) => `${j.storeId}/${j.key}.${i}`));
    expect(new Set(ids).size).toBe(ids.length);
    for (const journey of plan.journeys) {
      const times = journey.steps.map((s) => s.at.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });

  it('draws RO values near the documents: ≈800元 per repair vehicle and ≈1,800元 per insurance vehicle', () => {
    const big = planSimulation({ ...options, scale: 1, months: 3 });
    // Ids are unique per store, so the stores are kept apart here.
    const all = big.journeys.flatMap((j) => j.steps.map((s) => ({ ...s, id: `${j.storeId}/${(s.data as { repairOrderId?: string }).repairOrderId}` })));
    const invoices = all.filter((s) => s.contract.type === 'InvoiceRepairOrder' && !s.expectRejection);
    const opened = new Map(
      all
        .filter((s) => s.contract.type === 'OpenRepairOrder')
        .map((s) => {
          const d = s.data as { roType: string; comebackOf?: string };
          return [s.id, d.comebackOf ? 'comeback' : d.roType];
        }),
    );
    const mean = (types: readonly string[]) => {
      const amounts = invoices
        .filter((s) => types.includes(opened.get(s.id)!))
        .map((s) => {
          const d = s.data as { labour: { amount: number }; parts: { amount: number } };
          return d.labour.amount + d.parts.amount;
        });
      return amounts.reduce((a, b) => a + b, 0) / amounts.length;
    };
    // The KPI's "repair vehicles" are the mechanical RO types.
    expect(Math.abs(mean(REPAIR_VEHICLE_RO_TYPES) - 80_000) / 80_000).toBeLessThan(0.08);
    expect(Math.abs(mean(['insurance_claim']) - 180_000) / 180_000).toBeLessThan(0.08);
  });

  it('follows the seasonal shape: December busier than November', () => {
    // The daily business (leads, repair orders, counter sales: keys `<seed>.<n>`); renewals follow the book, HR the calendar.
    const daily = plan.journeys.filter((j) => /^[a-z0-9]+\.\d+$/.test(j.key));
    const count = (month: string) => daily.filter((j) => j.steps[0]!.at.toISOString().slice(0, 7) === month).length;
    expect(count('2025-12')).toBeGreaterThan(count('2025-11'));
  });

  it('draws parts and insurance near the documents: genuine parts ≥ 80万 and accessories ≥ 30万 a year, renewal premium ≈10万 a month', () => {
    const year = planSimulation({ stores: 1, months: 12, seed: 3, end: '2026-01-01', scale: 1 });
    const sent = [...year.setup, ...year.journeys].flatMap((j) => j.steps).filter((s) => !s.expectRejection);
    const part = (partNumber: string) => PART_CATALOGUE.find((p) => partNumber.endsWith(`-${p.suffix}`))!;
    let genuine = 0;
    let accessories = 0;
    let renewals = 0;
    for (const s of sent) {
      const d = s.data as {
        lines?: { partNumber: string; quantity: number; unitCost: { amount: number } }[];
        partNumber?: string;
        quantity?: number;
        discount?: { amount: number };
        coverages?: { premium: { amount: number } }[];
      };
      if (s.contract.type === 'PlacePurchaseOrder')
        for (const line of d.lines!) if (part(line.partNumber).kind === 'genuine') genuine += line.quantity * line.unitCost.amount;
      if (s.contract.type === 'SellAccessory' && part(d.partNumber!).kind === 'accessory')
        accessories += part(d.partNumber!).price * d.quantity! - d.discount!.amount;
      if (s.contract.type === 'RenewPolicy' && s.at >= new Date('2025-01-01')) renewals += d.coverages!.reduce((sum, c) => sum + c.premium.amount, 0);
    }
    const wan = (n: number) => n * 1_000_000; // 1万元 in fen
    expect(genuine).toBeGreaterThanOrEqual(wan(80));
    expect(accessories).toBeGreaterThanOrEqual(wan(30));
    expect(Math.abs(renewals / 12 - wan(10)) / wan(10)).toBeLessThan(0.2);
  });

  it('runs set-up in phases: the staffing plan, then the past (every employee hired once), then roster and opening stock', () => {
    const phases = new Map(plan.setup.map((j) => [j.key.split('.')[1]!.replace(/-.*$/, ''), j.phase]));
    expect(phases.get('staffing')).toBe(0);
    expect(phases.get('staff')).toBe(1);
    expect(phases.get('part')).toBe(1);
    expect(phases.get('roster')).toBe(2);
    expect(phases.get('parts')).toBe(2);
    const hires = steps.filter((s) => s.contract.type === 'HireEmployee' && !s.expectRejection).map((s) => `${(s.data as { employeeId: string }).employeeId}`);
    expect(new Set(hires).size).toBe(hires.length);
  });

  it('orders parts ahead of the demand: per part, units received by any time cover the units issued and sold before it', () => {
    for (const store of plan.stores) {
      const mine = [...plan.setup, ...plan.journeys]
        .filter((j) => j.storeId === store.storeId)
        .flatMap((j) => j.steps)
        .filter((s) => !s.expectRejection);
      const moves = mine
        .filter((s) => ['ReceiveParts', 'IssuePartsToRepairOrder', 'SellPartsOverCounter', 'SellAccessory'].includes(s.contract.type))
        .map((s) => ({ at: s.at.getTime(), ...(s.data as { partNumber: string; quantity: number }), sign: s.contract.type === 'ReceiveParts' ? 1 : -1 }))
        .sort((a, b) => a.at - b.at || b.sign - a.sign);
      const stock = new Map<string, number>();
      for (const m of moves) {
        stock.set(m.partNumber, (stock.get(m.partNumber) ?? 0) + m.sign * m.quantity);
        expect(stock.get(m.partNumber), `${store.storeId} ${m.partNumber}`).toBeGreaterThanOrEqual(0);
      }
    }
  });
});
