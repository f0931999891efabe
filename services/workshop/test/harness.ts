import { randomBytes } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { storeStreamName, workshop as w } from '@rooftop/contracts';
import { type Actor } from '@rooftop/eventsourcing';
import { type CommandClient, type CommandReply } from '@rooftop/messaging';
import { natsUrl, sharedTestCommandIssuer } from '@rooftop/testkit';
import { loadWorkshopConfig, type WorkshopConfig } from '../src/config.js';
import { type Send } from './flow.js';

/** A fresh group/store per run, so subjects and JetStream streams never collide with other runs. */
export const uniqueIds = (label: string) => {
  const suffix = randomBytes(4).toString('hex');
  return { groupId: `g-${label}-${suffix}`, storeId: `s-${label}-${suffix}` };
};

export const serviceConfig = (ids: { groupId: string; storeId: string }, databaseUrl: string, extra: Record<string, string> = {}): WorkshopConfig =>
  loadWorkshopConfig({
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
    WORKSHOP_TIMER_POLL_MS: '100',
    ...extra,
  });

export const connectNats = (): Promise<NatsConnection> => connect({ servers: natsUrl() });

const contracts = new Map<string, (typeof w.workshopCommands)[number]>(w.workshopCommands.map((c) => [c.type, c]));

/** Sends a workshop command over NATS; returns the raw reply (never throws). */
export const natsSender =
  (client: CommandClient, storeId: string) =>
  (type: string, data: Record<string, unknown>, actor: Actor, idempotencyKey?: string): Promise<CommandReply<unknown>> =>
    client.send(contracts.get(type)!, { storeId, actor, data: data as never, ...(idempotencyKey ? { idempotencyKey } : {}) });

/** A Send for the shared flow that fails on an error reply. */
export const strictSender =
  (send: ReturnType<typeof natsSender>): Send =>
  async (type, data, actor) => {
    const reply = await send(type, data, actor);
    if (!reply.ok) throw new Error(`${type} failed: ${JSON.stringify(reply.error)}`);
    return reply.result;
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
