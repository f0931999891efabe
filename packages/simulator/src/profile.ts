import type { workshop } from '@rooftop/contracts';

type RepairOrderType = workshop.RepairOrderType;

// The demo dealer group and the business shape the simulator draws from. Figures come from the store
// documents (docs/domain/targets.md): 650 vehicles in per month, ≈800元 per repair vehicle,
// ≈1,800元 per insurance vehicle, comebacks under 2 %, the monthly shape of the after-sales revenue target.

export interface DemoModel {
  readonly model: string;
  /** Manufacturer's list price in fen. */
  readonly listPrice: number;
}

export interface DemoStore {
  readonly storeId: string;
  readonly name: string;
  readonly city: string;
  readonly brand: string;
  readonly timeZone: string;
  /** Province character and issuing letter of local plates (沪A, 粤B, 川A). */
  readonly platePrefix: string;
  readonly models: readonly DemoModel[];
}

export const DEMO_STORES: readonly DemoStore[] = [
  {
    storeId: 'sh-001',
    name: 'Shanghai Pudong VW 4S',
    city: 'Shanghai',
    brand: 'Volkswagen',
    timeZone: 'Asia/Shanghai',
    platePrefix: '沪A',
    models: [
      { model: 'Lavida', listPrice: 12_990_000 },
      { model: 'Passat', listPrice: 18_990_000 },
      { model: 'Tiguan L', listPrice: 23_590_000 },
    ],
  },
  {
    storeId: 'sz-002',
    name: 'Shenzhen Futian BYD 4S',
    city: 'Shenzhen',
    brand: 'BYD',
    timeZone: 'Asia/Shanghai',
    platePrefix: '粤B',
    models: [
      { model: 'Qin PLUS', listPrice: 9_980_000 },
      { model: 'Song PLUS', listPrice: 14_980_000 },
      { model: 'Han', listPrice: 20_980_000 },
    ],
  },
  {
    storeId: 'cd-003',
    name: 'Chengdu Wuhou Changan 4S',
    city: 'Chengdu',
    brand: 'Changan',
    timeZone: 'Asia/Shanghai',
    platePrefix: '川A',
    models: [
      { model: 'CS55 PLUS', listPrice: 10_990_000 },
      { model: 'CS75 PLUS', listPrice: 12_490_000 },
      { model: 'UNI-K', listPrice: 15_990_000 },
    ],
  },
];

/** Demo stores for `n` stores: the three above, then more of the same brands in numbered cities. */
export const demoStores = (n: number): DemoStore[] =>
  Array.from({ length: n }, (_, i) => {
    const base = DEMO_STORES[i % DEMO_STORES.length]!;
    if (i < DEMO_STORES.length) return base;
    const no = String(i + 1).padStart(3, '0');
    return { ...base, storeId: `${base.storeId.slice(0, 2)}-${no}`, name: `${base.name} #${i + 1}` };
  });

/** After-sales monthly revenue target in 万元, January to December (docs/domain/targets.md): the seasonal shape. */
export const AFTER_SALES_MONTHLY_TARGET_WAN = [50, 49, 48, 47, 46, 45, 48, 49, 50, 52, 56, 60] as const;

const MEAN_TARGET = AFTER_SALES_MONTHLY_TARGET_WAN.reduce((a, b) => a + b, 0) / 12;

/** Volume factor of a month (0 = January): the target's monthly shape around 1. */
export const seasonality = (month: number): number => AFTER_SALES_MONTHLY_TARGET_WAN[month]! / MEAN_TARGET;

/** Volumes per store and day at scale 1 (the documents' figures); `--scale` multiplies them. */
export const DAILY_VOLUME = {
  /** Sales leads of every channel. */
  leads: 12,
  /** Vehicles in (入厂台次): 650 a month. */
  repairOrders: 650 / 30,
};

export const LEAD_CHANNEL_MIX = { walk_in: 35, phone_in: 15, online: 30, referral: 8, event: 5, outbound: 5, key_account: 2 } as const;

/** Share of leads that reach the showroom, by channel (walk-ins are in it already). */
export const ARRIVAL_RATE: Record<keyof typeof LEAD_CHANNEL_MIX, number> = {
  walk_in: 1,
  phone_in: 0.55,
  online: 0.4,
  referral: 0.7,
  event: 0.5,
  outbound: 0.3,
  key_account: 0.8,
};

export const FUNNEL = { testDrive: 0.55, quotation: 0.7, close: 0.32, cancel: 0.04, lostWhenNotClosed: 0.75, loan: 0.4, policySold: 0.7 };

export interface RoProfile {
  readonly share: number;
  /** Mean output (labour + parts) in fen. */
  readonly meanOutput: number;
  /** Labour's share of the output. */
  readonly labourShare: number;
  readonly payer: 'customer' | 'insurer' | 'oem';
  readonly trades: readonly ('mechanical' | 'body' | 'paint')[];
}

/**
 * RO types, drawn so that the documents' figures come out (docs/domain/targets.md): ≈800元 per repair vehicle — the
 * mechanical RO types maintenance, first_service, repair and warranty together, as `workshop.avgOutputPerRepairVehicle`
 * counts them — and ≈1,800元 per insurance vehicle.
 */
export const RO_PROFILES: Record<RepairOrderType, RoProfile> = {
  maintenance: { share: 40, meanOutput: 68_000, labourShare: 0.35, payer: 'customer', trades: ['mechanical'] },
  first_service: { share: 7, meanOutput: 30_000, labourShare: 0.5, payer: 'customer', trades: ['mechanical'] },
  repair: { share: 22, meanOutput: 115_000, labourShare: 0.4, payer: 'customer', trades: ['mechanical'] },
  insurance_claim: { share: 12, meanOutput: 180_000, labourShare: 0.35, payer: 'insurer', trades: ['body', 'paint'] },
  body_paint: { share: 10, meanOutput: 220_000, labourShare: 0.45, payer: 'customer', trades: ['body', 'paint'] },
  warranty: { share: 6, meanOutput: 90_000, labourShare: 0.3, payer: 'oem', trades: ['mechanical'] },
  campaign_inspection: { share: 3, meanOutput: 10_000, labourShare: 1, payer: 'oem', trades: ['mechanical'] },
};

export const WORKSHOP_RATES = {
  appointment: 0.35,
  noShow: 0.08,
  warrantyApproval: 0.95,
  comeback: 0.015,
  qualityFail: 0.03,
  progressFinding: 0.15,
  /** Share of released ROs whose first follow-up call reaches the customer. */
  followUpCall: 0.9,
  /** Hourly labour rate in fen, to turn labour amounts into hours. */
  labourRate: 12_000,
};

export const INSURERS = ['PICC', 'Ping An', 'CPIC'] as const;

/** Staff per store. */
export const STAFF = { consultants: 6, serviceAdvisors: 4, mechanics: 6, bodyTechs: 2, painters: 2 };

/** Deliberately bad commands (rejection is the expected outcome): share of journeys that send one. */
export const BAD_COMMAND_RATE = 0.01;

/** A part the demo stores stock (prices in fen; the same catalogue at every store, filed under its brand). */
export interface DemoPart {
  readonly suffix: string;
  readonly name: string;
  readonly kind: 'genuine' | 'accessory' | 'care_product';
  readonly cost: number;
  readonly price: number;
  /** What it is used for: the RO types it is issued to, or how it is sold. */
  readonly use: 'service' | 'repair' | 'body' | 'counter' | 'delivery' | 'care';
}

export const PART_CATALOGUE: readonly DemoPart[] = [
  { suffix: 'OIL4L', name: 'Engine oil 5W-30, 4 L', kind: 'genuine', cost: 28_000, price: 42_000, use: 'service' },
  { suffix: 'OILF', name: 'Oil filter', kind: 'genuine', cost: 3_000, price: 6_000, use: 'service' },
  { suffix: 'AIRF', name: 'Air filter', kind: 'genuine', cost: 4_000, price: 8_000, use: 'service' },
  { suffix: 'CABF', name: 'Cabin filter', kind: 'genuine', cost: 5_000, price: 9_800, use: 'service' },
  { suffix: 'BRKP', name: 'Front brake pads (set)', kind: 'genuine', cost: 35_000, price: 56_000, use: 'repair' },
  { suffix: 'SPRK', name: 'Spark plugs (set of 4)', kind: 'genuine', cost: 16_000, price: 26_000, use: 'repair' },
  { suffix: 'BATT', name: 'Battery 60 Ah', kind: 'genuine', cost: 50_000, price: 80_000, use: 'repair' },
  { suffix: 'BUMP', name: 'Front bumper cover', kind: 'genuine', cost: 60_000, price: 98_000, use: 'body' },
  { suffix: 'HLMP', name: 'Headlamp assembly', kind: 'genuine', cost: 90_000, price: 150_000, use: 'body' },
  { suffix: 'PNTK', name: 'Paint and materials kit', kind: 'genuine', cost: 20_000, price: 36_000, use: 'body' },
  { suffix: 'WIPR', name: 'Wiper blades (pair)', kind: 'genuine', cost: 9_000, price: 15_000, use: 'counter' },
  { suffix: 'MATS', name: 'All-weather floor mats', kind: 'accessory', cost: 20_000, price: 45_000, use: 'delivery' },
  { suffix: 'DCAM', name: 'Dash camera', kind: 'accessory', cost: 50_000, price: 120_000, use: 'delivery' },
  { suffix: 'FILM', name: 'Window film (full car)', kind: 'accessory', cost: 80_000, price: 180_000, use: 'delivery' },
  { suffix: 'GLSC', name: 'Paint and glass coating', kind: 'care_product', cost: 15_000, price: 38_000, use: 'care' },
  { suffix: 'ENGC', name: 'Engine cleaner', kind: 'care_product', cost: 4_000, price: 9_800, use: 'care' },
];

export const PARTS_RATES = {
  /** Parts counter sales (genuine parts to walk-in customers and garages) per day at scale 1. */
  counterSalesPerDay: 4,
  /** Care products sold at the service desk per day at scale 1. */
  careSalesPerDay: 3,
  /** Buyers who take accessories at delivery (精品加装). */
  accessoriesAtDelivery: 0.35,
  /** Repair orders that ask for a part the store does not stock (缺件, the fill rate's misses). */
  unmetDemand: 0.03,
  /** Stock kept above the coming week's demand, as a share of it (at least 2 units). */
  safetyStock: 0.5,
};

export const INSURANCE_RATES = {
  /** Policies of the store's book that expire per month at scale 1 (≈ last year's deliveries with a policy). */
  expiringPerMonth: 30,
  renewed: 0.62,
  lost: 0.25,
  /** Insurance-claim ROs that start as a claim reported at the store (the rest are opened by the SA directly). */
  claimFirst: 0.5,
  /** Share of the repair amount the insurer pays, at least. */
  settledShare: 0.9,
  /** New-car policies with the whole base package (交强险, 车损, 三者, 不计免赔, 车上人). */
  fullPackage: 0.6,
};

/** Days before a policy's last day that its renewal opens: the insurance service's default (docs/domain/insurance.md). */
export const RENEWAL_LEAD_DAYS = 60;

/** Monthly staff turnover of the store's support pool (leavers per month; staff do not scale with `--scale`). */
export const HR_RATES = { leaversPerMonth: 1, onboardingInTime: 0.85, voluntary: 0.8 };
