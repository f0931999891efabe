import { unreachable } from '@rooftop/eventsourcing';
import { type Staffing, type StaffingEvent } from './staffing.state.js';

const useApproval = (approvals: Staffing['approvals'], approvalId: string | undefined): Staffing['approvals'] => {
  const approval = approvalId === undefined ? undefined : approvals.get(approvalId);
  if (approvalId === undefined || !approval) return approvals;
  return new Map(approvals).set(approvalId, { ...approval, used: true });
};

export const evolveStaffing = (state: Staffing, e: StaffingEvent): Staffing => {
  switch (e.type) {
    case 'DepartmentDefined':
      return { ...state, departments: new Map(state.departments).set(e.data.departmentId, e.data.name) };
    case 'PositionDefined': {
      const { positionId, ...position } = e.data;
      return { ...state, positions: new Map(state.positions).set(positionId, position) };
    }
    case 'ExtraHeadcountApproved':
      return { ...state, approvals: new Map(state.approvals).set(e.data.approvalId, { positionId: e.data.positionId, used: false }) };
    case 'EmployeeHired': {
      const { employeeId, departmentId, positionId, hireDate, grade, baseSalary } = e.data;
      return {
        ...state,
        approvals: useApproval(state.approvals, e.data.extraHeadcountApprovalId),
        employees: new Map(state.employees).set(employeeId, { departmentId, positionId, hireDate, grade, baseSalary, status: 'employed' }),
      };
    }
    case 'EmployeeTransferred': {
      const current = state.employees.get(e.data.employeeId);
      if (!current) return state;
      return {
        ...state,
        approvals: useApproval(state.approvals, e.data.extraHeadcountApprovalId),
        employees: new Map(state.employees).set(e.data.employeeId, { ...current, departmentId: e.data.toDepartmentId, positionId: e.data.toPositionId }),
      };
    }
    case 'EmployeeLeft': {
      const current = state.employees.get(e.data.employeeId);
      if (!current) return state;
      return { ...state, employees: new Map(state.employees).set(e.data.employeeId, { ...current, status: 'left' }) };
    }
    default:
      return unreachable(e);
  }
};
