import { type TimerSpec } from '@rooftop/eventsourcing';
import { addDays, startOfDay } from './dates.js';
import { onboardingDueOn } from './employee/employee.decider.js';
import { type HrSettings } from './settings.js';

interface SessionData {
  readonly sessionId: string;
  readonly trainingType: string;
  readonly heldOn: string;
  readonly attendees: readonly { readonly employeeId: string; readonly assessment: string }[];
}

/**
 * A hire starts the onboarding check, at the start of the day after the last day onboarding training is due.
 * An onboarding session completes onboarding for each attendee who did not fail its assessment, from the day it
 * was held (at once for a past session) — as scheduled commands committed with the session, so none is lost
 * between the two streams.
 */
export const timersFor = (e: { type: string; data: unknown }, settings: HrSettings): TimerSpec[] => {
  if (e.type === 'EmployeeHired') {
    const { employeeId, hireDate } = e.data as { employeeId: string; hireDate: string };
    const dueAt = startOfDay(addDays(onboardingDueOn(hireDate, settings), 1), settings.timeZone);
    return [{ key: `onboarding:${employeeId}`, dueAt, type: 'CheckOnboardingTraining', data: { employeeId } }];
  }
  if (e.type === 'TrainingSessionRecorded') {
    const session = e.data as SessionData;
    if (session.trainingType !== 'onboarding') return [];
    return session.attendees
      .filter((a) => a.assessment !== 'failed')
      .map((a) => ({
        key: `onboarding-session:${session.sessionId}:${a.employeeId}`,
        dueAt: startOfDay(session.heldOn, settings.timeZone),
        type: 'CompleteOnboardingTraining',
        data: { employeeId: a.employeeId, completedOn: session.heldOn, sessionId: session.sessionId },
      }));
  }
  return [];
};
