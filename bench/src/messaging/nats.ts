import { jetstream, type JetStreamClient, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { type ConnectionOptions } from '@nats-io/nats-core';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { storeStreamName } from '@rooftop/contracts';
import { ensureStoreStream } from '@rooftop/messaging';
import { natsConnectionOptionsFromEnv } from '@rooftop/platform';
import { natsUrl, uniqueStreamSuffix } from '@rooftop/testkit';
import { type BenchContext } from '../suite.js';

export interface BenchNats {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
}

/**
 * NATS_URL and, for a secured server, the NATS_NKEY_SEED / NATS_USER / NATS_TLS_CA / NATS_INBOX_PREFIX of
 * docs/operations.md: how docs/benchmarks.md measures the cost of TLS and authentication on the same suites.
 */
export const benchNatsOptions = (name: string): ConnectionOptions => natsConnectionOptionsFromEnv(process.env, name, natsUrl());

/**
 * A connection to the local NATS (NATS_URL), drained when the run ends. `noAsyncTraces` as docs/messaging.md
 * recommends for a relay's connection: otherwise nats.js builds two Errors with stack traces per publish.
 */
export const openNats = async (context: BenchContext, name: string): Promise<BenchNats> => {
  const nc = await connect({ ...benchNatsOptions(`rooftop-bench-${name}`), noAsyncTraces: true });
  context.defer(async () => {
    if (!nc.isClosed()) await nc.drain();
  });
  return { nc, js: jetstream(nc), jsm: await jetstreamManager(nc) };
};

export interface BenchStore {
  readonly groupId: string;
  readonly storeId: string;
  readonly stream: string;
}

/**
 * Room a bench stream reserves on the server. JetStream reserves every stream's `max_bytes` against the
 * server's file-store limit, so a shared server holding a few streams at the 10 GiB default refuses new ones;
 * a run writes well under 100 MiB.
 */
export const benchStreamMaxBytes = 256 * 1024 ** 2;

/**
 * A store id no other run uses and its freshly provisioned store stream (production settings except
 * `maxBytes`), deleted with its consumers when the run ends.
 */
export const freshStoreStream = async (context: BenchContext, { jsm }: BenchNats, label: string): Promise<BenchStore> => {
  const groupId = 'bench';
  const storeId = `${label}-${uniqueStreamSuffix()}`;
  const stream = storeStreamName(groupId, storeId);
  await ensureStoreStream(jsm, { groupId, storeId, maxBytes: benchStreamMaxBytes });
  context.defer(async () => {
    await jsm.streams.delete(stream);
  });
  return { groupId, storeId, stream };
};
