import { event, hr } from '@rooftop/contracts';
import { DomainError, type DomainError as Rejection, invalidTransition, notFound, unreachable } from '@rooftop/eventsourcing';
import { addDays, addMonths } from '../dates.js';
import { occupancy, type Staffing, type StaffingCommand, type StaffingEvent } from './staffing.state.js';

/**
 * The seat a hire or transfer takes: a free planned seat, or — when the position is full — one unused
 * extra-seat approval of the general manager for that position (定编: extra headcount only with GM approval).
 */
const seat = (state: Staffing, positionId: string, approvalId: string | undefined): { extraHeadcountApprovalId?: string } | Rejection => {
  const position = state.positions.get(positionId);
  if (!position) return notFound('UNKNOWN_POSITION', `position ${positionId} is not in the staffing plan`, { positionId });
  const filled = occupancy(state, positionId);
  if (filled < position.plannedHeadcount) return {};
  if (approvalId === undefined) {
    return new DomainError(
      'HEADCOUNT_FULL',
      `position ${positionId} is full (${filled} of ${position.plannedHeadcount}); an extra seat needs the general manager's approval`,
      {
        positionId,
        plannedHeadcount: position.plannedHeadcount,
        filled,
      },
    );
  }
  const approval = state.approvals.get(approvalId);
  if (!approval) return notFound('UNKNOWN_APPROVAL', `no extra-seat approval ${approvalId}`, { approvalId });
  if (approval.positionId !== positionId)
    return new DomainError('APPROVAL_FOR_OTHER_POSITION', `approval ${approvalId} is for position ${approval.positionId}`, { approvalId });
  if (approval.used) return invalidTransition('APPROVAL_ALREADY_USED', `approval ${approvalId} was already used`, { approvalId });
  return { extraHeadcountApprovalId: approvalId };
};

export const decideStaffing = (command: StaffingCommand, state: Staffing): StaffingEvent[] | Rejection => {
  switch (command.type) {
    case 'DefineDepartment':
      if (state.departments.get(command.data.departmentId) === command.data.name) return [];
      return [event(hr.DepartmentDefined, command.data)];
    case 'DefinePosition': {
      const { positionId, departmentId, title, plannedHeadcount } = command.data;
      if (!state.departments.has(departmentId)) return notFound('UNKNOWN_DEPARTMENT', `department ${departmentId} is not defined`, { departmentId });
      const current = state.positions.get(positionId);
      if (current && current.departmentId !== departmentId && occupancy(state, positionId) > 0) {
        return new DomainError('POSITION_OCCUPIED', `position ${positionId} has employees; transfer them before moving it to another department`, {
          positionId,
        });
      }
      if (current?.departmentId === departmentId && current.title === title && current.plannedHeadcount === plannedHeadcount) return [];
      return [event(hr.PositionDefined, { positionId, departmentId, title, plannedHeadcount })];
    }
    case 'ApproveExtraHeadcount': {
      const { approvalId, positionId, reason } = command.data;
      if (!state.positions.has(positionId)) return notFound('UNKNOWN_POSITION', `position ${positionId} is not in the staffing plan`, { positionId });
      const existing = state.approvals.get(approvalId);
      if (existing)
        return existing.positionId === positionId
          ? []
          : new DomainError('APPROVAL_ID_TAKEN', `approval ${approvalId} exists for another position`, { approvalId });
      return [event(hr.ExtraHeadcountApproved, { approvalId, positionId, approvedBy: command.actor.id, ...(reason === undefined ? {} : { reason }) })];
    }
    case 'HireEmployee': {
      const d = command.data;
      if (state.employees.has(d.employeeId))
        return invalidTransition('EMPLOYEE_ALREADY_HIRED', `employee ${d.employeeId} was already hired`, { employeeId: d.employeeId });
      const taken = seat(state, d.positionId, d.extraHeadcountApprovalId);
      if (taken instanceof DomainError) return taken;
      const departmentId = state.positions.get(d.positionId)!.departmentId;
      const probationEndsOn = d.probationMonths === 0 ? d.hireDate : addDays(addMonths(d.hireDate, d.probationMonths), -1);
      return [
        event(hr.EmployeeHired, {
          employeeId: d.employeeId,
          name: d.name,
          departmentId,
          positionId: d.positionId,
          grade: d.grade,
          hireDate: d.hireDate,
          probationEndsOn,
          baseSalary: d.baseSalary,
          ...taken,
        }),
      ];
    }
    case 'TransferEmployee': {
      const d = command.data;
      const current = state.employees.get(d.employeeId);
      if (!current) return notFound('UNKNOWN_EMPLOYEE', `no employee ${d.employeeId}`, { employeeId: d.employeeId });
      if (current.status === 'left') return invalidTransition('EMPLOYEE_LEFT', `employee ${d.employeeId} has left`, { employeeId: d.employeeId });
      if (current.positionId === d.toPositionId) return [];
      if (d.effectiveDate < current.hireDate) return new DomainError('BEFORE_HIRE', `a transfer cannot take effect before the hire date ${current.hireDate}`);
      const taken = seat(state, d.toPositionId, d.extraHeadcountApprovalId);
      if (taken instanceof DomainError) return taken;
      return [
        event(hr.EmployeeTransferred, {
          employeeId: d.employeeId,
          fromDepartmentId: current.departmentId,
          fromPositionId: current.positionId,
          toDepartmentId: state.positions.get(d.toPositionId)!.departmentId,
          toPositionId: d.toPositionId,
          effectiveDate: d.effectiveDate,
          ...taken,
        }),
      ];
    }
    case 'RecordLeaving': {
      const d = command.data;
      const current = state.employees.get(d.employeeId);
      if (!current) return notFound('UNKNOWN_EMPLOYEE', `no employee ${d.employeeId}`, { employeeId: d.employeeId });
      if (current.status === 'left') return invalidTransition('EMPLOYEE_LEFT', `employee ${d.employeeId} has already left`, { employeeId: d.employeeId });
      if (d.leftOn < current.hireDate) return new DomainError('BEFORE_HIRE', `the leaving date cannot be before the hire date ${current.hireDate}`);
      return [
        event(hr.EmployeeLeft, {
          employeeId: d.employeeId,
          departmentId: current.departmentId,
          positionId: current.positionId,
          leftOn: d.leftOn,
          reason: d.reason,
          voluntary: d.voluntary,
          ...(d.note === undefined ? {} : { note: d.note }),
        }),
      ];
    }
    default:
      return unreachable(command);
  }
};
