import { z } from 'zod';
import { defineCommand, defineEvent } from '../define.js';
import { businessDate } from '../common.js';
import { HR_CONTEXT, attendee, hrRoles as r, trainingHours, trainingSessionId, trainingType } from './values.js';

// Training sessions (hr-training-<session>): who attended, for how long, and the assessment.

const sessionFields = {
  sessionId: trainingSessionId,
  trainingType,
  title: z.string().min(1).max(200).describe('Course title'),
  heldOn: businessDate,
  hours: trainingHours,
  attendees: z.array(attendee).min(1).max(500).describe('Employees who attended (each once)'),
};

export const TrainingSessionRecorded = defineEvent({
  context: HR_CONTEXT,
  type: 'TrainingSessionRecorded',
  description: 'A training session was held: type, hours, attendees and their assessment.',
  schema: z.object(sessionFields),
});

export const RecordTrainingSession = defineCommand({
  context: HR_CONTEXT,
  type: 'RecordTrainingSession',
  description: 'Record a training session that was held, with its attendees and their assessment.',
  roles: [r.hrManager, r.departmentManager, r.salesManager, r.serviceManager, r.admin],
  internal: false,
  schema: z.strictObject(sessionFields),
});

export const trainingEvents = [TrainingSessionRecorded] as const;
export const trainingCommands = [RecordTrainingSession] as const;
