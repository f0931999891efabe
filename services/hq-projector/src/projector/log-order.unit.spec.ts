import { describe, expect, it } from 'vitest';
import { type Arrival, planLogOrder } from './log-order.js';

// A store's log with gaps in its positions (rolled-back transactions leave them): 10, 11, 13, 17, 18, 30, …
const LOG = [10, 11, 13, 17, 18, 30, 31, 32, 40, 41, 45, 46];
let seq = 0;
const at = (position: number, o: { storeId?: string; deadLettered?: boolean; log?: readonly number[]; noPrevious?: boolean } = {}): Arrival => {
  const log = o.log ?? LOG;
  const index = log.indexOf(position);
  const storeId = o.storeId ?? 's1';
  return {
    seq: ++seq,
    storeId,
    position,
    ...(o.noPrevious ? {} : { previousPosition: index > 0 ? log[index - 1]! : 0 }),
    deadLettered: o.deadLettered ?? false,
    event: {
      eventId: `${storeId}@${position}`,
      type: 'LeadCaptured',
      schemaVersion: 1,
      data: {},
      groupId: 'g1',
      storeId,
      streamId: `sales-lead-${position}`,
      streamVersion: 1,
      position,
      occurredAt: '2025-03-01T00:00:00Z',
      correlationId: 'c',
    },
  };
};
const positions = (arrivals: readonly Arrival[]) => arrivals.map((a) => `${a.storeId}@${a.position}`);

describe('planLogOrder', () => {
  it('applies events that come in log order, across the gaps in positions', () => {
    const plan = planLogOrder([at(10), at(11), at(13), at(17)], new Map(), []);
    expect(positions(plan.ready)).toEqual(['s1@10', 's1@11', 's1@13', 's1@17']);
    expect(plan.hold).toEqual([]);
    expect(plan.positions).toEqual(new Map([['s1', 17]]));
  });

  it('holds events behind a missing one and applies them in log order once it comes', () => {
    // The publish of 13 was lost mid-window and retried after 17 and 18 were stored.
    const plan = planLogOrder([at(10), at(11), at(17), at(18), at(13)], new Map(), []);
    expect(positions(plan.ready)).toEqual(['s1@10', 's1@11', 's1@13', 's1@17', 's1@18']);
    expect(plan.hold).toEqual([]);
  });

  it('keeps a gap open across batches: held events wait, then are released in log order', () => {
    const first = planLogOrder([at(17), at(18)], new Map([['s1', 11]]), []);
    expect(first.ready).toEqual([]);
    expect(positions(first.hold)).toEqual(['s1@17', 's1@18']);
    expect(first.positions.size).toBe(0);
    const second = planLogOrder([at(13)], new Map([['s1', 11]]), first.hold);
    expect(positions(second.ready)).toEqual(['s1@13', 's1@17', 's1@18']);
    expect(positions(second.released)).toEqual(['s1@17', 's1@18']);
    expect(second.positions.get('s1')).toBe(18);
  });

  it('skips copies: at or below the applied position, or already held', () => {
    const plan = planLogOrder([at(11), at(13), at(30), at(18), at(18)], new Map([['s1', 13]]), [at(30)]);
    expect(positions(plan.duplicates)).toEqual(['s1@11', 's1@13', 's1@30', 's1@18']);
    expect(positions(plan.hold)).toEqual(['s1@18']);
  });

  it('keeps stores apart', () => {
    const plan = planLogOrder([at(10, { storeId: 's1' }), at(11, { storeId: 's2' })], new Map(), []);
    expect(positions(plan.ready)).toEqual(['s1@10']);
    expect(positions(plan.hold)).toEqual(['s2@11']);
  });

  it('moves a store past a dead-lettered message that still says where it sits (its successors are not stuck)', () => {
    const { event: _none, ...undecodable } = at(10, { deadLettered: true });
    const plan = planLogOrder([at(11), undecodable], new Map(), []);
    expect(plan.ready.map((a) => [a.position, a.deadLettered])).toEqual([
      [10, true],
      [11, false],
    ]);
  });

  it('applies an event from a publisher that does not name its predecessor when it is past the applied position', () => {
    const plan = planLogOrder([at(13, { noPrevious: true }), at(11, { noPrevious: true })], new Map([['s1', 10]]), []);
    expect(positions(plan.ready)).toEqual(['s1@13']);
    expect(positions(plan.duplicates)).toEqual(['s1@11']);
  });

  it('applies every event exactly once and in log order for any arrival order with copies, batch after batch', () => {
    let state = 0x2545f491;
    const random = () => (state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (let round = 0; round < 200; round++) {
      const all = [...LOG.map((p) => at(p, { storeId: 'a' })), ...LOG.map((p) => at(p, { storeId: 'b' }))];
      const shuffled = [...all, ...all.filter(() => random() < 0.2)].sort(() => random() - 0.5);
      let applied = new Map<string, number>();
      let held: Arrival[] = [];
      const order: string[] = [];
      for (let i = 0; i < shuffled.length;) {
        const size = 1 + Math.floor(random() * 5);
        const plan = planLogOrder(shuffled.slice(i, i + size), applied, held);
        i += size;
        order.push(...positions(plan.ready));
        applied = new Map([...applied, ...plan.positions]);
        const released = new Set(plan.released);
        held = [...held.filter((h) => !released.has(h)), ...plan.hold];
      }
      expect(held).toEqual([]);
      for (const store of ['a', 'b']) expect(order.filter((p) => p.startsWith(`${store}@`))).toEqual(LOG.map((p) => `${store}@${p}`));
    }
  });
});
