import { describe, expect, it } from 'vitest';
import { canonicalJson, eventHash, LogDigest, type LogEvent } from './hash.js';

const event = (globalPosition: number, previousPosition: number, data: unknown = { n: globalPosition }): LogEvent => ({
  eventId: `0190f0f0-0000-7000-8000-${String(globalPosition).padStart(12, '0')}`,
  streamId: 'sales-lead-1',
  streamVersion: 1,
  globalPosition,
  previousPosition,
  type: 'LeadOpened',
  schemaVersion: 1,
  data,
  metadata: { storeId: 's', groupId: 'g' },
  recordedAt: '2026-11-23T02:00:00.123Z',
});

describe('log hashing', () => {
  it('hashes values, not key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
    expect(eventHash(event(10, 0, { a: 1, b: 2 }))).toBe(eventHash({ ...event(10, 0), data: { b: 2, a: 1 } }));
    expect(eventHash(event(10, 0, { a: 1 }))).not.toBe(eventHash(event(10, 0, { a: 2 })));
  });

  it('chains the events: a changed, dropped or reordered event changes the digest', () => {
    const digestOf = (events: LogEvent[]) => {
      const digest = new LogDigest();
      events.forEach((e) => digest.addEvent(e));
      return digest.summary();
    };
    const base = digestOf([event(10, 0), event(20, 10), event(30, 20)]);
    expect(base.events).toBe(3);
    expect(digestOf([event(10, 0), event(20, 10), event(30, 20)])).toEqual(base);
    expect(digestOf([event(10, 0), event(20, 10, { n: 'x' }), event(30, 20)]).eventsDigest).not.toBe(base.eventsDigest);
    expect(digestOf([event(10, 0), event(20, 10)]).eventsDigest).not.toBe(base.eventsDigest);
  });

  it('refuses an event whose predecessor is not the previous event (a broken previousposition chain)', () => {
    const digest = new LogDigest();
    digest.addEvent(event(10, 0));
    expect(() => digest.addEvent(event(30, 20))).toThrow(/names 20 as its predecessor/);
    expect(() => digest.addEvent(event(5, 10))).toThrow(/predecessor/);
  });

  it('digests command results independently of their order', () => {
    const a = {
      commandId: 'a',
      streamId: 's',
      context: 's',
      type: 'T',
      dataHash: 'h',
      result: { commandId: 'a', streamId: 's', streamVersion: 1, events: [] },
    };
    const b = {
      commandId: 'b',
      streamId: 's',
      context: 's',
      type: null,
      dataHash: null,
      result: { commandId: 'b', streamId: 's', streamVersion: 2, events: [] },
    };
    const one = new LogDigest();
    const two = new LogDigest();
    [a, b].forEach((c) => one.addCommand(c));
    [b, a].forEach((c) => two.addCommand(c));
    expect(one.summary()).toEqual(two.summary());
    expect(one.summary().commands).toBe(2);
  });
});
