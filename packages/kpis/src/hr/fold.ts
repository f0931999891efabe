import { decodeRecorded, hr } from '@rooftop/contracts';
import { type RecordedEvent } from '@rooftop/eventsourcing';
import { businessDateOf } from '../facts/business-date.js';
import { entityKey, FactDeltas, type FactRowDelta } from '../facts/fact-table.js';
import { type HrCommissionFactColumn, type HrFactColumn } from './facts.js';

// The pure heart of the HR fact projection. Only a plan change needs memory (PositionDefined states the new
// plan, not the old one), so the fold takes the positions' current plans and returns them updated.

export const HR_FACT_EVENT_TYPES = [
  hr.PositionDefined.type,
  hr.EmployeeHired.type,
  hr.EmployeeTransferred.type,
  hr.EmployeeLeft.type,
  hr.OnboardingTrainingCompleted.type,
  hr.OnboardingTrainingOverdue.type,
  hr.TrainingSessionRecorded.type,
  hr.CommissionStatementIssued.type,
] as const;

/** A position's plan as last defined, keyed by `entityKey(store, positionId)`. */
export interface PositionPlan {
  readonly departmentId: string;
  readonly planned: number;
}

export interface HrFoldResult {
  readonly deltas: FactRowDelta<HrFactColumn>[];
  readonly commissionDeltas: FactRowDelta<HrCommissionFactColumn>[];
  /** Plans changed by the batch (to save). */
  readonly plans: ReadonlyMap<string, PositionPlan & { readonly storeId: string; readonly positionId: string }>;
}

const NO_DEPARTMENT = '';

export const foldHrFacts = (events: readonly RecordedEvent[], zoneOf: (storeId: string) => string, plans: ReadonlyMap<string, PositionPlan>): HrFoldResult => {
  const facts = new FactDeltas<HrFactColumn>();
  const commission = new FactDeltas<HrCommissionFactColumn>();
  const current = new Map(plans);
  const changed = new Map<string, PositionPlan & { storeId: string; positionId: string }>();
  for (const e of events) {
    const store = e.metadata.storeId;
    switch (e.type) {
      case 'PositionDefined': {
        const d = decodeRecorded(hr.PositionDefined, e).data;
        const key = entityKey(store, d.positionId);
        const on = businessDateOf(e.metadata.occurredAt, zoneOf(store));
        const before = current.get(key);
        if (before) facts.add(store, on, [before.departmentId], 'planned_headcount', -before.planned);
        facts.add(store, on, [d.departmentId], 'planned_headcount', d.plannedHeadcount);
        const plan = { departmentId: d.departmentId, planned: d.plannedHeadcount };
        current.set(key, plan);
        changed.set(key, { ...plan, storeId: store, positionId: d.positionId });
        break;
      }
      case 'EmployeeHired': {
        const d = decodeRecorded(hr.EmployeeHired, e).data;
        facts.add(store, d.hireDate, [d.departmentId], 'headcount', 1);
        facts.add(store, d.hireDate, [d.departmentId], 'hires', 1);
        break;
      }
      case 'EmployeeTransferred': {
        const d = decodeRecorded(hr.EmployeeTransferred, e).data;
        facts.add(store, d.effectiveDate, [d.fromDepartmentId], 'headcount', -1);
        facts.add(store, d.effectiveDate, [d.toDepartmentId], 'headcount', 1);
        break;
      }
      case 'EmployeeLeft': {
        const d = decodeRecorded(hr.EmployeeLeft, e).data;
        facts.add(store, d.leftOn, [d.departmentId], 'headcount', -1);
        facts.add(store, d.leftOn, [d.departmentId], 'leavers', 1);
        if (d.voluntary) facts.add(store, d.leftOn, [d.departmentId], 'voluntary_leavers', 1);
        break;
      }
      case 'OnboardingTrainingCompleted': {
        // A late completion was already counted as due when it was flagged overdue.
        const d = decodeRecorded(hr.OnboardingTrainingCompleted, e).data;
        if (!d.onTime) break;
        facts.add(store, d.dueOn, [NO_DEPARTMENT], 'onboardings_due', 1);
        facts.add(store, d.dueOn, [NO_DEPARTMENT], 'onboardings_on_time', 1);
        break;
      }
      case 'OnboardingTrainingOverdue': {
        const d = decodeRecorded(hr.OnboardingTrainingOverdue, e).data;
        facts.add(store, d.dueOn, [NO_DEPARTMENT], 'onboardings_due', 1);
        facts.add(store, d.dueOn, [NO_DEPARTMENT], 'onboardings_overdue', 1);
        break;
      }
      case 'TrainingSessionRecorded': {
        const d = decodeRecorded(hr.TrainingSessionRecorded, e).data;
        facts.add(store, d.heldOn, [NO_DEPARTMENT], 'training_minutes', Math.round(d.hours * 60) * d.attendees.length);
        facts.add(store, d.heldOn, [NO_DEPARTMENT], 'training_attendances', d.attendees.length);
        break;
      }
      case 'CommissionStatementIssued': {
        const d = decodeRecorded(hr.CommissionStatementIssued, e).data;
        const on = `${d.month}-01`;
        commission.add(store, on, [d.employeeId], 'performance_pay_fen', d.performancePay.amount - d.previousPerformancePay.amount);
        if (d.revision === 1) commission.add(store, on, [d.employeeId], 'statements', 1);
        break;
      }
      default:
        break;
    }
  }
  return { deltas: facts.list(), commissionDeltas: commission.list(), plans: changed };
};
