import { JetStreamApiError, jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { storeStreamName } from '@rooftop/contracts';
import { natsUrl, uniqueStreamSuffix } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEAD_LETTER_STREAM, ensureDeadLetterStream, ensureStoreStream, StreamConfigConflictError } from './provision.js';

describe('ensureStoreStream', () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const suffix = uniqueStreamSuffix();
  const groupId = `g${suffix}`;
  const created: string[] = [];

  beforeAll(async () => {
    nc = await connect({ servers: natsUrl() });
    jsm = await jetstreamManager(nc);
  });
  afterAll(async () => {
    for (const name of created) await jsm.streams.delete(name).catch(() => false);
    await nc.close();
  });

  it('creates the store stream once, then reports it unchanged, and updates limits in place', async () => {
    const storeId = 's1';
    created.push(storeStreamName(groupId, storeId));
    expect(await ensureStoreStream(jsm, { groupId, storeId })).toBe('created');
    expect(await ensureStoreStream(jsm, { groupId, storeId })).toBe('unchanged');

    const info = await jsm.streams.info(storeStreamName(groupId, storeId));
    expect(info.config).toMatchObject({
      subjects: [`rooftop.${groupId}.${storeId}.>`],
      storage: 'file',
      retention: 'limits',
      discard: 'new',
      duplicate_window: nanos(120_000),
      max_msg_size: 1024 ** 2,
    });

    expect(await ensureStoreStream(jsm, { groupId, storeId, duplicateWindowMs: 300_000, maxBytes: 1024 ** 3 })).toBe('updated');
    const updated = await jsm.streams.info(storeStreamName(groupId, storeId));
    expect(updated.config.duplicate_window).toBe(nanos(300_000));
    expect(updated.config.max_bytes).toBe(1024 ** 3);
    expect(await ensureStoreStream(jsm, { groupId, storeId, duplicateWindowMs: 300_000, maxBytes: 1024 ** 3 })).toBe('unchanged');
  });

  it('names every conflicting field of a stream set up differently, and changes nothing', async () => {
    const storeId = 's2';
    const name = storeStreamName(groupId, storeId);
    created.push(name);
    await jsm.streams.add({ name, subjects: [`rooftop.${groupId}.${storeId}.sales.>`], storage: 'memory', discard: 'old' });

    const error = await ensureStoreStream(jsm, { groupId, storeId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamConfigConflictError);
    const conflict = error as StreamConfigConflictError;
    expect(conflict.code).toBe('STREAM_CONFIG_CONFLICT');
    expect(conflict.differences.map((d) => d.field).sort()).toEqual(['discard', 'storage', 'subjects']);
    expect(conflict.message).toContain('storage is "memory"');
    expect((await jsm.streams.info(name)).config.storage).toBe('memory');
  });

  it('rejects publishes at the limit instead of dropping old messages', async () => {
    const storeId = 's3';
    created.push(storeStreamName(groupId, storeId));
    await ensureStoreStream(jsm, { groupId, storeId, maxMsgs: 2 });
    const js = jetstream(nc);
    const subject = `rooftop.${groupId}.${storeId}.sales.LeadCaptured`;
    await js.publish(subject, 'one', { msgID: 'one' });
    await js.publish(subject, 'two', { msgID: 'two' });
    const rejected = await js.publish(subject, 'three', { msgID: 'three' }).catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(JetStreamApiError);
    const state = (await jsm.streams.info(storeStreamName(groupId, storeId))).state;
    expect({ first: state.first_seq, messages: state.messages }).toEqual({ first: 1, messages: 2 });
  });

  it('provisions the dead-letter stream idempotently', async () => {
    expect(['created', 'unchanged']).toContain(await ensureDeadLetterStream(jsm));
    expect(await ensureDeadLetterStream(jsm)).toBe('unchanged');
    expect((await jsm.streams.info(DEAD_LETTER_STREAM)).config.subjects).toEqual(['rooftop.dlq.>']);
  });
});
