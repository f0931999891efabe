import { deciderSpec } from '@rooftop/testkit';
import { describe, it } from 'vitest';
import { cny, command, system } from '../../../test/builders.js';
import { DEFAULT_HR_SETTINGS } from '../settings.js';
import { type Placement } from '../staffing/staffing.state.js';
import { employeeDecider, type EmployeeEvent } from './employee.decider.js';

const placement: Placement = {
  departmentId: 'sales',
  positionId: 'sales-consultant',
  hireDate: '2025-01-31',
  grade: 'L1',
  baseSalary: cny(100_000),
  status: 'employed',
};
const spec = deciderSpec(employeeDecider({ placement, settings: DEFAULT_HR_SETTINGS }));
const leftSpec = deciderSpec(employeeDecider({ placement: { ...placement, status: 'left' }, settings: DEFAULT_HR_SETTINGS }));
const unknownSpec = deciderSpec(employeeDecider({ placement: undefined, settings: DEFAULT_HR_SETTINGS }));
const id = { employeeId: 'emp-1' };
const completed = (completedOn: string, onTime: boolean): EmployeeEvent => ({
  type: 'OnboardingTrainingCompleted',
  data: { ...id, completedOn, dueOn: '2025-02-28', onTime },
});
const overdue: EmployeeEvent = { type: 'OnboardingTrainingOverdue', data: { ...id, hireDate: '2025-01-31', dueOn: '2025-02-28' } };

describe('employee decider', () => {
  it('passes probation once, not before the hire date, and not for a leaver or a stranger', () => {
    spec
      .given([])
      .when(command('PassProbation', { ...id, passedOn: '2025-04-30' }))
      .thenEvents([{ type: 'ProbationPassed', data: { ...id, passedOn: '2025-04-30' } }]);
    spec
      .given([{ type: 'ProbationPassed', data: { ...id, passedOn: '2025-04-30' } }])
      .when(command('PassProbation', { ...id, passedOn: '2025-05-01' }))
      .thenError('PROBATION_ALREADY_PASSED', 'INVALID_TRANSITION');
    spec
      .given([])
      .when(command('PassProbation', { ...id, passedOn: '2025-01-01' }))
      .thenError('BEFORE_HIRE');
    leftSpec
      .given([])
      .when(command('PassProbation', { ...id, passedOn: '2025-04-30' }))
      .thenError('EMPLOYEE_LEFT', 'INVALID_TRANSITION');
    unknownSpec
      .given([])
      .when(command('PassProbation', { ...id, passedOn: '2025-04-30' }))
      .thenError('UNKNOWN_EMPLOYEE', 'NOT_FOUND');
  });

  it('adjusts salary from the hire terms, then from the last adjustment', () => {
    const raise: EmployeeEvent = {
      type: 'SalaryAdjusted',
      data: { ...id, effectiveDate: '2025-05-01', grade: 'L2', baseSalary: cny(110_000), previousGrade: 'L1', previousBaseSalary: cny(100_000) },
    };
    spec
      .given([])
      .when(command('AdjustSalary', { ...id, effectiveDate: '2025-05-01', grade: 'L2' as const, baseSalary: cny(110_000) }))
      .thenEvents([raise]);
    spec
      .given([raise])
      .when(command('AdjustSalary', { ...id, effectiveDate: '2025-06-01', grade: 'L2' as const, baseSalary: cny(110_000) }))
      .thenEvents([]);
    spec
      .given([raise])
      .when(command('AdjustSalary', { ...id, effectiveDate: '2026-01-01', grade: 'L3' as const, baseSalary: cny(120_000) }))
      .thenEvents([
        {
          type: 'SalaryAdjusted',
          data: { ...id, effectiveDate: '2026-01-01', grade: 'L3', baseSalary: cny(120_000), previousGrade: 'L2', previousBaseSalary: cny(110_000) },
        },
      ]);
  });

  it('completes onboarding on time up to a month after hire (31 Jan → 28 Feb), late after it, once', () => {
    spec
      .given([])
      .when(command('CompleteOnboardingTraining', { ...id, completedOn: '2025-02-28' }))
      .thenEvents([completed('2025-02-28', true)]);
    spec
      .given([overdue])
      .when(command('CompleteOnboardingTraining', { ...id, completedOn: '2025-03-01' }))
      .thenEvents([completed('2025-03-01', false)]);
    spec
      .given([completed('2025-02-28', true)])
      .when(command('CompleteOnboardingTraining', { ...id, completedOn: '2025-03-02' }))
      .thenEvents([]);
  });

  it('flags onboarding overdue when the timer fires after the due day, and only then', () => {
    const check = (now: string) => command('CheckOnboardingTraining', id, { actor: system, now });
    spec.given([]).when(check('2025-03-01T00:00:00+08:00')).thenEvents([overdue]);
    spec.given([]).when(check('2025-02-28T23:59:00+08:00')).thenError('ONBOARDING_NOT_DUE');
    spec
      .given([completed('2025-02-20', true)])
      .when(check('2025-03-01T00:00:00+08:00'))
      .thenEvents([]);
    spec.given([overdue]).when(check('2025-03-02T00:00:00+08:00')).thenEvents([]);
    leftSpec.given([]).when(check('2025-03-01T00:00:00+08:00')).thenEvents([]);
  });

  it('scores a month once, corrects it with a new score, and not before the hire month', () => {
    const scored: EmployeeEvent = { type: 'AppraisalScored', data: { ...id, month: '2025-03', score: 90, scoredBy: 'hr-1' } };
    spec
      .given([])
      .when(command('ScoreAppraisal', { ...id, month: '2025-03', score: 90 }))
      .thenEvents([scored]);
    spec
      .given([scored])
      .when(command('ScoreAppraisal', { ...id, month: '2025-03', score: 90 }))
      .thenEvents([]);
    spec
      .given([scored])
      .when(command('ScoreAppraisal', { ...id, month: '2025-03', score: 85 }))
      .thenEvents([{ ...scored, data: { ...scored.data, score: 85 } } as EmployeeEvent]);
    spec
      .given([])
      .when(command('ScoreAppraisal', { ...id, month: '2024-12', score: 90 }))
      .thenError('BEFORE_HIRE');
  });
});
