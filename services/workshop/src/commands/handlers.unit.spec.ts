import { handleInProcess, workshop as w } from '@rooftop/contracts';
import { type Actor, DomainError, InMemoryEventStore, type RecordedEvent, ValidationError } from '@rooftop/eventsourcing';
import { describe, expect, it } from 'vitest';
import { advisor, cny, dispatcher, openData, settings, STORE, VIN } from '../../test/builders.js';
import { driveToInvoice, registerTechnicians, type Send } from '../../test/flow.js';
import { workshopHandlers } from './handlers.js';
import { streams } from './streams.js';
import { scheduledCommandsOf, timerSender } from '@rooftop/service-host';
import { workshopTimers } from '../domain/timers.js';

// The handler map on the kernel's in-memory store: cross-stream checks, validation and timer ids (no I/O).

const setup = () => {
  const store = new InMemoryEventStore();
  const handlers = workshopHandlers({ store, groupId: 'g1', settings });
  let n = 0;
  const send: Send = (type, data, actor: Actor, now) =>
    handleInProcess('workshop', handlers, { commandId: `u-${++n}`, type, storeId: STORE, actor, data, metadata: { now, correlationId: `c-${n}` } });
  return { store, handlers, send };
};
const now = '2026-03-02T10:00:00+08:00';

describe('workshop handlers', () => {
  it('serve every workshop command contract', () => {
    const { handlers } = setup();
    expect(Object.keys(handlers).sort()).toEqual(w.workshopCommands.map((c) => c.type).sort());
  });

  it('read the roster for a dispatch and the original for a comeback', async () => {
    const { store, send } = setup();
    await send('OpenRepairOrder', { ...openData, repairOrderId: 'ro-x' }, advisor, now);
    await send('AgreeEstimate', { repairOrderId: 'ro-x', estimate: { labour: cny(1), parts: cny(1) } }, advisor, now);
    await expect(send('DispatchJob', { repairOrderId: 'ro-x', technicianIds: ['tech-1'] }, dispatcher, now)).rejects.toMatchObject({
      reason: 'UNKNOWN_TECHNICIAN',
    });
    await registerTechnicians(send, now);
    await send('DispatchJob', { repairOrderId: 'ro-x', technicianIds: ['tech-1'] }, dispatcher, now);
    expect((await store.readStream(streams.repairOrder('ro-x'))).streamVersion).toBe(3);

    const comeback = { ...openData, repairOrderId: 'ro-cb', comebackOf: 'ro-1' };
    await expect(send('OpenRepairOrder', comeback, advisor, now)).rejects.toMatchObject({ reason: 'COMEBACK_ORIGINAL_NOT_FOUND' });
    await driveToInvoice(send, 'ro-1', now);
    await expect(send('OpenRepairOrder', comeback, advisor, now)).rejects.toMatchObject({ reason: 'COMEBACK_ORIGINAL_NOT_RELEASED' });
    await send('ReleaseVehicle', { repairOrderId: 'ro-1' }, advisor, now);
    await send('OpenRepairOrder', comeback, advisor, now);
    await expect(send('OpenRepairOrder', { ...openData, repairOrderId: 'ro-ap', appointmentId: 'ap-404' }, advisor, now)).rejects.toMatchObject({
      reason: 'APPOINTMENT_NOT_FOUND',
    });
  });

  it('validate data of in-process callers against the contract', async () => {
    const { send } = setup();
    const error = await send('OpenRepairOrder', { ...openData, mileageKm: -5 }, advisor, now).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['mileageKm']);
  });
});

describe('timer plumbing', () => {
  const released = {
    eventId: 'evt-1',
    type: 'VehicleReleased',
    schemaVersion: 1,
    streamId: streams.repairOrder('ro-1'),
    streamVersion: 9,
    globalPosition: 9,
    recordedAt: new Date(),
    data: {
      repairOrderId: 'ro-1',
      brand: '长安',
      roType: 'repair',
      serviceAdvisorId: 'sa-1',
      vin: VIN,
      model: 'CS75',
      customerId: 'c',
      mileageKm: 1,
      releasedOn: '2026-03-02',
      releasedBy: 'sa-1',
    },
    metadata: { storeId: STORE, groupId: 'g1', correlationId: 'corr-1', actor: advisor, occurredAt: now },
  } as RecordedEvent;

  it('turns timers into scheduled commands whose schedule id is the command id, due at their own now', () => {
    const [open] = scheduledCommandsOf('workshop', workshopTimers(settings))([released]);
    expect(open).toEqual({
      scheduleId: `workshop:${STORE}:followup-open:ro-1`,
      dueAt: new Date(now),
      command: {
        commandId: `workshop:${STORE}:followup-open:ro-1`,
        type: 'OpenFollowUp',
        storeId: STORE,
        actor: { kind: 'system', id: 'workshop-timers', roles: ['system'] },
        data: expect.objectContaining({ repairOrderId: 'ro-1', releasedAt: now }),
        metadata: { now: new Date(now).toISOString(), correlationId: 'corr-1', causationId: 'evt-1' },
      },
    });
  });

  it('counts a rule refusal as delivered and rethrows anything else', async () => {
    const warnings: unknown[] = [];
    const refusing = { CheckFollowUpDue: () => Promise.reject(new DomainError('X', 'no')) };
    const command = { commandId: 'k', type: 'CheckFollowUpDue', storeId: STORE, actor: advisor, data: {}, metadata: { now, correlationId: 'k' } };
    await timerSender('workshop', refusing, { warn: (d) => warnings.push(d) })(command);
    expect(warnings).toEqual([{ commandId: 'k', type: 'CheckFollowUpDue', reason: 'X' }]);
    const failing = { CheckFollowUpDue: () => Promise.reject(new Error('db down')) };
    await expect(timerSender('workshop', failing, { warn: () => undefined })(command)).rejects.toThrow('db down');
    await expect(timerSender('workshop', failing, { warn: () => undefined })({ ...command, type: 'Nope' })).rejects.toMatchObject({ code: 'UNKNOWN_COMMAND' });
  });
});
