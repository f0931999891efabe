import { describe, expect, it } from 'vitest';
import { entityKey } from '../facts/fact-table.js';
import { hrEvents } from '../testing/hr-events.js';
import { foldHrFacts } from './fold.js';

const h = hrEvents({ storeId: 's-1' });
const recorded = (built: ReturnType<typeof h.hired>) =>
  ({ ...built.event, streamId: built.streamId, streamVersion: 1, globalPosition: 1, metadata: { ...built.event.metadata, storeId: 's-1' } }) as never;
const zone = () => 'Asia/Shanghai';

describe('HR fact fold', () => {
  it('measures a plan change against the position’s previous plan, across departments', () => {
    const seat = { departmentId: 'sales', positionId: 'pos-1' };
    const known = new Map([[entityKey('s-1', 'pos-1'), { departmentId: 'service', planned: 2 }]]);
    const result = foldHrFacts([recorded(h.positionDefined({ ...seat, plannedHeadcount: 3 }, '2025-03-15T09:00:00+08:00'))], zone, known);
    expect(result.deltas).toEqual([
      { storeId: 's-1', businessDate: '2025-03-15', dims: ['service'], values: { planned_headcount: -2 } },
      { storeId: 's-1', businessDate: '2025-03-15', dims: ['sales'], values: { planned_headcount: 3 } },
    ]);
    expect([...result.plans.values()]).toEqual([{ storeId: 's-1', positionId: 'pos-1', departmentId: 'sales', planned: 3 }]);
  });

  it('counts a late onboarding only through its overdue flag, and a re-issued statement by its difference', () => {
    const result = foldHrFacts(
      [
        recorded(h.onboardingCompleted({ employeeId: 'e-1', completedOn: '2025-04-02', dueOn: '2025-03-28' }, '2025-04-02T09:00:00+08:00')),
        recorded(
          h.statement(
            { employeeId: 'e-1', month: '2025-03', performancePayFen: 900, revision: 2, previousPerformancePayFen: 1_000 },
            '2025-04-03T09:00:00+08:00',
          ),
        ),
      ],
      zone,
      new Map(),
    );
    expect(result.deltas).toEqual([]);
    expect(result.commissionDeltas).toEqual([{ storeId: 's-1', businessDate: '2025-03-01', dims: ['e-1'], values: { performance_pay_fen: -100 } }]);
  });
});
