import { deciderSpec } from '@rooftop/testkit';
import { describe, expect, it } from 'vitest';
import { cny, command, manager } from '../../../test/fixtures/domain.js';
import { salesTargetDecider } from './target.decider.js';
import { type SalesTargetCommand, type SalesTargetEvent, targetKey } from './target.messages.js';

const spec = deciderSpec(salesTargetDecider());
const scope = { level: 'consultant' as const, consultantId: 'emp-a' };
const setTarget = (units: number, month = '2025-03', now = '2025-03-01T09:00:00+08:00') =>
  command<SalesTargetCommand>('SetSalesTarget', { scope, month, units, revenue: cny(units * 100_000) }, { actor: manager, now });
const targetSet = (units: number, month = '2025-03'): SalesTargetEvent => ({
  type: 'SalesTargetSet',
  data: { scope, month, units, revenue: cny(units * 100_000) },
});

describe('sales targets', () => {
  it('sets a monthly target', () =>
    spec
      .given([])
      .when(setTarget(12))
      .thenEvents([targetSet(12)]));
  it('revises it while the month runs; the same numbers again change nothing', () => {
    spec
      .given([targetSet(12)])
      .when(setTarget(14, '2025-03', '2025-03-20T09:00:00+08:00'))
      .thenEvents([targetSet(14)]);
    spec
      .given([targetSet(12)])
      .when(setTarget(12))
      .thenEvents([]);
  });
  it('a month that has ended in the store time zone is closed', () => {
    // 2025-03-31T17:00Z is already 1 April in Shanghai.
    spec
      .given([])
      .when(setTarget(12, '2025-03', '2025-03-31T17:00:00Z'))
      .thenError('TARGET_MONTH_CLOSED');
    spec
      .given([])
      .when(setTarget(12, '2025-03', '2025-03-31T15:59:00Z'))
      .thenEvents([targetSet(12)]);
  });
  it('names one stream per scope and month', () => {
    expect(targetKey({ level: 'store' }, '2025-03')).toBe('store-2025-03');
    expect(targetKey({ level: 'team', teamId: 'team-1' }, '2025-03')).toBe('team-team-1-2025-03');
    expect(targetKey(scope, '2025-03')).toBe('consultant-emp-a-2025-03');
  });
});
