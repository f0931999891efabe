import { type RecordedEvent } from '@rooftop/eventsourcing';
import { describe, expect, it } from 'vitest';
import { zoneResolver } from '../facts/business-date.js';
import { partsEvents } from '../testing/parts-events.js';
import { type BuiltEvent } from '../testing/sales-events.js';
import { workshopEvents } from '../testing/workshop-events.js';
import { type WorkshopFactState, foldWorkshopFacts } from './fold.js';

// Parts issued to a repair order show in the workshop's facts (cross-context: the parts context's events).

const ws = workshopEvents({ storeId: 'store-a' });
const pe = partsEvents({ storeId: 'store-a' });
const F = { partNumber: 'P-F', kind: 'genuine' as const, brand: '长安' };
const at = (d: number) => `2025-03-${String(d).padStart(2, '0')}T10:00:00+08:00`;
const recorded = (built: readonly BuiltEvent[]): RecordedEvent[] =>
  built.map((b, i) => ({ ...b.event, streamId: b.streamId, streamVersion: 1, globalPosition: i + 1, recordedAt: new Date(0) }));
const emptyState = (): WorkshopFactState => ({ repairOrders: new Map(), appointments: new Map(), complaints: new Map() });

describe('workshop facts: parts issued to repair orders', () => {
  it("credits issues less returns to the RO's brand, type and SA on the issue date; an unseen RO gets the part's brand only", () => {
    const result = foldWorkshopFacts(
      recorded([
        ws.opened({ repairOrderId: 'R1', brand: '长安', roType: 'repair', serviceAdvisorId: 'sa1' }, at(3)),
        pe.issued(F, { quantity: 4, cost: 12_000, onHand: 6, stockValue: 18_000 }, 'R1', 20_000, at(3)),
        pe.returned(F, { quantity: 1, cost: 3_000, onHand: 7, stockValue: 21_000 }, 'R1', 5_000, at(4)),
        pe.issued(F, { quantity: 1, cost: 3_000, onHand: 6, stockValue: 18_000 }, 'R-unseen', 5_000, at(4)),
      ]),
      emptyState(),
      zoneResolver(undefined),
    );
    const parts = Object.fromEntries(
      result.deltas.filter((d) => d.values.parts_issued_fen !== undefined).map((d) => [[d.businessDate, ...d.dims].join('|'), d.values.parts_issued_fen]),
    );
    expect(parts).toEqual({ '2025-03-03|长安|repair|sa1': 20_000, '2025-03-04|长安|repair|sa1': -5_000, '2025-03-04|长安||': 5_000 });
  });
});
