import { deciderSpec } from '@rooftop/testkit';
import { describe, it } from 'vitest';
import { command } from '../../../test/builders.js';
import { trainingDecider, type TrainingEvent } from './training.decider.js';

const spec = deciderSpec(trainingDecider);
const session = {
  sessionId: 's-1',
  trainingType: 'product' as const,
  title: '新车型产品知识',
  heldOn: '2025-03-12',
  hours: 3.5,
  attendees: [
    { employeeId: 'emp-1', assessment: 'passed' as const },
    { employeeId: 'emp-2', assessment: 'failed' as const },
  ],
};
const recorded: TrainingEvent = { type: 'TrainingSessionRecorded', data: session };

describe('training session decider', () => {
  it('records a session once and the same record again changes nothing', () => {
    spec.given([]).when(command('RecordTrainingSession', session)).thenEvents([recorded]);
    spec.given([recorded]).when(command('RecordTrainingSession', session)).thenEvents([]);
    // Stored data comes back from jsonb with its keys sorted; it is still the same session.
    const { title, ...rest } = session;
    spec
      .given([{ type: 'TrainingSessionRecorded', data: { ...rest, title } }])
      .when(command('RecordTrainingSession', session))
      .thenEvents([]);
  });

  it('refuses a different record of the same session and an attendee listed twice', () => {
    spec
      .given([recorded])
      .when(command('RecordTrainingSession', { ...session, hours: 4 }))
      .thenError('SESSION_ALREADY_RECORDED');
    spec
      .given([])
      .when(command('RecordTrainingSession', { ...session, attendees: [...session.attendees, { employeeId: 'emp-1', assessment: 'passed' as const }] }))
      .thenError('ATTENDEE_LISTED_TWICE');
  });
});
