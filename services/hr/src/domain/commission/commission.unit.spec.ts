import { describe, expect, it } from 'vitest';
import { commissionStatements, share } from './calculate.js';
import { type CommissionInputs, type VehicleSale } from './inputs.js';
import { BASE_PACKAGE, SCHEME_2013 } from './scheme.js';

// March 2025 for two consultants, every amount worked out by hand in fen (1元 = 100 fen).
const sale = (orderId: string, consultantId: string, extra: Partial<VehicleSale> = {}): VehicleSale => ({
  orderId,
  consultantId,
  model: 'T61',
  price: 10_000_000,
  floorPrice: 10_000_000,
  financed: false,
  online: false,
  settledOn: '2025-03-20',
  ...extra,
});

const march: CommissionInputs = {
  salespeople: [
    { employeeId: 'emp-a', role: 'consultant', targetUnits: 5, appraisalScore: 90 },
    { employeeId: 'emp-b', role: 'consultant', targetUnits: 2, appraisalScore: 75 },
  ],
  vehicleSales: [
    // A: 4 settled of 5 → 80 % → sedan 240元 each.
    sale('o-1', 'emp-a', { price: 15_000_000, floorPrice: 14_800_000 }), // 2000元 above the floor → 1000元
    sale('o-2', 'emp-a', { price: 9_876_543, floorPrice: 9_876_500, financed: true }), // 43 fen above → 21.5 → 22 fen; +300元
    sale('o-3', 'emp-a'), // at the floor: nothing more
    sale('o-4', 'emp-a', { price: 9_500_000, financed: true }), // below the floor (approved discount); +300元
    sale('o-5', 'emp-a', { settledOn: undefined }), // delivered, not settled: waits
    sale('o-6', 'emp-a', { online: true }), // online order: the online specialist's
    sale('o-0', 'emp-a', { settledOn: '2025-02-28' }), // settled in February
    // B: 3 settled of 2 → 150 % → sedan 350元, hatchback 400元.
    sale('o-7', 'emp-b', { price: 10_001_001 }), // 10.01元 above → 5.005元 → 501 fen
    sale('o-8', 'emp-b', { model: 'T33两厢', financed: true }), // +300元
    sale('o-9', 'emp-b'),
  ],
  policies: [
    { policyId: 'p-1', orderId: 'o-1', coverages: [...BASE_PACKAGE] }, // A 100元
    { policyId: 'p-3', orderId: 'o-3', coverages: ['compulsory', 'vehicle_damage', 'third_party', 'deductible_waiver'] }, // no passenger cover
    { policyId: 'p-5', orderId: 'o-5', coverages: [...BASE_PACKAGE] }, // order not settled
    { policyId: 'p-9', orderId: 'o-9', coverages: [...BASE_PACKAGE] }, // B 100元
    { policyId: 'p-x', coverages: [...BASE_PACKAGE] }, // sold without a vehicle
  ],
  decorations: [
    { saleId: 'd-1', soldBy: 'emp-a', net: 100_000, cost: 60_000, soldOn: '2025-03-05' }, // 400元 / 3 = 133.333 → 13333 fen
    { saleId: 'd-2', soldBy: 'emp-a', net: 50_001, cost: 30_000, soldOn: '2025-03-31' }, // 20001 / 3 = 6667 fen
    { saleId: 'd-3', soldBy: 'emp-a', net: 20_000, cost: 25_000, soldOn: '2025-03-10' }, // sold below cost: 0
    { saleId: 'd-4', soldBy: 'emp-b', net: 90_000, cost: 30_000, soldOn: '2025-04-01' }, // April
  ],
  modelClasses: { T33两厢: 'hatchback' },
  defaultClass: 'sedan',
};

describe('commission under the 2013 scheme', () => {
  it('computes a month for two consultants to the fen, line by line', () => {
    const [a, b] = commissionStatements(SCHEME_2013, march, '2025-03');
    expect(a).toEqual({
      employeeId: 'emp-a',
      month: '2025-03',
      schemeId: '2013-05',
      role: 'consultant',
      targetUnits: 5,
      unitsSettled: 4,
      attainmentBasisPoints: 8000,
      band: 80,
      lines: [
        { kind: 'vehicle', ref: 'o-1', basis: 'T61 (sedan), band ≥80%', amount: 24_000 },
        { kind: 'above_floor', ref: 'o-1', basis: '1/2 of 2000.00元 above the floor 148000.00元', amount: 100_000 },
        { kind: 'vehicle', ref: 'o-2', basis: 'T61 (sedan), band ≥80%', amount: 24_000 },
        { kind: 'above_floor', ref: 'o-2', basis: '1/2 of 0.43元 above the floor 98765.00元', amount: 22 },
        { kind: 'financed', ref: 'o-2', basis: 'financed sale (按揭)', amount: 30_000 },
        { kind: 'vehicle', ref: 'o-3', basis: 'T61 (sedan), band ≥80%', amount: 24_000 },
        { kind: 'vehicle', ref: 'o-4', basis: 'T61 (sedan), band ≥80%', amount: 24_000 },
        { kind: 'financed', ref: 'o-4', basis: 'financed sale (按揭)', amount: 30_000 },
        { kind: 'insurance', ref: 'p-1', basis: 'base package on order o-1', amount: 10_000 },
        { kind: 'decoration', ref: 'd-1', basis: '1/3 of margin 400.00元 (1000.00元 − 600.00元)', amount: 13_333 },
        { kind: 'decoration', ref: 'd-2', basis: '1/3 of margin 200.01元 (500.01元 − 300.00元)', amount: 6_667 },
        { kind: 'decoration', ref: 'd-3', basis: '1/3 of margin 0.00元 (200.00元 − 250.00元)', amount: 0 },
      ],
      // 4×24000 + 100000 + 22 + 2×30000 + 10000 + 13333 + 6667
      commissionTotal: 286_022,
      appraisalScore: 90,
      performancePay: 257_420, // 286022 × 0.9 = 257419.8
      status: 'final',
      awaitingSettlement: ['o-5'],
    });
    expect(b).toMatchObject({ employeeId: 'emp-b', unitsSettled: 3, attainmentBasisPoints: 15_000, band: 120, awaitingSettlement: [] });
    expect(b!.lines).toEqual([
      { kind: 'vehicle', ref: 'o-7', basis: 'T61 (sedan), band ≥120%', amount: 35_000 },
      { kind: 'above_floor', ref: 'o-7', basis: '1/2 of 10.01元 above the floor 100000.00元', amount: 501 },
      { kind: 'vehicle', ref: 'o-8', basis: 'T33两厢 (hatchback), band ≥120%', amount: 40_000 },
      { kind: 'financed', ref: 'o-8', basis: 'financed sale (按揭)', amount: 30_000 },
      { kind: 'vehicle', ref: 'o-9', basis: 'T61 (sedan), band ≥120%', amount: 35_000 },
      { kind: 'insurance', ref: 'p-9', basis: 'base package on order o-9', amount: 10_000 },
    ]);
    // 35000 + 501 + 40000 + 30000 + 35000 + 10000 = 150501; × 0.75 = 112875.75
    expect([b!.commissionTotal, b!.performancePay, b!.status]).toEqual([150_501, 112_876, 'final']);
  });

  it('uses the lowest band and no financed bonus without a target, and waits for the appraisal score', () => {
    const inputs: CommissionInputs = {
      ...march,
      salespeople: [{ employeeId: 'emp-c', role: 'assistant' }],
      vehicleSales: [sale('o-c', 'emp-c', { financed: true })],
      policies: [],
      decorations: [],
    };
    const [c] = commissionStatements(SCHEME_2013, inputs, '2025-03');
    expect(c).toEqual({
      employeeId: 'emp-c',
      month: '2025-03',
      schemeId: '2013-05',
      role: 'assistant',
      unitsSettled: 1,
      band: 0,
      lines: [{ kind: 'vehicle', ref: 'o-c', basis: 'T61 (sedan), band ≥0%', amount: 9_000 }],
      commissionTotal: 9_000,
      status: 'awaiting_appraisal',
      awaitingSettlement: [],
    });
  });

  it('picks each attainment band at its exact lower bound', () => {
    const rates = [0, 5, 6, 7, 8, 9, 10, 11, 12].map((units) => {
      const sales = Array.from({ length: units }, (_, i) => sale(`o-${i}`, 'emp-a'));
      const [s] = commissionStatements(
        SCHEME_2013,
        { ...march, salespeople: [{ employeeId: 'emp-a', role: 'consultant', targetUnits: 10 }], vehicleSales: sales, policies: [], decorations: [] },
        '2025-03',
      );
      return s!.band;
    });
    expect(rates).toEqual([0, 0, 60, 70, 80, 90, 100, 100, 120]);
  });

  it('rounds shares half up to the fen', () => {
    expect([
      share(1, { numerator: 1, denominator: 2 }),
      share(3, { numerator: 1, denominator: 2 }),
      share(1, { numerator: 1, denominator: 3 }),
      share(2, { numerator: 1, denominator: 3 }),
    ]).toEqual([1, 2, 0, 1]);
  });
});
