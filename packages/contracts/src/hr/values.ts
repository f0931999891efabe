import { z } from 'zod';
import { employeeId, entityId, money, note, personName } from '../common.js';

// Value schemas shared by HR events and commands (docs/domain/hr.md).

export const HR_CONTEXT = 'hr';

/** Roles that send HR commands (docs/domain/README.md "Parties"); `system` is the service's own timers. */
export const hrRoles = {
  hrManager: 'hr_manager',
  departmentManager: 'department_manager',
  salesManager: 'sales_manager',
  serviceManager: 'service_manager',
  generalManager: 'general_manager',
  admin: 'admin',
  system: 'system',
} as const;

export const departmentId = entityId.describe('Department id (e.g. sales, service, parts)');
export const positionId = entityId.describe("Position id within the store's staffing plan (定编), e.g. sales-consultant");
export const hrEmployeeId = employeeId.describe('Employee id (the same id sales, workshop and insurance credit work to)');
export const approvalId = entityId.describe("Id of the general manager's approval of one extra seat");
export const trainingSessionId = entityId.describe('Training session id');

export const employeeName = personName.describe("Employee's name (personal data)");

/** Pay grades L1–L5 (2013 scheme: 岗位工资分成五级). */
export const payGrade = z.enum(['L1', 'L2', 'L3', 'L4', 'L5']).describe('Pay grade L1–L5 (岗位工资等级)');

export const headcount = z.int().min(0).max(10_000).describe('Number of seats');

export const leavingReason = z.enum(['resigned', 'dismissed', 'contract_ended', 'probation_failed', 'retired', 'other']).describe('Why the employee left');

export const trainingType = z
  .enum(['onboarding', 'product', 'sales_skills', 'service_process', 'technical', 'management', 'oem_certification', 'other'])
  .describe('Kind of training: onboarding (新员工入职培训), product, sales skills, service process, technical, management, OEM certification');

export const assessment = z.enum(['passed', 'failed', 'not_assessed']).describe('Result of the assessment after the session');

export const attendee = z.object({ employeeId: hrEmployeeId, assessment: assessment.default('not_assessed') }).describe('One employee who attended a session');

export const appraisalScore = z.int().min(0).max(100).describe('Monthly appraisal score 0–100 (月度绩效考核得分)');

export const trainingHours = z.number().positive().max(200).multipleOf(0.5).describe('Hours of the session, in half hours');

export const baseSalary = money.describe('Monthly base pay (岗位工资)');

export const optionalNote = note.optional();
