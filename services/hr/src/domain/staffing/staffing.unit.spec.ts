import { deciderSpec } from '@rooftop/testkit';
import { describe, expect, it } from 'vitest';
import { cny, command, generalManager, hireData } from '../../../test/builders.js';
import { occupancy, staffingDecider, type StaffingEvent } from './staffing.decider.js';

const spec = deciderSpec(staffingDecider);
const sales: StaffingEvent = { type: 'DepartmentDefined', data: { departmentId: 'sales', name: '销售部' } };
const consultants: StaffingEvent = {
  type: 'PositionDefined',
  data: { positionId: 'sales-consultant', departmentId: 'sales', title: '销售顾问', plannedHeadcount: 1 },
};
const managers: StaffingEvent = {
  type: 'PositionDefined',
  data: { positionId: 'sales-manager', departmentId: 'sales', title: '销售经理', plannedHeadcount: 1 },
};
const hired = (employeeId: string, extra: { extraHeadcountApprovalId?: string } = {}): StaffingEvent => ({
  type: 'EmployeeHired',
  data: {
    employeeId,
    name: '王芳',
    departmentId: 'sales',
    positionId: 'sales-consultant',
    grade: 'L1',
    hireDate: '2025-03-03',
    probationEndsOn: '2025-06-02',
    baseSalary: cny(100_000),
    ...extra,
  },
});
const approved: StaffingEvent = { type: 'ExtraHeadcountApproved', data: { approvalId: 'ap-1', positionId: 'sales-consultant', approvedBy: 'gm-1' } };
const plan = [sales, consultants, managers];
const leaving = { employeeId: 'emp-1', leftOn: '2025-05-31', reason: 'resigned' as const, voluntary: true };

describe('staffing decider', () => {
  it('defines departments and positions, idempotently, and only in a known department', () => {
    spec.given([]).when(command('DefineDepartment', sales.data)).thenEvents([sales]);
    spec.given([sales]).when(command('DefineDepartment', sales.data)).thenEvents([]);
    spec.given([sales]).when(command('DefinePosition', consultants.data)).thenEvents([consultants]);
    spec.given([sales, consultants]).when(command('DefinePosition', consultants.data)).thenEvents([]);
    spec.given([]).when(command('DefinePosition', consultants.data)).thenError('UNKNOWN_DEPARTMENT', 'NOT_FOUND');
  });

  it('hires into a free seat with the probation end and the department of the position', () => {
    spec
      .given(plan)
      .when(command('HireEmployee', hireData('emp-1')))
      .thenEvents([hired('emp-1')]);
    spec
      .given(plan)
      .when(command('HireEmployee', { ...hireData('emp-1'), probationMonths: 0 }))
      .thenEvents([{ ...hired('emp-1'), data: { ...hired('emp-1').data, probationEndsOn: '2025-03-03' } } as StaffingEvent]);
    spec
      .given([...plan, hired('emp-1')])
      .when(command('HireEmployee', hireData('emp-1')))
      .thenError('EMPLOYEE_ALREADY_HIRED', 'INVALID_TRANSITION');
    spec
      .given(plan)
      .when(command('HireEmployee', hireData('emp-1', 'nope')))
      .thenError('UNKNOWN_POSITION', 'NOT_FOUND');
  });

  it('refuses a hire into a full position without the general manager approving an extra seat', () => {
    spec
      .given([...plan, hired('emp-1')])
      .when(command('HireEmployee', hireData('emp-2')))
      .thenError('HEADCOUNT_FULL', 'RULE_VIOLATION');
    spec
      .given([...plan, hired('emp-1')])
      .when(command('HireEmployee', { ...hireData('emp-2'), extraHeadcountApprovalId: 'ap-9' }))
      .thenError('UNKNOWN_APPROVAL', 'NOT_FOUND');
  });

  it('lets the GM approve one extra seat, which one hire uses up', () => {
    spec
      .given(plan)
      .when(command('ApproveExtraHeadcount', { approvalId: 'ap-1', positionId: 'sales-consultant' }, { actor: generalManager }))
      .thenEvents([approved]);
    spec
      .given([...plan, approved])
      .when(command('ApproveExtraHeadcount', { approvalId: 'ap-1', positionId: 'sales-consultant' }, { actor: generalManager }))
      .thenEvents([]);
    spec
      .given([...plan, approved])
      .when(command('ApproveExtraHeadcount', { approvalId: 'ap-1', positionId: 'sales-manager' }, { actor: generalManager }))
      .thenError('APPROVAL_ID_TAKEN');
    const full = [...plan, hired('emp-1'), approved];
    spec
      .given(full)
      .when(command('HireEmployee', { ...hireData('emp-2'), extraHeadcountApprovalId: 'ap-1' }))
      .thenEvents([hired('emp-2', { extraHeadcountApprovalId: 'ap-1' })]);
    spec
      .given([...full, hired('emp-2', { extraHeadcountApprovalId: 'ap-1' })])
      .when(command('HireEmployee', { ...hireData('emp-3'), extraHeadcountApprovalId: 'ap-1' }))
      .thenError('APPROVAL_ALREADY_USED');
    spec
      .given([...plan, hired('emp-1'), approved])
      .when(command('TransferEmployee', { employeeId: 'emp-1', toPositionId: 'sales-manager', effectiveDate: '2025-04-01', extraHeadcountApprovalId: 'ap-1' }))
      .thenEvents([
        {
          type: 'EmployeeTransferred',
          data: {
            employeeId: 'emp-1',
            fromDepartmentId: 'sales',
            fromPositionId: 'sales-consultant',
            toDepartmentId: 'sales',
            toPositionId: 'sales-manager',
            effectiveDate: '2025-04-01',
          },
        },
      ]);
    spec
      .given([...plan, hired('emp-1')])
      .when(command('TransferEmployee', { employeeId: 'emp-1', toPositionId: 'sales-consultant', effectiveDate: '2025-04-01' }))
      .thenEvents([]);
  });

  it('records leaving once, frees the seat, and refuses transfers of leavers and unknown employees', () => {
    const left: StaffingEvent = {
      type: 'EmployeeLeft',
      data: { employeeId: 'emp-1', departmentId: 'sales', positionId: 'sales-consultant', leftOn: '2025-05-31', reason: 'resigned', voluntary: true },
    };
    spec
      .given([...plan, hired('emp-1')])
      .when(command('RecordLeaving', leaving))
      .thenEvents([left]);
    spec
      .given([...plan, hired('emp-1'), left])
      .when(command('RecordLeaving', leaving))
      .thenError('EMPLOYEE_LEFT', 'INVALID_TRANSITION');
    spec
      .given([...plan, hired('emp-1')])
      .when(command('RecordLeaving', { ...leaving, leftOn: '2025-03-01' }))
      .thenError('BEFORE_HIRE');
    spec
      .given([...plan, hired('emp-1'), left])
      .when(command('TransferEmployee', { employeeId: 'emp-1', toPositionId: 'sales-manager', effectiveDate: '2025-06-01' }))
      .thenError('EMPLOYEE_LEFT');
    spec
      .given(plan)
      .when(command('TransferEmployee', { employeeId: 'emp-9', toPositionId: 'sales-manager', effectiveDate: '2025-06-01' }))
      .thenError('UNKNOWN_EMPLOYEE', 'NOT_FOUND');
    spec
      .given([...plan, hired('emp-1'), left])
      .when(command('HireEmployee', hireData('emp-2')))
      .thenEvents([hired('emp-2')]);
    const state = [...plan, hired('emp-1'), left, hired('emp-2')].reduce(staffingDecider.evolve, staffingDecider.initialState());
    expect(occupancy(state, 'sales-consultant')).toBe(1);
  });
});
