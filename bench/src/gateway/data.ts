import { migrateEventStore, PostgresEventStore } from '@rooftop/eventstore-postgres';
import { salesKpiProjections, workshopKpiProjections } from '@rooftop/kpis';
import { type BuiltEvent, salesEvents, workshopEvents } from '@rooftop/kpis/testing';
import { ProjectionRunner } from '@rooftop/projections-postgres';
import { type TestDatabase } from '@rooftop/testkit';

// The gateway suite's read models: a year of simulated sales and workshop events for a group of stores,
// written to the PostgreSQL event store and projected by the real KPI projections (ProjectionRunner), so
// the fact tables hold exactly what a deployment would hold — never hand-made fact rows.

export const BENCH_GROUP = 'group-bench';
export const BENCH_YEAR = 2025;
export const storeIdsOf = (stores: number): string[] => Array.from({ length: stores }, (_, i) => `store-${String(i + 1).padStart(2, '0')}`);

export interface GatewayDataShape {
  readonly stores: number;
  readonly days: number;
  /** Leads captured per store and day. */
  readonly leadsPerDay: number;
  /** Repair orders opened and invoiced per store and day. */
  readonly repairOrdersPerDay: number;
}

export const defaultShape: GatewayDataShape = { stores: 10, days: 365, leadsPerDay: 5, repairOrdersPerDay: 8 };

const BRANDS = ['Changan', 'Geely'] as const;
const MODELS = ['CS75', 'UNI-K', 'Xingyue'] as const;
const CHANNELS = ['walk_in', 'phone_in', 'online', 'referral'] as const;
const RO_TYPES = ['maintenance', 'repair', 'warranty', 'insurance_claim', 'body_paint', 'first_service'] as const;
const CONSULTANTS = 6;
const ADVISORS = 3;
const TECHNICIANS = 5;

/** A small deterministic generator (mulberry32), so every run projects the same year. */
const random = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
const dayOf = (dayIndex: number): string => new Date(Date.UTC(BENCH_YEAR, 0, 1 + dayIndex)).toISOString().slice(0, 10);
/** An instant on that business day in Asia/Shanghai (+08:00). */
const at = (day: string, hour: number, minute = 0): string => `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`;

/**
 * The events of one day of one store, as appends (one stream's events per append). A lead's order is
 * signed on a later day than its capture and delivered a week after signing, so a day's appends never
 * depend on each other and may run concurrently.
 */
export const dayAppends = (storeIndex: number, storeId: string, dayIndex: number, shape: GatewayDataShape): BuiltEvent[][] => {
  const next = random(storeIndex * 100_003 + dayIndex);
  const day = dayOf(dayIndex);
  const sales = salesEvents({ storeId, groupId: BENCH_GROUP });
  const workshop = workshopEvents({ storeId, groupId: BENCH_GROUP });
  const appends: BuiltEvent[][] = [];
  const consultant = (i: number) => `cons-${storeIndex}-${i % CONSULTANTS}`;

  if (day.endsWith('-01')) {
    const month = day.slice(0, 7);
    // The target's stream id names the month only (one store's service); keep the stores' streams apart.
    const target = sales.targetSet({ month, units: 40, revenueFen: 600_000_000 }, at(day, 8));
    appends.push([{ ...target, streamId: `${target.streamId}-${storeId}` }]);
  }
  for (let i = 0; i < shape.leadsPerDay; i += 1) {
    const leadId = `lead-${storeIndex}-${dayIndex}-${i}`;
    const consultantId = consultant(dayIndex + i);
    const brand = pick(next, BRANDS);
    const model = pick(next, MODELS);
    const lead = [sales.leadCaptured({ leadId, channel: pick(next, CHANNELS), brand, model, consultantId }, at(day, 9, i))];
    if (next() < 0.6) {
      lead.push(sales.visit({ leadId, consultantId, visitKind: 'first' }, at(day, 10, i)));
      if (next() < 0.6) lead.push(sales.testDrive({ leadId, consultantId, brand, model }, at(day, 11, i)));
    }
    appends.push(lead);
  }
  // Yesterday's first lead signs today (when it is in the year); orders signed a week ago are delivered today.
  const order = (d: number) => ({
    orderId: `order-${storeIndex}-${d}`,
    leadId: `lead-${storeIndex}-${d}-0`,
    consultantId: consultant(d),
    brand: BRANDS[d % 2]!,
    model: MODELS[d % 3]!,
    priceFen: 15_000_000 + (d % 7) * 100_000,
  });
  if (dayIndex >= 1) appends.push([sales.orderSigned({ ...order(dayIndex - 1), costFen: 13_500_000 }, at(day, 15))]);
  if (dayIndex >= 8) appends.push([sales.delivered({ ...order(dayIndex - 8) }, at(day, 16))]);

  for (let i = 0; i < shape.repairOrdersPerDay; i += 1) {
    const ro = {
      repairOrderId: `ro-${storeIndex}-${dayIndex}-${i}`,
      brand: pick(next, BRANDS),
      roType: pick(next, RO_TYPES),
      serviceAdvisorId: `sa-${storeIndex}-${i % ADVISORS}`,
    };
    const technicians = [{ technicianId: `tech-${storeIndex}-${Math.floor(next() * TECHNICIANS)}`, labourHours: 1 + Math.floor(next() * 4) }];
    appends.push([
      workshop.opened(ro, at(day, 8, i)),
      workshop.invoiced(
        { ...ro, labourFen: 30_000 + Math.floor(next() * 50_000), partsFen: 20_000 + Math.floor(next() * 150_000), technicians },
        at(day, 17, i),
      ),
    ]);
  }
  return appends;
};

/** Runs `work` over `items` with at most `limit` in flight. */
const inParallel = async <T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> => {
  let nextIndex = 0;
  const lane = async () => {
    while (nextIndex < items.length) await work(items[nextIndex++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
};

export interface GatewayData {
  readonly storeIds: readonly string[];
  readonly events: number;
  readonly factRows: Readonly<Record<string, number>>;
}

/** Appends the year day by day (a day's appends concurrently), then runs the sales and workshop KPI projections to the head. */
export const buildGatewayData = async (db: TestDatabase, shape: GatewayDataShape, log: (message: string) => void): Promise<GatewayData> => {
  await migrateEventStore(db.pool);
  const store = new PostgresEventStore({ pool: db.pool, pollIntervalMs: 100 });
  try {
    const storeIds = storeIdsOf(shape.stores);
    let events = 0;
    const started = performance.now();
    for (let dayIndex = 0; dayIndex < shape.days; dayIndex += 1) {
      const appends = storeIds.flatMap((storeId, storeIndex) => dayAppends(storeIndex, storeId, dayIndex, shape));
      await inParallel(appends, 16, async (batch) => {
        await store.appendToStream(
          batch[0]!.streamId,
          batch.map((b) => b.event),
          { expectedVersion: 'any' },
        );
      });
      events += appends.reduce((n, batch) => n + batch.length, 0);
    }
    log(`  appended ${events} events in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    // Transaction ids are cluster-wide: wait until no other open transaction holds the readable head back.
    const { rows } = await db.pool.query<{ head: string | null }>(`SELECT max(global_position) AS head FROM ${store.names.events}`);
    const committed = Number(rows[0]?.head ?? 0);
    while ((await store.headPosition()) < committed) await new Promise((resolve) => setTimeout(resolve, 25));
    const projecting = performance.now();
    const projections = [...salesKpiProjections({ timeZone: 'Asia/Shanghai' }), ...workshopKpiProjections({ timeZone: 'Asia/Shanghai' })];
    await new ProjectionRunner({ pool: db.pool, store, projections }).runUntilCaughtUp();
    const factRows: Record<string, number> = {};
    for (const table of ['sales_kpi_facts', 'sales_targets', 'workshop_kpi_facts', 'workshop_kpi_technician_facts']) {
      const count = await db.pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM read.${table}`);
      factRows[table] = Number(count.rows[0]!.n);
    }
    // Settle the database before anything is measured: vacuum and analyze what was just loaded, and write its
    // dirty pages out. Otherwise autovacuum (100k fresh inserts) and the checkpointer run during the measured
    // minutes and take one of the machine's two cores from the gateway at random moments.
    await db.pool.query('VACUUM ANALYZE');
    await db.pool.query('CHECKPOINT');
    log(
      `  projected in ${((performance.now() - projecting) / 1000).toFixed(1)} s: ${Object.entries(factRows)
        .map(([t, n]) => `${t} ${n}`)
        .join(', ')}`,
    );
    return { storeIds, events, factRows };
  } finally {
    store.close();
  }
};
