import { type Actor } from '@rooftop/eventsourcing';
import { cny, commandBuilder } from '@rooftop/testkit';

export { cny };

// Small builders shared by the HR service's unit and integration tests.

export const STORE = 'store-1';

export const hrManager: Actor = { kind: 'user', id: 'hr-1', roles: ['hr_manager'] };
export const generalManager: Actor = { kind: 'user', id: 'gm-1', roles: ['general_manager'] };
export const system: Actor = { kind: 'system', id: 'hr-timers', roles: ['system'] };

export const command = commandBuilder({ storeId: STORE, actor: hrManager, now: '2025-03-03T10:00:00+08:00' });

export const hireData = (employeeId: string, positionId = 'sales-consultant') => ({
  employeeId,
  name: '王芳',
  positionId,
  grade: 'L1' as const,
  hireDate: '2025-03-03',
  probationMonths: 3,
  baseSalary: cny(100_000),
});
