import { randomBytes } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import { eventSubject, insurance as i, storeStreamName } from '@rooftop/contracts';
import { type Actor, type RecordedEvent } from '@rooftop/eventsourcing';
import { type CommandClient, type CommandReply, encodeCloudEvent, toCloudEvent } from '@rooftop/messaging';
import { natsUrl, sharedTestCommandIssuer } from '@rooftop/testkit';
import { type InsuranceConfig, loadInsuranceConfig } from '../src/config.js';

/** A fresh group/store per run, so subjects and JetStream streams never collide with other runs. */
export const uniqueIds = (label: string) => {
  const suffix = randomBytes(4).toString('hex');
  return { groupId: `g-${label}-${suffix}`, storeId: `s-${label}-${suffix}` };
};

export const serviceConfig = (ids: { groupId: string; storeId: string }, databaseUrl: string): InsuranceConfig =>
  loadInsuranceConfig({
    GROUP_ID: ids.groupId,
    STORE_ID: ids.storeId,
    DATABASE_URL: databaseUrl,
    NATS_URL: natsUrl(),
    HTTP_PORT: '0',
    HTTP_HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    // As the sales test fixture: every service of a store provisions the stream with the same (small) size.
    STORE_STREAM_MAX_BYTES: String(64 * 1024 ** 2),
    COMMAND_ISSUER_KEYS: sharedTestCommandIssuer().issuerKeysEnv,
    INSURANCE_TIMER_POLL_MS: '100',
  });

export const connectNats = (): Promise<NatsConnection> => connect({ servers: natsUrl() });

const contracts = new Map<string, (typeof i.insuranceCommands)[number]>(i.insuranceCommands.map((c) => [c.type, c]));

/** Sends an insurance command over NATS; returns the raw reply (never throws). */
export const natsSender =
  (client: CommandClient, storeId: string) =>
  (type: string, data: Record<string, unknown>, actor: Actor): Promise<CommandReply<unknown>> =>
    client.send(contracts.get(type)!, { storeId, actor, data: data as never });

/** Publishes an event to the store's stream as the relay would; another `msgId` makes JetStream keep a second copy (a redelivery). */
export const publishAsRelay = async (
  nc: NatsConnection,
  ids: { groupId: string; storeId: string },
  context: string,
  event: RecordedEvent,
  msgId = event.eventId,
) => {
  const h = headers();
  h.set('Nats-Msg-Id', msgId);
  await jetstream(nc).publish(eventSubject(ids.groupId, ids.storeId, context, event.type), encodeCloudEvent(toCloudEvent(event)), { headers: h });
};

/** Polls until the check passes; no fixed sleeps. */
export const eventually = async <T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** Deletes the run's store stream (JetStream reserves its max bytes, so leftovers starve other runs). */
export const deleteStoreStream = async (nc: NatsConnection, ids: { groupId: string; storeId: string }): Promise<void> => {
  const jsm = await jetstreamManager(nc);
  await jsm.streams.delete(storeStreamName(ids.groupId, ids.storeId)).catch(() => false);
};
