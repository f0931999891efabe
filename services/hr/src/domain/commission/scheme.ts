// Commission schemes are data, versioned by id: a store names the scheme in force (setting), a new scheme is a
// new entry here, and a statement records the scheme id it was computed with.

export const VEHICLE_CLASSES = ['sedan', 'hatchback'] as const;
export type VehicleClass = (typeof VEHICLE_CLASSES)[number];

export const SALES_ROLES = ['consultant', 'assistant'] as const;
export type SalesRole = (typeof SALES_ROLES)[number];

/** The base package (基本险): compulsory, vehicle damage, third party, deductible waiver and passenger cover. */
export const BASE_PACKAGE = ['compulsory', 'vehicle_damage', 'third_party', 'deductible_waiver', 'passenger'] as const;

export interface Fraction {
  readonly numerator: number;
  readonly denominator: number;
}

export interface CommissionScheme {
  readonly id: string;
  readonly title: string;
  /** Lower bounds of the individual attainment bands, in percent, ascending; the first is 0. */
  readonly attainmentBands: readonly number[];
  /** Per-vehicle commission in fen by role and vehicle class, one amount per band. */
  readonly vehicleRates: Readonly<Record<SalesRole, Readonly<Record<VehicleClass, readonly number[]>>>>;
  /** Added per financed (按揭) sale, only for a salesperson with a target. */
  readonly financedBonus: number;
  /** Share of the price above the sales department's floor (限价). */
  readonly aboveFloorShare: Fraction;
  /** Per vehicle insured with every cover of the base package. */
  readonly insuranceBasePackage: number;
  readonly basePackage: readonly string[];
  /** Share of decoration / accessory margin (price − cost). */
  readonly decorationMarginShare: Fraction;
}

const yuan = (amounts: readonly number[]): number[] => amounts.map((a) => a * 100);

/**
 * The May 2013 scheme (docs/domain/hr.md; document 003): performance pay = (vehicle + decoration + insurance + plates +
 * used-car commissions) × monthly appraisal score ÷ 100. Table 1 holds the consultants' rates, table 2 the
 * (lower) rates of the second table, read as the sales assistants'. The insurance and decoration rates come from
 * the 2015 scheme of the same document (the 2013 text states none usable). Plates and used-car commissions have no
 * rates in the source, so the scheme has no lines for them.
 */
export const SCHEME_2013: CommissionScheme = {
  id: '2013-05',
  title: '汽车4S店薪酬绩效考核方案 2013年5月',
  attainmentBands: [0, 60, 70, 80, 90, 100, 120],
  vehicleRates: {
    consultant: { sedan: yuan([150, 180, 210, 240, 270, 300, 350]), hatchback: yuan([175, 200, 230, 270, 310, 350, 400]) },
    assistant: { sedan: yuan([90, 120, 150, 180, 210, 250, 300]), hatchback: yuan([125, 150, 180, 220, 260, 300, 350]) },
  },
  financedBonus: 300_00,
  aboveFloorShare: { numerator: 1, denominator: 2 },
  insuranceBasePackage: 100_00,
  basePackage: BASE_PACKAGE,
  decorationMarginShare: { numerator: 1, denominator: 3 },
};

export const COMMISSION_SCHEMES: ReadonlyMap<string, CommissionScheme> = new Map([[SCHEME_2013.id, SCHEME_2013]]);
