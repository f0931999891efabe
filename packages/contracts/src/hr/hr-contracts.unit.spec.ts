import { ValidationError } from '@rooftop/eventsourcing';
import { describe, expect, it } from 'vitest';
import { parseWith } from '../define.js';
import { platformRegistry } from '../platform.js';
import {
  ApproveExtraHeadcount,
  CheckOnboardingTraining,
  HireEmployee,
  hrCommands,
  hrContracts,
  hrEvents,
  RecordTrainingSession,
  ScoreAppraisal,
} from './index.js';

const paths = (schema: Parameters<typeof parseWith>[0], data: unknown): string[] => {
  try {
    parseWith(schema, data, 'test');
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues.map((i) => i.path);
  }
  throw new Error('expected a ValidationError');
};

const hire = {
  employeeId: 'emp-1',
  name: '王芳',
  positionId: 'sales-consultant',
  grade: 'L1',
  hireDate: '2025-03-03',
  baseSalary: { amount: 100_000, currency: 'CNY' },
};

describe('hr contracts', () => {
  it('are registered in the platform registry, all in the hr context', () => {
    expect(hrContracts.context).toBe('hr');
    for (const e of hrEvents) expect(platformRegistry.event(e.type)).toBe(e);
    for (const c of hrCommands) expect(platformRegistry.command('hr', c.name)).toBe(c);
  });

  it('leave extra headcount to the general manager and the onboarding check to the timer', () => {
    expect(ApproveExtraHeadcount.roles).toEqual(['general_manager']);
    expect(CheckOnboardingTraining.roles).toContain('system');
    for (const c of hrCommands.filter((c) => c !== ApproveExtraHeadcount)) expect(c.roles, c.type).toContain('admin');
  });

  it('default probation to three months and refuse grades, scores and hours out of range', () => {
    expect(parseWith(HireEmployee.schema, hire, 'test').probationMonths).toBe(3);
    expect(paths(HireEmployee.schema, { ...hire, grade: 'L6' })).toEqual(['grade']);
    expect(paths(HireEmployee.schema, { ...hire, probationMonths: 7 })).toEqual(['probationMonths']);
    expect(paths(ScoreAppraisal.schema, { employeeId: 'emp-1', month: '2025-03', score: 101 })).toEqual(['score']);
    const session = { sessionId: 's-1', trainingType: 'product', title: '新车型', heldOn: '2025-03-05', hours: 2.5, attendees: [{ employeeId: 'emp-1' }] };
    expect(parseWith(RecordTrainingSession.schema, session, 'test').attendees).toEqual([{ employeeId: 'emp-1', assessment: 'not_assessed' }]);
    expect(paths(RecordTrainingSession.schema, { ...session, hours: 0.3 })).toEqual(['hours']);
    expect(paths(RecordTrainingSession.schema, { ...session, attendees: [] })).toEqual(['attendees']);
  });
});
