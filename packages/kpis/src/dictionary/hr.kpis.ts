import { hrCommissionFactTable, hrFactTable } from '../hr/facts.js';
import { type KpiDefinition } from './types.js';

// HR KPIs (docs/domain/hr.md). Facts live in `hr_kpi_facts` (per department) and `hr_kpi_commission_facts` (per
// consultant), both written by the `hr_kpi_facts` projection. Headcount and plan are balances at the period end.

type Def = Omit<KpiDefinition, 'domain' | 'factTable' | 'version'> & { version?: number };
const kpi = (d: Def): KpiDefinition => ({ domain: 'hr', factTable: hrFactTable, version: 1, ...d });
const headcountAtEnd = { fact: 'headcount', asOf: 'periodEnd' } as const;
/** Onboarding and training facts carry no department. */
const storeOnly = ['store'] as const;

export const hrKpis: readonly KpiDefinition[] = [
  kpi({
    name: 'hr.headcount',
    labels: { en: 'Headcount', zh: '在岗人数' },
    description: 'Employees on the books at the end of the period (hired on or before it, not left by it).',
    unit: 'count',
    formula: { text: 'count of EmployeeHired − count of EmployeeLeft up to the period’s end', numerator: headcountAtEnd },
  }),
  kpi({
    name: 'hr.headcountVsPlan',
    labels: { en: 'Headcount vs plan', zh: '人员编制达成' },
    description: 'Headcount ÷ planned headcount (定编) at the end of the period; above 1 means seats beyond the plan (GM-approved).',
    unit: 'ratio',
    formula: {
      text: 'headcount ÷ Σ plannedHeadcount of the positions (PositionDefined), both at the period’s end',
      numerator: headcountAtEnd,
      denominator: { fact: 'planned_headcount', asOf: 'periodEnd' },
    },
  }),
  kpi({
    name: 'hr.hires',
    labels: { en: 'Hires', zh: '入职人数' },
    description: 'Employees hired in the period, on the hire date.',
    unit: 'count',
    formula: { text: 'count of EmployeeHired (on hireDate)', numerator: { fact: 'hires' } },
  }),
  kpi({
    name: 'hr.leavers',
    labels: { en: 'Leavers', zh: '离职人数' },
    description: 'Employees who left in the period, on their last working day.',
    unit: 'count',
    formula: { text: 'count of EmployeeLeft (on leftOn)', numerator: { fact: 'leavers' } },
  }),
  kpi({
    name: 'hr.turnoverRate',
    labels: { en: 'Staff turnover rate', zh: '人员流动率' },
    description:
      'Leavers in the period ÷ headcount. The documents define the denominator as the average headcount; additive facts give the headcount at the period end, which is used instead (equal when headcount is steady).',
    unit: 'ratio',
    formula: { text: 'count of EmployeeLeft ÷ headcount at the period’s end', numerator: { fact: 'leavers' }, denominator: headcountAtEnd },
  }),
  kpi({
    name: 'hr.voluntaryLeaverShare',
    labels: { en: 'Voluntary share of leavers', zh: '主动离职占比' },
    description: 'Leavers who chose to leave ÷ all leavers in the period.',
    unit: 'ratio',
    formula: {
      text: 'count of EmployeeLeft with voluntary ÷ count of EmployeeLeft',
      numerator: { fact: 'voluntary_leavers' },
      denominator: { fact: 'leavers' },
    },
  }),
  kpi({
    name: 'hr.onboardingOnTimeRate',
    labels: { en: 'Onboarding training on time', zh: '新员工一个月内培训率' },
    description: 'Onboarding trainings completed within a month of hire ÷ onboarding trainings that fell due, dated by the due day.',
    unit: 'ratio',
    formula: {
      text: 'count of OnboardingTrainingCompleted with onTime ÷ (that + count of OnboardingTrainingOverdue), on dueOn',
      numerator: { fact: 'onboardings_on_time' },
      denominator: { fact: 'onboardings_due' },
    },
    dimensions: storeOnly,
    benchmark: { op: '>=', value: 1 },
  }),
  kpi({
    name: 'hr.onboardingsOverdue',
    labels: { en: 'Onboarding trainings overdue', zh: '新员工培训逾期' },
    description: 'Employees still without onboarding training a month after hire (the alert), dated by the due day.',
    unit: 'count',
    formula: { text: 'count of OnboardingTrainingOverdue (on dueOn)', numerator: { fact: 'onboardings_overdue' } },
    dimensions: storeOnly,
  }),
  kpi({
    name: 'hr.trainingHoursPerEmployee',
    labels: { en: 'Training time per employee (minutes)', zh: '人均培训时长（分钟）' },
    description: 'Training time attended in the period ÷ headcount at its end, in minutes (÷ 60 for hours).',
    unit: 'minutes',
    formula: {
      text: 'Σ hours × attendees of TrainingSessionRecorded (on heldOn), in minutes ÷ headcount at the period’s end',
      numerator: { fact: 'training_minutes' },
      denominator: headcountAtEnd,
    },
    dimensions: storeOnly,
  }),
  kpi({
    name: 'hr.trainingAttendances',
    labels: { en: 'Training attendances', zh: '培训人次' },
    description: 'Attendees of the training sessions held in the period (one per employee per session).',
    unit: 'count',
    formula: { text: 'Σ attendees of TrainingSessionRecorded (on heldOn)', numerator: { fact: 'training_attendances' } },
    dimensions: storeOnly,
  }),
  {
    domain: 'hr',
    factTable: hrCommissionFactTable,
    version: 1,
    name: 'hr.commissionStatements',
    labels: { en: 'Commission statements issued', zh: '提成结算单' },
    description: "Salespeople whose statement of the month was issued (re-issues not counted again), on the month's first day.",
    unit: 'count',
    formula: { text: 'count of CommissionStatementIssued with revision 1', numerator: { fact: 'statements' } },
  },
  {
    domain: 'hr',
    factTable: hrCommissionFactTable,
    version: 1,
    name: 'hr.commissionPerConsultant',
    labels: { en: 'Performance pay per consultant', zh: '人均销售绩效工资' },
    description:
      "Performance pay of the month's issued commission statements ÷ salespeople with a statement, in fen; a re-issued statement replaces the earlier one.",
    unit: 'fen',
    formula: {
      text: 'Σ CommissionStatementIssued.performancePay (net of the revisions replaced) ÷ distinct employees with a statement',
      numerator: { fact: 'performance_pay_fen' },
      denominator: { distinct: 'consultant' },
    },
  },
];
