import { describe, expect, it } from 'vitest';
import { counterDecider, increment, type CounterCommand } from '../test/counter.js';
import { commandHandler } from './command-handler.js';
import { ConcurrencyError, DomainError } from './errors.js';
import { dataHash } from './fingerprint.js';
import { type EventStore } from './event-store.js';
import { InMemoryEventStore } from './in-memory-event-store.js';

const streamOf = (command: CounterCommand) => `kernel-counter-${command.data.counterId}`;

const setup = (store: EventStore = new InMemoryEventStore()) => {
  let n = 0;
  const handle = commandHandler(counterDecider, {
    store,
    context: 'kernel',
    groupId: 'group-1',
    streamOf,
    ids: { next: () => `00000000-0000-7000-8000-${String(++n).padStart(12, '0')}` },
    schemaVersionOf: () => 2,
  });
  return { store, handle };
};

describe('commandHandler', () => {
  it('loads, decides and appends with metadata taken from the command', async () => {
    const { store, handle } = setup();
    const result = await handle(increment('cmd-1', 5));
    expect(result).toEqual({
      commandId: 'cmd-1',
      streamId: 'kernel-counter-c1',
      streamVersion: 1,
      events: [{ eventId: '00000000-0000-7000-8000-000000000001', type: 'Incremented', globalPosition: 1 }],
    });
    const { events } = await store.readStream('kernel-counter-c1');
    expect(events[0]).toMatchObject({
      schemaVersion: 2,
      metadata: {
        storeId: 'store-1',
        groupId: 'group-1',
        commandId: 'cmd-1',
        correlationId: 'corr-cmd-1',
        causationId: 'cmd-1',
        occurredAt: '2026-11-23T10:00:00+08:00',
        actor: { kind: 'user', id: 'u1' },
      },
    });
  });

  it('is idempotent by commandId: a repeat returns the first result and appends nothing', async () => {
    const { store, handle } = setup();
    const first = await handle(increment('cmd-1', 5));
    const again = await handle(increment('cmd-1', 5));
    expect(again).toEqual(first);
    expect((await store.readStream('kernel-counter-c1')).events).toHaveLength(1);
  });

  it('refuses a command id reused with other data or for another command, and appends nothing', async () => {
    const { store, handle } = setup();
    const first = await handle(increment('cmd-1', 5));
    await expect(handle(increment('cmd-1', 6))).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', details: { reason: 'OTHER_DATA' } });
    const otherType = { ...increment('cmd-1', 5), type: 'Bump' } as unknown as CounterCommand;
    await expect(handle(otherType)).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', details: { reason: 'OTHER_COMMAND' } });
    const otherContext = commandHandler(counterDecider, { store, context: 'other', groupId: 'group-1', streamOf });
    await expect(otherContext(increment('cmd-1', 5))).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', details: { reason: 'OTHER_COMMAND' } });
    expect(await store.findCommand('cmd-1')).toEqual({
      commandId: 'cmd-1',
      context: 'kernel',
      type: 'Increment',
      dataHash: dataHash({ by: 5, counterId: 'c1' }),
      result: first,
    });
    expect((await store.readStream('kernel-counter-c1')).events).toHaveLength(1);
  });

  it('matches a command recorded before keys by its context only (event store schema version 1)', async () => {
    const store = new InMemoryEventStore();
    const legacy = {
      commandId: 'cmd-1',
      context: 'kernel',
      type: null,
      dataHash: null,
      result: { commandId: 'cmd-1', streamId: 'kernel-counter-c1', streamVersion: 1, events: [] },
    };
    const { handle } = setup(Object.assign(Object.create(store) as EventStore, { findCommand: async () => legacy }));
    expect(await handle(increment('cmd-1', 7))).toEqual(legacy.result);
  });

  it('returns a rule violation as a typed DomainError and appends nothing', async () => {
    const { store, handle } = setup();
    await handle(increment('cmd-1', 90));
    const error = await handle(increment('cmd-2', 20)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'RULE_VIOLATION', reason: 'CEILING_REACHED' });
    expect((await store.readStream('kernel-counter-c1')).streamVersion).toBe(1);
    expect(await store.findCommand('cmd-2')).toBeUndefined();
  });

  it('retries on a concurrency conflict with a fresh load and decides on the new state', async () => {
    const inner = new InMemoryEventStore();
    let conflictsLeft = 2;
    // A competing writer slips in before each of the first two appends.
    const racing: EventStore = Object.assign(Object.create(inner) as EventStore, {
      appendToStream: async (...args: Parameters<EventStore['appendToStream']>) => {
        if (conflictsLeft-- > 0) {
          await inner.appendToStream(
            args[0],
            [
              {
                eventId: `rival-${conflictsLeft}`,
                type: 'Incremented',
                data: { by: 1 },
                schemaVersion: 1,
                metadata: {
                  storeId: 'store-1',
                  groupId: 'group-1',
                  correlationId: 'x',
                  actor: { kind: 'system', id: 'rival' },
                  occurredAt: '2026-11-23T10:00:00+08:00',
                },
              },
            ],
            { expectedVersion: 'any' },
          );
        }
        return inner.appendToStream(...args);
      },
    });
    const { handle } = setup(racing);
    const result = await handle(increment('cmd-1', 5));
    expect(result.streamVersion).toBe(3);
    const { events } = await inner.readStream('kernel-counter-c1');
    expect(events.map((e) => e.data)).toEqual([{ by: 1 }, { by: 1 }, { by: 5 }]);
  });

  it('gives up after the bounded number of retries with a typed ConcurrencyError', async () => {
    const inner = new InMemoryEventStore();
    const alwaysConflicting: EventStore = Object.assign(Object.create(inner) as EventStore, {
      appendToStream: async () => {
        throw new ConcurrencyError('kernel-counter-c1', '0', 1);
      },
    });
    const handle = commandHandler(counterDecider, { store: alwaysConflicting, context: 'kernel', groupId: 'g', streamOf, maxRetries: 3 });
    const error = await handle(increment('cmd-1', 5)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ code: 'CONCURRENCY_CONFLICT' });
  });

  it('records a decision with no events so that a repeat is still a no-op', async () => {
    const store = new InMemoryEventStore();
    const handle = commandHandler({ ...counterDecider, decide: () => [] }, { store, context: 'kernel', groupId: 'g', streamOf });
    const first = await handle(increment('cmd-1', 5));
    expect(first).toMatchObject({ streamVersion: 0, events: [] });
    expect((await store.findCommand('cmd-1'))?.result).toEqual(first);
  });
});
