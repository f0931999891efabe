import { uuidv7, ValidationError } from '@rooftop/eventsourcing';
import { freePort } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEventStoreDb } from './connect.js';
import { EventStoreDbError } from './errors.js';
import { type EventStoreDbEventStore } from './eventstoredb-event-store.js';

// What the adapter does without a server: a port on this machine where nothing listens.
describe('EventStoreDbEventStore without a server', () => {
  let store: EventStoreDbEventStore;
  const metadata = { storeId: 's', groupId: 'g', correlationId: 'c', actor: { kind: 'system', id: 't' }, occurredAt: '2026-11-23T10:00:00+08:00' } as const;

  beforeAll(async () => {
    store = connectEventStoreDb(`kurrentdb://127.0.0.1:${await freePort()}?tls=false`);
  });
  afterAll(async () => store?.close());

  it('refuses bad input with ValidationError before anything is sent', async () => {
    const good = { eventId: uuidv7(), type: 'Noted', data: {}, schemaVersion: 1, metadata };
    await expect(store.appendToStream('_rooftop-command-x', [good], { expectedVersion: 'any' })).rejects.toBeInstanceOf(ValidationError);
    await expect(store.appendToStream('$settings', [good], { expectedVersion: 'any' })).rejects.toBeInstanceOf(ValidationError);
    await expect(store.appendToStream('sales-lead-1', [{ ...good, eventId: 'x' }], { expectedVersion: 'any' })).rejects.toBeInstanceOf(ValidationError);
    await expect(store.appendToStream('sales-lead-1', [good], { expectedVersion: -1 })).rejects.toBeInstanceOf(ValidationError);
    await expect(store.readAll({ after: -1, maxCount: 10 })).rejects.toBeInstanceOf(ValidationError);
    await expect(store.readAll({ after: 0, maxCount: 0 })).rejects.toBeInstanceOf(ValidationError);
    await expect(store.findCommand('')).rejects.toBeInstanceOf(ValidationError);
    expect(() => connectEventStoreDb('http://127.0.0.1:2113')).toThrow(ValidationError);
  });

  it('turns an unreachable server into EventStoreDbError (UNAVAILABLE) on every call', async () => {
    for (const call of [
      () => store.headPosition(),
      () => store.readStream('sales-lead-1'),
      () => store.readAll({ after: 0, maxCount: 10 }),
      () => store.findCommand('cmd-1'),
    ]) {
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(EventStoreDbError);
      expect(error).toMatchObject({ code: 'UNAVAILABLE', details: { reason: 'unavailable' } });
    }
  });
});
