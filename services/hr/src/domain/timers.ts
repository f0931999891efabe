import { addDays, startOfDay } from './dates.js';
import { onboardingDueOn } from './employee/employee.decider.js';
import { type HrSettings } from './settings.js';

/** A command HR sends itself at a due time; `key` is deterministic, so deriving it twice never doubles it. */
export interface TimerSpec {
  readonly key: string;
  readonly dueAt: Date;
  readonly type: string;
  readonly data: Record<string, unknown>;
}

/** A hire starts the onboarding check: at the start of the day after the last day onboarding training is due. */
export const timersFor = (e: { type: string; data: unknown }, settings: HrSettings): TimerSpec[] => {
  if (e.type !== 'EmployeeHired') return [];
  const { employeeId, hireDate } = e.data as { employeeId: string; hireDate: string };
  const dueAt = startOfDay(addDays(onboardingDueOn(hireDate, settings), 1), settings.timeZone);
  return [{ key: `onboarding:${employeeId}`, dueAt, type: 'CheckOnboardingTraining', data: { employeeId } }];
};
