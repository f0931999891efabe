import { type FactTable } from '../dictionary/types.js';

/** Name of the projection writing both HR fact tables. */
export const HR_FACTS_PROJECTION = 'hr_kpi_facts';

/**
 * Additive HR facts per (store, business date, department). Headcount and plan are balances: each row holds a
 * change (a hire +1, a leaver −1, a transfer −1/+1 between departments, a plan change new − old), read as the
 * level at the period's end. Onboarding and training facts carry no department ('').
 */
export const hrFactTable = {
  table: 'hr_kpi_facts',
  projection: HR_FACTS_PROJECTION,
  dimensions: [{ dimension: 'department', column: 'department_id' }],
  measures: [
    {
      column: 'headcount',
      datedBy: 'EmployeeHired data.hireDate, EmployeeTransferred data.effectiveDate, EmployeeLeft data.leftOn',
      events: ['EmployeeHired', 'EmployeeTransferred', 'EmployeeLeft'],
      description: "Change of headcount: +1 on hireDate, −1 on leftOn, −1/+1 between departments on a transfer's effectiveDate",
    },
    {
      column: 'planned_headcount',
      events: ['PositionDefined'],
      description: 'Change of the staffing plan (定编): new − previous plannedHeadcount of the position, on the day it was defined',
    },
    { column: 'hires', datedBy: 'EmployeeHired data.hireDate', events: ['EmployeeHired'], description: 'Employees hired, on hireDate' },
    { column: 'leavers', datedBy: 'EmployeeLeft data.leftOn', events: ['EmployeeLeft'], description: 'Employees who left, on leftOn' },
    { column: 'voluntary_leavers', datedBy: 'EmployeeLeft data.leftOn', events: ['EmployeeLeft'], description: 'Of those, voluntary (resigned) leavers' },
    {
      column: 'onboardings_due',
      datedBy: 'data.dueOn (the onboarding deadline)',
      events: ['OnboardingTrainingCompleted', 'OnboardingTrainingOverdue'],
      description: 'Onboarding trainings that fell due: completed on time, or flagged overdue — on dueOn',
    },
    {
      column: 'onboardings_on_time',
      datedBy: 'OnboardingTrainingCompleted data.dueOn',
      events: ['OnboardingTrainingCompleted'],
      description: 'Of those, completed within a month of hire, on dueOn',
    },
    {
      column: 'onboardings_overdue',
      datedBy: 'OnboardingTrainingOverdue data.dueOn',
      events: ['OnboardingTrainingOverdue'],
      description: 'Onboarding trainings flagged overdue, on dueOn',
    },
    {
      column: 'training_minutes',
      datedBy: 'TrainingSessionRecorded data.heldOn',
      events: ['TrainingSessionRecorded'],
      description: 'Σ session length × attendees, in minutes, on heldOn',
    },
    {
      column: 'training_attendances',
      datedBy: 'TrainingSessionRecorded data.heldOn',
      events: ['TrainingSessionRecorded'],
      description: 'Attendees of training sessions, on heldOn',
    },
  ],
} as const satisfies FactTable;

/** Commission per (store, first day of the month, consultant), from the statements issued. */
export const hrCommissionFactTable = {
  table: 'hr_kpi_commission_facts',
  projection: HR_FACTS_PROJECTION,
  dimensions: [{ dimension: 'consultant', column: 'consultant_id' }],
  measures: [
    {
      column: 'performance_pay_fen',
      events: ['CommissionStatementIssued'],
      description: "Performance pay of the month's statement, in fen (a re-issue adds its difference to the one it replaces), on the month's first day",
    },
    { column: 'statements', events: ['CommissionStatementIssued'], description: "Statements issued (first revision only), on the month's first day" },
  ],
} as const satisfies FactTable;

export type HrFactColumn = (typeof hrFactTable.measures)[number]['column'];
export type HrCommissionFactColumn = (typeof hrCommissionFactTable.measures)[number]['column'];
