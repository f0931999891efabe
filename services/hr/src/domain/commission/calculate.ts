import { type CommissionInputs, type Salesperson, type VehicleSale } from './inputs.js';
import { type CommissionScheme, type Fraction } from './scheme.js';
import { type CommissionLine, type CommissionStatement } from './statement.js';

/** n × fraction, rounded half up to the fen (n ≥ 0). Integer arithmetic only, so results are exact. */
export const share = (n: number, f: Fraction): number => Math.floor((2 * n * f.numerator + f.denominator) / (2 * f.denominator));

const yuan = (fen: number): string => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}元`;

/** Index of the band an attainment falls in: units ÷ target ≥ bound %, compared in integers. */
const bandIndex = (scheme: CommissionScheme, units: number, target: number | undefined): number => {
  if (target === undefined || target === 0) return 0;
  let index = 0;
  scheme.attainmentBands.forEach((bound, i) => {
    if (units * 100 >= bound * target) index = i;
  });
  return index;
};

const vehicleLines = (scheme: CommissionScheme, inputs: CommissionInputs, person: Salesperson, sale: VehicleSale, band: number): CommissionLine[] => {
  const vehicleClass = inputs.modelClasses[sale.model] ?? inputs.defaultClass;
  const rate = scheme.vehicleRates[person.role][vehicleClass][band]!;
  const lines: CommissionLine[] = [
    { kind: 'vehicle', ref: sale.orderId, basis: `${sale.model} (${vehicleClass}), band ≥${scheme.attainmentBands[band]}%`, amount: rate },
  ];
  if (sale.price > sale.floorPrice) {
    const excess = sale.price - sale.floorPrice;
    const f = scheme.aboveFloorShare;
    lines.push({
      kind: 'above_floor',
      ref: sale.orderId,
      basis: `${f.numerator}/${f.denominator} of ${yuan(excess)} above the floor ${yuan(sale.floorPrice)}`,
      amount: share(excess, f),
    });
  }
  if (sale.financed && person.targetUnits !== undefined) {
    lines.push({ kind: 'financed', ref: sale.orderId, basis: 'financed sale (按揭)', amount: scheme.financedBonus });
  }
  return lines;
};

/**
 * One salesperson's statement for `month`. Vehicle, above-floor, financed and insurance lines come from the
 * orders settled in the month (no commission before settlement); decoration lines from accessory sales made in
 * the month. Online orders are the online specialist's and are left out.
 */
export const commissionStatement = (scheme: CommissionScheme, inputs: CommissionInputs, person: Salesperson, month: string): CommissionStatement => {
  const own = inputs.vehicleSales.filter((s) => s.consultantId === person.employeeId && !s.online);
  const settled = own.filter((s) => s.settledOn?.slice(0, 7) === month).sort((a, b) => a.orderId.localeCompare(b.orderId));
  const band = bandIndex(scheme, settled.length, person.targetUnits);
  const lines = settled.flatMap((sale) => vehicleLines(scheme, inputs, person, sale, band));

  const settledOrders = new Set(settled.map((s) => s.orderId));
  for (const policy of [...inputs.policies].sort((a, b) => a.policyId.localeCompare(b.policyId))) {
    if (policy.orderId === undefined || !settledOrders.has(policy.orderId)) continue;
    if (!scheme.basePackage.every((c) => policy.coverages.includes(c))) continue;
    lines.push({ kind: 'insurance', ref: policy.policyId, basis: `base package on order ${policy.orderId}`, amount: scheme.insuranceBasePackage });
  }
  const f = scheme.decorationMarginShare;
  for (const sale of inputs.decorations
    .filter((d) => d.soldBy === person.employeeId && d.soldOn.slice(0, 7) === month)
    .sort((a, b) => a.saleId.localeCompare(b.saleId))) {
    const margin = Math.max(0, sale.net - sale.cost);
    lines.push({
      kind: 'decoration',
      ref: sale.saleId,
      basis: `${f.numerator}/${f.denominator} of margin ${yuan(margin)} (${yuan(sale.net)} − ${yuan(sale.cost)})`,
      amount: share(margin, f),
    });
  }

  const commissionTotal = lines.reduce((sum, l) => sum + l.amount, 0);
  const score = person.appraisalScore;
  return {
    employeeId: person.employeeId,
    month,
    schemeId: scheme.id,
    role: person.role,
    ...(person.targetUnits === undefined ? {} : { targetUnits: person.targetUnits }),
    unitsSettled: settled.length,
    ...(person.targetUnits === undefined || person.targetUnits === 0
      ? {}
      : { attainmentBasisPoints: Math.floor((settled.length * 10_000) / person.targetUnits) }),
    band: scheme.attainmentBands[band]!,
    lines,
    commissionTotal,
    ...(score === undefined ? {} : { appraisalScore: score, performancePay: share(commissionTotal, { numerator: score, denominator: 100 }) }),
    status: score === undefined ? 'awaiting_appraisal' : 'final',
    awaitingSettlement: own
      .filter((s) => s.settledOn === undefined)
      .map((s) => s.orderId)
      .sort(),
  };
};

/** Statements of every salesperson, plus anyone credited with a sale who is not on the list (as a consultant without target or score). */
export const commissionStatements = (scheme: CommissionScheme, inputs: CommissionInputs, month: string): CommissionStatement[] => {
  const people = new Map(inputs.salespeople.map((p) => [p.employeeId, p]));
  for (const sale of inputs.vehicleSales) {
    if (!sale.online && !people.has(sale.consultantId)) people.set(sale.consultantId, { employeeId: sale.consultantId, role: 'consultant' });
  }
  return [...people.values()].sort((a, b) => a.employeeId.localeCompare(b.employeeId)).map((p) => commissionStatement(scheme, inputs, p, month));
};
