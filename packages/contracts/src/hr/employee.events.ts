import { z } from 'zod';
import { defineEvent } from '../define.js';
import { businessDate, employeeId, yearMonth } from '../common.js';
import { HR_CONTEXT, appraisalScore, baseSalary, hrEmployeeId, payGrade, trainingSessionId } from './values.js';

// One employee's stream (hr-employee-<id>): probation, pay, onboarding and monthly appraisals.

export const ProbationPassed = defineEvent({
  context: HR_CONTEXT,
  type: 'ProbationPassed',
  description: 'The employee passed probation (转正).',
  schema: z.object({ employeeId: hrEmployeeId, passedOn: businessDate }),
});

export const SalaryAdjusted = defineEvent({
  context: HR_CONTEXT,
  type: 'SalaryAdjusted',
  description: "The employee's grade or base pay changed (调薪).",
  schema: z.object({
    employeeId: hrEmployeeId,
    effectiveDate: businessDate,
    grade: payGrade,
    baseSalary,
    previousGrade: payGrade,
    previousBaseSalary: baseSalary,
  }),
});

export const OnboardingTrainingCompleted = defineEvent({
  context: HR_CONTEXT,
  type: 'OnboardingTrainingCompleted',
  description: 'The employee completed onboarding training (新员工入职培训); on time when within a month of hire.',
  schema: z.object({
    employeeId: hrEmployeeId,
    completedOn: businessDate,
    dueOn: businessDate.describe('Last day it was due (hire date + 1 month)'),
    onTime: z.boolean().describe('completedOn ≤ dueOn'),
    sessionId: trainingSessionId.optional().describe('Session where it was done, if recorded'),
  }),
});

export const OnboardingTrainingOverdue = defineEvent({
  context: HR_CONTEXT,
  type: 'OnboardingTrainingOverdue',
  description: 'A month after hire the employee still had no onboarding training (an alert for HR).',
  schema: z.object({ employeeId: hrEmployeeId, hireDate: businessDate, dueOn: businessDate }),
});

export const AppraisalScored = defineEvent({
  context: HR_CONTEXT,
  type: 'AppraisalScored',
  description: "The employee's monthly appraisal score (月度绩效考核得分, 0–100); a later score for the same month corrects it.",
  schema: z.object({ employeeId: hrEmployeeId, month: yearMonth, score: appraisalScore, scoredBy: employeeId.describe('Who scored') }),
});

export const employeeEvents = [ProbationPassed, SalaryAdjusted, OnboardingTrainingCompleted, OnboardingTrainingOverdue, AppraisalScored] as const;
