import { parts, type workshop } from '@rooftop/contracts';
import { type Actor } from '@rooftop/eventsourcing';
import { type Journey, type Step, addMinutes, localTime, money, step, user } from '../journey.js';
import { BAD_COMMAND_RATE, type DemoPart, type DemoStore, PART_CATALOGUE, PARTS_RATES } from '../profile.js';
import { type Random } from '../random.js';
import { staffId } from './people.js';

// Parts and accessories (docs/domain/parts.md): the part master, purchasing that follows the demand the plan holds,
// issues to repair orders, counter sales, accessories sold at delivery and care products at the service desk.

const brandCode = (store: DemoStore): string =>
  store.brand
    .replace(/[^A-Za-z]/g, '')
    .slice(0, 3)
    .toUpperCase();

export const partNumberOf = (store: DemoStore, part: DemoPart): string => `${brandCode(store)}-${part.suffix}`;

/** Each part has one bin: G-nn genuine, A-nn accessories, C-nn care products. */
export const binOf = (part: DemoPart): string =>
  `${part.kind === 'genuine' ? 'G' : part.kind === 'accessory' ? 'A' : 'C'}-${String(PART_CATALOGUE.indexOf(part) + 1).padStart(2, '0')}`;

const bySuffix = (suffix: string): DemoPart => PART_CATALOGUE.find((p) => p.suffix === suffix)!;
const ofUse = (use: DemoPart['use']): DemoPart[] => PART_CATALOGUE.filter((p) => p.use === use);

const partsManager = (store: DemoStore) => user(staffId(store, 'pm', 1), 'parts_manager');
const clerk = (rng: Random, store: DemoStore) => user(staffId(store, 'pc', rng.int(1, 2)), 'parts_clerk');

/** The store's part master, filed by the parts manager before the business starts. */
export const partMasterJourney = (store: DemoStore, key: string, at: Date): Journey => ({
  storeId: store.storeId,
  key,
  steps: PART_CATALOGUE.map((part) =>
    step(
      parts.RegisterPart,
      {
        partNumber: partNumberOf(store, part),
        name: part.name,
        kind: part.kind,
        brand: store.brand,
        cost: money(part.cost),
        price: money(part.price),
        reorderPoint: 5,
      },
      partsManager(store),
      at,
    ),
  ),
});

/** The parts a repair order of this type takes: oil and filters for a service, one repair part, body parts for a crash. */
const linesFor = (rng: Random, roType: workshop.RepairOrderType): { part: DemoPart; quantity: number }[] => {
  switch (roType) {
    case 'maintenance':
    case 'first_service':
      return [
        { part: bySuffix('OIL4L'), quantity: 1 },
        { part: bySuffix('OILF'), quantity: 1 },
        ...(rng.chance(0.5) ? [{ part: bySuffix('AIRF'), quantity: 1 }] : []),
        ...(rng.chance(0.4) ? [{ part: bySuffix('CABF'), quantity: 1 }] : []),
      ];
    case 'repair':
    case 'warranty':
      return [{ part: rng.pick(ofUse('repair')), quantity: 1 }];
    case 'insurance_claim':
    case 'body_paint':
      return [
        { part: rng.pick(ofUse('body')), quantity: 1 },
        { part: bySuffix('PNTK'), quantity: rng.int(1, 3) },
      ];
    case 'campaign_inspection':
      return [];
  }
};

/**
 * The parts counter's side of a repair order, after it is dispatched: the lines issued to it (parts learns that
 * the RO is open from workshop's events, so a NOT_FOUND is waited out), and now and then a part the store does not
 * stock, recorded as unmet demand by the SA.
 */
export const repairOrderParts = (rng: Random, store: DemoStore, repairOrderId: string, roType: workshop.RepairOrderType, sa: Actor, at: Date): Step[] => {
  const steps = linesFor(rng, roType).map(({ part, quantity }, i) =>
    step(
      parts.IssuePartsToRepairOrder,
      { repairOrderId, partNumber: partNumberOf(store, part), quantity, bin: binOf(part) },
      clerk(rng, store),
      addMinutes(at, 5 + i),
      { awaitsReaction: true },
    ),
  );
  if (roType !== 'campaign_inspection' && rng.chance(PARTS_RATES.unmetDemand)) {
    steps.push(
      step(
        parts.RecordUnmetDemand,
        { partNumber: `${brandCode(store)}-SPECIAL-${rng.int(100, 999)}`, quantity: 1, repairOrderId, note: 'Not stocked; ordered from the OEM' },
        sa,
        addMinutes(at, 10),
      ),
    );
  }
  return steps;
};

/** A customer at the parts counter buys a genuine part. */
export const counterSaleJourney = (rng: Random, store: DemoStore, day: string, key: string, id: string): Journey => {
  const part = rng.pick([...ofUse('counter'), ...ofUse('repair'), bySuffix('OILF')]);
  const at = localTime(day, rng.int(9, 17), rng.int(0, 59));
  return {
    storeId: store.storeId,
    key,
    steps: [
      step(
        parts.SellPartsOverCounter,
        { saleId: `S${id}`, partNumber: partNumberOf(store, part), quantity: rng.int(1, 2), bin: binOf(part) },
        clerk(rng, store),
        at,
      ),
    ],
  };
};

/** A care product sold at the service desk by the accessory salesperson. */
export const careSaleJourney = (rng: Random, store: DemoStore, day: string, key: string, id: string): Journey => {
  const part = rng.pick(ofUse('care'));
  const at = localTime(day, rng.int(9, 17), rng.int(0, 59));
  return {
    storeId: store.storeId,
    key,
    steps: [
      step(
        parts.SellAccessory,
        { saleId: `S${id}`, partNumber: partNumberOf(store, part), quantity: 1, bin: binOf(part), discount: money(0) },
        user(staffId(store, 'acc', 1), 'accessory_sales'),
        at,
      ),
    ],
  };
};

/**
 * Accessories fitted at delivery (精品), sold by the consultant (the HR scheme pays them a third of the margin).
 * A discount within the seller's 10 % authority is theirs; now and then a consultant tries more, is refused, and
 * the parts manager sends the sale instead.
 */
export const deliveryAccessories = (rng: Random, store: DemoStore, consultantId: string, orderId: string, at: Date): Step[] => {
  if (!rng.chance(PARTS_RATES.accessoriesAtDelivery)) return [];
  const seller: Actor = { kind: 'user', id: consultantId, roles: ['accessory_sales'] };
  const items = rng.chance(0.2) ? 2 : 1;
  const offered = ofUse('delivery');
  const first = rng.int(0, offered.length - 1);
  const steps: Step[] = [];
  for (let i = 0; i < items; i += 1) {
    const part = offered[(first + i) % offered.length]!;
    const sale = { saleId: `AS${orderId}-${i + 1}`, partNumber: partNumberOf(store, part), quantity: 1, bin: binOf(part) };
    const when = addMinutes(at, 15 + 5 * i);
    if (rng.chance(BAD_COMMAND_RATE * 5)) {
      steps.push(step(parts.SellAccessory, { ...sale, discount: money(part.price * 0.2) }, seller, when, { expectRejection: 'FORBIDDEN' }));
      steps.push(step(parts.SellAccessory, { ...sale, discount: money(part.price * 0.2) }, partsManager(store), when));
    } else {
      steps.push(step(parts.SellAccessory, { ...sale, discount: money(Math.round((part.price * rng.int(0, 10)) / 100 / 100) * 100) }, seller, when));
    }
  }
  return steps;
};

const DAY = 86_400_000;

/** Units each part needs per week of the run, read from the planned issues and sales (refusals take nothing). */
const weeklyDemand = (journeys: readonly Journey[], start: Date): Map<string, number[]> => {
  const demand = new Map<string, number[]>();
  for (const s of journeys.flatMap((j) => j.steps)) {
    if (s.expectRejection) continue;
    if (s.contract !== parts.IssuePartsToRepairOrder && s.contract !== parts.SellPartsOverCounter && s.contract !== parts.SellAccessory) continue;
    const { partNumber, quantity } = s.data as { partNumber: string; quantity: number };
    const week = Math.max(0, Math.floor((s.at.getTime() - start.getTime()) / (7 * DAY)));
    const weeks = demand.get(partNumber) ?? [];
    weeks[week] = (weeks[week] ?? 0) + quantity;
    demand.set(partNumber, weeks);
  }
  return demand;
};

const receive = (
  store: DemoStore,
  purchaseOrderId: string,
  lines: readonly { partNumber: string; quantity: number; bin: string }[],
  actor: Actor,
  at: Date,
): Step[] =>
  lines.map((line, i) =>
    step(parts.ReceiveParts, { purchaseOrderId, partNumber: line.partNumber, quantity: line.quantity, bin: line.bin }, actor, addMinutes(at, i)),
  );

/**
 * Purchasing that follows the demand: an opening order (the first two weeks and a safety stock) received before the
 * business starts, then every week an order for the week after next, received two days later — so stock never runs
 * out, whatever order concurrent commands arrive in, and the same seed buys the same parts.
 */
export const purchasingJourneys = (
  rng: Random,
  store: DemoStore,
  business: readonly Journey[],
  start: Date,
  end: Date,
  tag: string,
): { opening: Journey; weekly: Journey[] } => {
  const demand = weeklyDemand(
    business.filter((j) => j.storeId === store.storeId),
    start,
  );
  const buyer = partsManager(store);
  const supplierOf = (part: DemoPart) => (part.kind === 'genuine' ? `${store.brand} Parts Centre` : 'Huamei Accessories Co.');
  const lineOf = (part: DemoPart, quantity: number) => ({ partNumber: partNumberOf(store, part), quantity, unitCost: money(part.cost), bin: binOf(part) });
  const order = (purchaseOrderId: string, lines: ReturnType<typeof lineOf>[], at: Date, receivedAt: Date): Step[] => {
    if (lines.length === 0) return [];
    const bySupplier = new Map<string, ReturnType<typeof lineOf>[]>();
    for (const line of lines) {
      const supplier = supplierOf(PART_CATALOGUE.find((p) => partNumberOf(store, p) === line.partNumber)!);
      bySupplier.set(supplier, [...(bySupplier.get(supplier) ?? []), line]);
    }
    const steps = [...bySupplier.entries()].flatMap(([supplier, list], n) => {
      const id = `${purchaseOrderId}-${n + 1}`;
      return [
        step(parts.PlacePurchaseOrder, { purchaseOrderId: id, supplier, lines: list.map(({ bin: _bin, ...line }) => line) }, buyer, addMinutes(at, n)),
        ...receive(store, id, list, user(staffId(store, 'pc', rng.int(1, 2)), 'parts_clerk'), addMinutes(receivedAt, 10 * n)),
      ];
    });
    // Both orders go out before either delivery arrives.
    return steps
      .map((s, i) => ({ s, i }))
      .sort((a, b) => a.s.at.getTime() - b.s.at.getTime() || a.i - b.i)
      .map(({ s }) => s);
  };
  const need = (part: DemoPart, week: number) => demand.get(partNumberOf(store, part))?.[week] ?? 0;
  const peak = (part: DemoPart) => Math.max(0, ...Array.from(demand.get(partNumberOf(store, part)) ?? [], (n) => n ?? 0));
  const openingLines = PART_CATALOGUE.map((part) => lineOf(part, need(part, 0) + need(part, 1) + Math.max(2, Math.ceil(peak(part) * PARTS_RATES.safetyStock))));
  const opening: Journey = { storeId: store.storeId, key: `${tag}.parts-opening`, steps: order(`PO${tag}-0`, openingLines, start, addMinutes(start, 60)) };
  const weekly: Journey[] = [];
  for (let week = 0; start.getTime() + week * 7 * DAY < end.getTime(); week += 1) {
    const placedAt = new Date(start.getTime() + (week * 7 + 1) * DAY + 10 * 3_600_000);
    const lines = PART_CATALOGUE.map((part) => lineOf(part, need(part, week + 2))).filter((line) => line.quantity > 0);
    const steps = order(`PO${tag}-${week + 1}`, lines, placedAt, new Date(placedAt.getTime() + 2 * DAY));
    if (steps.length > 0) weekly.push({ storeId: store.storeId, key: `${tag}.parts-week-${week + 1}`, steps });
  }
  return { opening, weekly };
};
