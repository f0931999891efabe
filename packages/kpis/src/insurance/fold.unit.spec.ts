import { type RecordedEvent } from '@rooftop/eventsourcing';
import { describe, expect, it } from 'vitest';
import { insuranceEvents } from '../testing/insurance-events.js';
import { type BuiltEvent, salesEvents } from '../testing/sales-events.js';
import { foldInsuranceFacts } from './fold.js';

const recorded = (built: BuiltEvent[]): RecordedEvent[] =>
  built.map((b, n) => ({ ...b.event, streamId: b.streamId, streamVersion: 1, globalPosition: n + 1, recordedAt: new Date() }));
const ins = insuranceEvents({ storeId: 's-1' });
const sales = salesEvents({ storeId: 's-1' });
const zone = () => 'Asia/Shanghai';

describe('insurance fact fold', () => {
  it('dates the renewal pair by the expiring term and the premium by the renewal date', () => {
    const { deltas, staffDeltas } = foldInsuranceFacts(
      recorded([
        ins.opportunityOpened({ policyId: 'p-1', brand: '长安', expiresOn: '2025-04-10' }, '2025-02-09T09:00:00+08:00'),
        ins.renewed(
          { policyId: 'p-1', brand: '长安', premiumFen: 380_000, commissionFen: 38_000, renewedBy: 'ren-1', previousExpiresOn: '2025-04-10' },
          '2025-03-28T10:00:00+08:00',
        ),
      ]),
      zone,
    );
    expect(deltas).toEqual([
      { storeId: 's-1', businessDate: '2025-04-10', dims: ['长安'], values: { policies_expiring: 1, policies_renewed: 1 } },
      { storeId: 's-1', businessDate: '2025-03-28', dims: ['长安'], values: { renewal_premium_fen: 380_000, commission_fen: 38_000 } },
    ]);
    expect(staffDeltas).toEqual([{ storeId: 's-1', businessDate: '2025-03-28', dims: ['长安', 'ren-1'], values: { renewals: 1 } }]);
  });

  it("counts every delivery and those sold with a policy, on the delivery's business date", () => {
    const d = (n: number, policySold: boolean) =>
      sales.delivered(
        { orderId: `o-${n}`, leadId: `l-${n}`, consultantId: 'sc-1', brand: '哈弗', model: 'H6', priceFen: 1, policySold },
        '2025-03-03T23:30:00+08:00',
      );
    expect(foldInsuranceFacts(recorded([d(1, true), d(2, false)]), zone).deltas).toEqual([
      { storeId: 's-1', businessDate: '2025-03-03', dims: ['哈弗'], values: { deliveries: 2, deliveries_with_policy: 1 } },
    ]);
  });
});
