import { handleInProcess } from '@rooftop/contracts';
import { type Actor, type Command } from '@rooftop/eventsourcing';
import { migrateEventStore, migrateScheduler, PostgresCommandScheduler, PostgresEventStore, ScheduledCommandDispatcher } from '@rooftop/eventstore-postgres';
import { scheduledCommandsOf, timerSender } from '@rooftop/service-host';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workshopHandlers, type WorkshopHandlers } from '../src/commands/handlers.js';
import { SchedulingEventStore } from '../src/commands/scheduling-event-store.js';
import { streams } from '../src/commands/streams.js';
import { workshopTimers } from '../src/domain/timers.js';
import { advisor, settings, STORE, VIN } from './builders.js';
import { driveToInvoice, registerTechnicians, type Send } from './flow.js';

// Durable follow-up timers on real PostgreSQL: scheduled in the release's transaction, fired by the kernel's
// dispatcher through the same handlers, exactly once across dispatcher restarts and a redelivery.

const SCHEMA = 'workshop_scheduler';
const quiet = { warn: () => undefined, error: () => undefined };
let db: TestDatabase;
let store: SchedulingEventStore;
let events: PostgresEventStore;
let handlers: WorkshopHandlers;
let counter = 0;

const send: Send = async (type, data, actor: Actor, now) => {
  const command: Command = { commandId: `t-${++counter}`, type, storeId: STORE, actor, data, metadata: { now, correlationId: `c-${counter}` } };
  return handleInProcess('workshop', handlers, command);
};

const dispatcherAt = (iso: string) =>
  new ScheduledCommandDispatcher({
    pool: db.pool,
    schema: SCHEMA,
    send: timerSender('workshop', handlers, quiet),
    clock: () => new Date(iso),
    listen: false,
    logger: quiet,
  });

const types = async (streamId: string) => (await events.readStream(streamId)).events.map((e) => e.type);

beforeAll(async () => {
  db = await createTestDatabase('workshop_timers');
  await migrateEventStore(db.pool);
  await migrateScheduler(db.pool, SCHEMA);
  events = new PostgresEventStore({ pool: db.pool });
  const scheduler = new PostgresCommandScheduler({ pool: db.pool, schema: SCHEMA, clock: () => new Date('2026-03-02T00:00:00Z') });
  store = new SchedulingEventStore({ events, pool: db.pool, scheduler, timersOf: scheduledCommandsOf('workshop', workshopTimers(settings)) });
  handlers = workshopHandlers({ store, groupId: 'g1', settings });
});

afterAll(async () => {
  events.close();
  await db.drop();
});

describe('follow-up timers', () => {
  it('schedules with the release, fires once across dispatcher restarts and a redelivery', async () => {
    await registerTechnicians(send, '2026-03-02T09:00:00+08:00');
    await driveToInvoice(send, 'ro-t1', '2026-03-02T09:00:00+08:00');
    // Released late on Thursday evening Shanghai time: the first call is due Tuesday (weekend skipped).
    await send('ReleaseVehicle', { repairOrderId: 'ro-t1' }, advisor, '2026-03-05T15:30:00Z');
    const pending = await db.pool.query<{ schedule_id: string }>(`SELECT schedule_id FROM ${SCHEMA}.scheduled_commands ORDER BY schedule_id`);
    expect(pending.rows.map((r) => r.schedule_id)).toEqual([`workshop:${STORE}:followup-open:ro-t1`, `workshop:${STORE}:service-visit:ro-t1`]);

    // Dispatcher 1, just after release: opens the follow-up and files the visit, which schedule their own timers.
    const first = dispatcherAt('2026-03-05T15:31:00Z');
    expect((await first.runOnce()).sent).toBe(2);
    await first.stop();
    const followUp = (await events.readStream(streams.followUp('ro-t1'))).events;
    expect(followUp.map((e) => [e.type, e.data])).toEqual([
      ['FollowUpOpened', expect.objectContaining({ releasedOn: '2026-03-05', firstCallDueOn: '2026-03-10' })],
    ]);
    expect(await types(streams.vehicle(VIN))).toEqual(['VehicleRegistered', 'ServiceVisitRecorded']);

    // Dispatcher 2, Monday: nothing is due yet.
    const monday = dispatcherAt('2026-03-09T12:00:00Z');
    expect((await monday.runOnce()).sent).toBe(0);
    await monday.stop();

    // Dispatcher 3 after a "restart", Wednesday in Shanghai: the due check and the deadline check both fire.
    const wednesday = dispatcherAt('2026-03-11T01:00:00Z');
    expect((await wednesday.runOnce()).sent).toBe(2);
    await wednesday.stop();
    expect(await types(streams.followUp('ro-t1'))).toEqual(['FollowUpOpened', 'FollowUpDue', 'FollowUpOverdue']);

    // A crash between the send and the "sent" mark redelivers: put the rows back to pending and run again.
    await db.pool.query(`UPDATE ${SCHEMA}.scheduled_commands SET status = 'pending', sent_at = NULL WHERE schedule_id LIKE '%followup-%'`);
    const again = dispatcherAt('2026-03-11T02:00:00Z');
    expect((await again.runOnce()).sent).toBe(3);
    await again.stop();
    expect(await types(streams.followUp('ro-t1'))).toEqual(['FollowUpOpened', 'FollowUpDue', 'FollowUpOverdue']);
  });

  it('schedules nothing when the command is refused', async () => {
    const before = await db.pool.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.scheduled_commands`);
    await expect(send('ReleaseVehicle', { repairOrderId: 'ro-t1' }, advisor, '2026-03-12T10:00:00+08:00')).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
    });
    await expect(send('ReleaseVehicle', { repairOrderId: 'ro-none' }, advisor, '2026-03-12T10:00:00+08:00')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const after = await db.pool.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.scheduled_commands`);
    expect(after.rows[0]).toEqual(before.rows[0]);
  });
});
