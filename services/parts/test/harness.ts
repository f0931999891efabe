import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { parts as p, storeStreamName } from '@rooftop/contracts';
import { type Actor } from '@rooftop/eventsourcing';
import { type CommandClient, type CommandReply } from '@rooftop/messaging';
import { natsUrl, sharedTestCommandIssuer } from '@rooftop/testkit';
import { loadPartsConfig, type PartsConfig } from '../src/config.js';

/** A fresh group with two sister stores per run, so subjects and JetStream streams never collide with other runs. */
export const uniqueGroup = (label: string) => {
  const suffix = randomBytes(4).toString('hex');
  return { groupId: `g-${label}-${suffix}`, storeA: `a-${suffix}`, storeB: `b-${suffix}` };
};

export const serviceConfig = (groupId: string, storeId: string, databaseUrl: string, extra: Record<string, string> = {}): PartsConfig =>
  loadPartsConfig({
    GROUP_ID: groupId,
    STORE_ID: storeId,
    DATABASE_URL: databaseUrl,
    NATS_URL: natsUrl(),
    HTTP_PORT: '0',
    HTTP_HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    // As the sales test fixture: every service of a store provisions the stream with the same (small) size.
    STORE_STREAM_MAX_BYTES: String(64 * 1024 ** 2),
    COMMAND_ISSUER_KEYS: sharedTestCommandIssuer().issuerKeysEnv,
    PARTS_RUN_RELAY: 'true',
    ...extra,
  });

export const connectNats = (): Promise<NatsConnection> => connect({ servers: natsUrl() });

const contracts = new Map<string, (typeof p.partsCommands)[number]>(p.partsCommands.map((c) => [c.type, c]));

/** Sends a parts command over NATS; returns the raw reply (never throws). */
export const natsSender =
  (client: CommandClient, storeId: string) =>
  (type: string, data: Record<string, unknown>, actor: Actor): Promise<CommandReply<unknown>> =>
    client.send(contracts.get(type)!, { storeId, actor, data: data as never });

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

/** Deletes the run's store streams (JetStream reserves their max bytes, so leftovers starve other runs). */
export const deleteStoreStreams = async (nc: NatsConnection, groupId: string, storeIds: readonly string[]): Promise<void> => {
  const jsm = await jetstreamManager(nc);
  for (const storeId of storeIds) await jsm.streams.delete(storeStreamName(groupId, storeId)).catch(() => false);
};
