import { z } from 'zod';
import { defineEvent } from '../define.js';
import { businessDate, employeeId } from '../common.js';
import {
  HR_CONTEXT,
  approvalId,
  baseSalary,
  departmentId,
  employeeName,
  headcount,
  hrEmployeeId,
  leavingReason,
  optionalNote,
  payGrade,
  positionId,
} from './values.js';

// The store's staffing stream (hr-staffing-<store>): departments, positions and who fills which seat, so the
// headcount rule (定编) is checked against one consistent version.

export const DepartmentDefined = defineEvent({
  context: HR_CONTEXT,
  type: 'DepartmentDefined',
  description: 'A department of the store was defined or renamed.',
  schema: z.object({ departmentId, name: z.string().min(1).max(100).describe('Department name, e.g. 销售部') }),
});

export const PositionDefined = defineEvent({
  context: HR_CONTEXT,
  type: 'PositionDefined',
  description: 'A position was defined in a department with its planned headcount (定编), or its plan was changed.',
  schema: z.object({
    positionId,
    departmentId,
    title: z.string().min(1).max(100).describe('Position title, e.g. 销售顾问'),
    plannedHeadcount: headcount.describe('Seats in the staffing plan'),
  }),
});

export const ExtraHeadcountApproved = defineEvent({
  context: HR_CONTEXT,
  type: 'ExtraHeadcountApproved',
  description: 'The general manager approved one seat above the staffing plan of a position; a hire or transfer uses it up.',
  schema: z.object({ approvalId, positionId, approvedBy: employeeId.describe('General manager who approved'), reason: optionalNote }),
});

export const EmployeeHired = defineEvent({
  context: HR_CONTEXT,
  type: 'EmployeeHired',
  description: 'An employee was hired into a position; probation starts and onboarding training is due within a month.',
  personalData: ['name'],
  schema: z.object({
    employeeId: hrEmployeeId,
    name: employeeName,
    departmentId,
    positionId,
    grade: payGrade,
    hireDate: businessDate.describe('First working day'),
    probationEndsOn: businessDate.describe('Last day of probation'),
    baseSalary,
    extraHeadcountApprovalId: approvalId.optional().describe('Extra-seat approval used, when the position was full'),
  }),
});

export const EmployeeTransferred = defineEvent({
  context: HR_CONTEXT,
  type: 'EmployeeTransferred',
  description: 'An employee moved to another position (调动).',
  schema: z.object({
    employeeId: hrEmployeeId,
    fromDepartmentId: departmentId,
    fromPositionId: positionId,
    toDepartmentId: departmentId,
    toPositionId: positionId,
    effectiveDate: businessDate,
    extraHeadcountApprovalId: approvalId.optional().describe('Extra-seat approval used, when the new position was full'),
  }),
});

export const EmployeeLeft = defineEvent({
  context: HR_CONTEXT,
  type: 'EmployeeLeft',
  description: 'An employee left the store (离职); the seat is free again.',
  schema: z.object({
    employeeId: hrEmployeeId,
    departmentId,
    positionId,
    leftOn: businessDate.describe('Last working day'),
    reason: leavingReason,
    voluntary: z.boolean().describe('The employee chose to leave (for turnover analysis)'),
    note: optionalNote,
  }),
});

export const staffingEvents = [DepartmentDefined, PositionDefined, ExtraHeadcountApproved, EmployeeHired, EmployeeTransferred, EmployeeLeft] as const;
