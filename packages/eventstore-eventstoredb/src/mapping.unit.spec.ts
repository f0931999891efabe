import { ConcurrencyError, DuplicateCommandError, type NewEvent, uuidv7, ValidationError } from '@rooftop/eventsourcing';
import { describe, expect, it } from 'vitest';
import { commandRecordData, commandStreamOf, parseCommandRecord, provisionalResult, recordedCommand, resolvePositions } from './command-records.js';
import { EventStoreDbError, PositionCollisionError, PositionOutOfRangeError, toStoreError } from './errors.js';
import { assertIncreasing, copiedStore, CopiedRangeIndex, NATIVE_STORE, rooftopPosition, startOf } from './positions.js';
import { mapAppendError, revisionOfVersion, satisfies, streamStateOf, versionOfRevision, versionOfState } from './revisions.js';
import { envelopeOf, ROOFTOP_PROPERTY, toRecord, toRecordedEvent } from './stored-event.js';

const metadata = {
  storeId: 'sh-001',
  groupId: 'g',
  commandId: 'cmd-1',
  correlationId: 'c',
  causationId: 'cmd-1',
  actor: { kind: 'user', id: 'u', roles: ['sales'] },
  occurredAt: '2026-11-23T10:00:00+08:00',
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
} as const;
const event = (data: unknown = { n: 1, text: 'ü 车' }): NewEvent => ({ eventId: uuidv7(), type: 'LeadOpened', data, schemaVersion: 2, metadata });

describe('revisions ↔ versions', () => {
  it('maps version v to revision v - 1 and back', () => {
    expect(revisionOfVersion(1)).toBe(0n);
    expect(revisionOfVersion(42)).toBe(41n);
    expect(versionOfRevision(0n)).toBe(1);
    expect(versionOfRevision(41n)).toBe(42);
    expect(() => versionOfRevision(2_147_483_647n)).toThrow(EventStoreDbError);
  });

  it('turns expected versions into stream states: noStream and 0 are "no stream", n is revision n - 1', () => {
    expect(streamStateOf('any')).toBe('any');
    expect(streamStateOf('noStream')).toBe('no_stream');
    expect(streamStateOf(0)).toBe('no_stream');
    expect(streamStateOf(3)).toBe(2n);
    for (const bad of [-1, 1.5, Number.NaN, '3', null]) expect(() => streamStateOf(bad as never)).toThrow(ValidationError);
  });

  it('reads the actual state as a version and checks appends that write nothing', () => {
    expect(versionOfState('no_stream')).toBe(0);
    expect(versionOfState(4n)).toBe(5);
    expect([satisfies('any', 7), satisfies('noStream', 0), satisfies(0, 0), satisfies(2, 2)]).toEqual([true, true, true, true]);
    expect([satisfies('noStream', 1), satisfies(0, 3), satisfies(2, 3)]).toEqual([false, false, false]);
  });
});

describe('append errors', () => {
  const conflict = (streamName: string, actualState: 'no_stream' | bigint) =>
    Object.assign(new Error('wrong expected version'), { type: 'wrong-expected-version', streamName, actualState });

  it('a conflict on the event stream is a ConcurrencyError with the actual version', () => {
    const error = mapAppendError(conflict('sales-lead-1', 1n), 'sales-lead-1', 0);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ code: 'CONCURRENCY_CONFLICT', streamId: 'sales-lead-1', expected: '0', actual: 2 });
    expect(mapAppendError(conflict('sales-lead-1', 'no_stream'), 'sales-lead-1', 4)).toMatchObject({ actual: 0 });
  });

  it("a conflict on the command's record stream is a DuplicateCommandError", () => {
    const command = { commandId: 'cmd-9', stream: commandStreamOf('cmd-9') };
    const error = mapAppendError(conflict(command.stream, 0n), 'sales-lead-1', 2, command);
    expect(error).toBeInstanceOf(DuplicateCommandError);
    expect(error).toMatchObject({ code: 'DUPLICATE_COMMAND', commandId: 'cmd-9' });
  });

  it("turns the client's failures into typed UNAVAILABLE errors and leaves Rooftop errors alone", () => {
    const unavailable = Object.assign(new Error('14 UNAVAILABLE: connect ECONNREFUSED'), { type: 'unavailable' });
    expect(toStoreError(unavailable)).toMatchObject({ code: 'UNAVAILABLE', details: { reason: 'unavailable' }, cause: unavailable });
    const conflict = new ConcurrencyError('s', '1', 2);
    expect(toStoreError(conflict)).toBe(conflict);
    const plain = new Error('bug');
    expect(toStoreError(plain)).toBe(plain);
  });

  it('passes other errors through unchanged', () => {
    const other = Object.assign(new Error('unavailable'), { type: 'unavailable' });
    expect(mapAppendError(other, 's', 'any')).toBe(other);
    expect(mapAppendError(conflict('another-stream', 0n), 's', 'any')).toMatchObject({ streamName: 'another-stream' });
  });
});

describe('stored events: metadata and CloudEvent fields survive the round trip', () => {
  it('writes data as JSON and everything else in one string property, and reads it back unchanged', () => {
    const input = event();
    const record = toRecord(input, 0);
    expect(Object.values(record.metadata).every((v) => typeof v === 'string')).toBe(true);
    const incoming = {
      streamId: 'sales-lead-1',
      id: record.id.toUpperCase(),
      revision: 4n,
      type: record.type,
      data: record.data,
      metadata: JSON.parse(JSON.stringify(record.metadata)),
      created: new Date('2026-11-23T02:00:00Z'),
    };
    const envelope = envelopeOf(incoming);
    if (envelope === undefined || typeof envelope === 'string') throw new Error(`no envelope: ${String(envelope)}`);
    const recorded = toRecordedEvent(incoming, envelope, 5, 1234);
    expect(recorded).toEqual({ ...input, streamId: 'sales-lead-1', streamVersion: 5, globalPosition: 1234, recordedAt: new Date('2026-11-23T02:00:00Z') });
  });

  it('keeps the original position and recording time of a copied event', () => {
    const record = toRecord(event(), 0, { position: 987_654_321, recordedAt: new Date('2025-01-02T03:04:05.678Z') });
    const envelope = envelopeOf({ streamId: 's-a-1', metadata: record.metadata });
    expect(envelope).toMatchObject({ position: 987_654_321, recordedAt: '2025-01-02T03:04:05.678Z' });
  });

  it('tells foreign records (system, bookkeeping, other writers) from malformed Rooftop ones', () => {
    expect(envelopeOf({ streamId: '$stats-127.0.0.1:2113', metadata: {} })).toBeUndefined();
    expect(envelopeOf({ streamId: commandStreamOf('c'), metadata: { [ROOFTOP_PROPERTY]: '{}' } })).toBeUndefined();
    expect(envelopeOf({ streamId: 'orders-1', metadata: { $correlationId: 'x' } })).toBeUndefined();
    expect(envelopeOf({ streamId: 'sales-lead-1', metadata: { [ROOFTOP_PROPERTY]: 'not json' } })).toBe('its rooftop property is not JSON');
    expect(envelopeOf({ streamId: 'sales-lead-1', metadata: { [ROOFTOP_PROPERTY]: '{"v":1,"schemaVersion":0,"metadata":{}}' } })).toBe(
      'schemaVersion is not a positive integer',
    );
  });

  it('refuses what EventStoreDB or JSON cannot hold before anything is sent', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => toRecord({ ...event(), eventId: 'nope' }, 0)).toThrow(ValidationError);
    expect(() => toRecord({ ...event(), type: '$metadata' }, 0)).toThrow(ValidationError);
    expect(() => toRecord({ ...event(), schemaVersion: 0 }, 0)).toThrow(ValidationError);
    expect(() => toRecord(event(cyclic), 3)).toThrow(/events\[3\]\.data/);
    expect(() => toRecord({ ...event(), data: undefined }, 0)).toThrow(ValidationError);
  });
});

describe('positions', () => {
  it('a native store numbers events by their $all commit position', () => {
    expect(rooftopPosition(NATIVE_STORE, 1_234n)).toBe(1_234);
    expect(startOf(NATIVE_STORE, 0)).toBe('start');
    expect(startOf(NATIVE_STORE, 1_234)).toEqual({ commit: 1_234n, prepare: 1_234n });
    expect(() => rooftopPosition(NATIVE_STORE, 2n ** 53n)).toThrow(PositionOutOfRangeError);
  });

  it('a copied store keeps copied positions, and numbers later events above the last copied one', () => {
    // PostgreSQL positions are transaction ids shifted by 16 bits; the copy's commit positions are byte offsets.
    const lastKept = 900_000 * 65_536 + 2;
    const store = copiedStore(lastKept, 52_000n);
    expect(rooftopPosition(store, 52_000n)).toBe(lastKept);
    expect(rooftopPosition(store, 10_000n, 123 << 16)).toBe(123 << 16);
    const next = rooftopPosition(store, 52_310n);
    expect(next).toBeGreaterThan(lastKept);
    expect(startOf(store, next)).toEqual({ commit: 52_310n, prepare: 52_310n });
    expect(startOf(store, lastKept)).toEqual({ commit: 52_000n, prepare: 52_000n });
  });

  it('starts a read inside the copied range at the nearest sample at or before it', () => {
    const index = new CopiedRangeIndex(2);
    const at = (n: number) => ({ commit: BigInt(n * 100), prepare: BigInt(n * 100) });
    [10, 20, 30, 40, 50].forEach((position, i) => index.add(position << 16, at(i + 1)));
    expect(index.size).toBe(3);
    const store = copiedStore(50 << 16, 500n);
    expect(startOf(store, 5 << 16, index)).toBe('start');
    expect(startOf(store, 25 << 16, index)).toEqual(at(1));
    expect(startOf(store, 30 << 16, index)).toEqual(at(3));
    expect(startOf(store, 49 << 16, index)).toEqual(at(3));
    expect(() => index.add(45 << 16, at(6))).toThrow(PositionCollisionError);
  });

  it('refuses positions that do not increase in log order', () => {
    expect(() => assertIncreasing(10, 10, 10n)).toThrow(PositionCollisionError);
    expect(() => assertIncreasing(10, 11, 11n)).not.toThrow();
  });
});

describe('command records', () => {
  it('stores the result with positions 0 and resolves them by event id on read', () => {
    const events = [event(), event()];
    const result = provisionalResult(
      (recorded) => ({
        commandId: 'cmd-1',
        streamId: 's-a-1',
        streamVersion: 2,
        events: recorded.map((e) => ({ eventId: e.eventId, type: e.type, globalPosition: e.globalPosition })),
      }),
      's-a-1',
      events,
      1,
    );
    expect(result.events.map((e) => e.globalPosition)).toEqual([0, 0]);
    const stored = parseCommandRecord('cmd-1', JSON.parse(JSON.stringify({ v: 1, streamId: 's-a-1', count: 2, result })));
    const resolved = resolvePositions(
      'cmd-1',
      stored.result,
      new Map([
        [events[0]!.eventId, 700],
        [events[1]!.eventId, 800],
      ]),
    );
    expect(resolved.events.map((e) => e.globalPosition)).toEqual([700, 800]);
    expect(() => resolvePositions('cmd-1', stored.result, new Map())).toThrow(EventStoreDbError);
    expect(() => parseCommandRecord('cmd-1', { v: 2 })).toThrow(EventStoreDbError);
  });

  it("keeps the command key (ADR 0021), and reads a record from before keys as its stream's context with any type and data", () => {
    const result = { commandId: 'cmd-2', streamId: 'sales-lead-1', streamVersion: 1, events: [] };
    const keyed = parseCommandRecord(
      'cmd-2',
      JSON.parse(JSON.stringify(commandRecordData('sales-lead-1', 0, { context: 'sales', type: 'CaptureLead', dataHash: 'h1' }, result))),
    );
    expect(recordedCommand('cmd-2', keyed, keyed.result)).toEqual({ commandId: 'cmd-2', context: 'sales', type: 'CaptureLead', dataHash: 'h1', result });
    const old = parseCommandRecord('cmd-2', { v: 1, streamId: 'sales-lead-1', count: 0, result });
    expect(recordedCommand('cmd-2', old, old.result)).toEqual({ commandId: 'cmd-2', context: 'sales', type: null, dataHash: null, result });
    expect(() => parseCommandRecord('cmd-2', { v: 1, streamId: 'sales-lead-1', count: 0, context: 7, result })).toThrow(EventStoreDbError);
  });
});
