import { parts as p, platformRegistry } from '@rooftop/contracts';
import { eventStoreInTransaction, type PostgresEventStore } from '@rooftop/eventstore-postgres';
import { type DurableConsumerHandle } from '@rooftop/messaging';
import { SHUTDOWN_ORDER } from '@rooftop/platform';
import { type ProjectionRunner } from '@rooftop/projections-postgres';
import { type HostOptions, runStoreService, type StoreServiceHandle } from '@rooftop/service-host';
import type pg from 'pg';
import { partsHandlers, type PartsHandlers } from './commands/handlers.js';
import { migrateRepairOrders, pgRepairOrderStatuses } from './commands/repair-orders.js';
import { type PartsConfig, partsSettingsOf } from './config.js';
import { createPartsProjections } from './projections/index.js';
import { startRepairOrderStatusReaction } from './reactions/repair-order-status.js';
import { transferReceived } from './reactions/transfer-received.js';

export interface StartOptions extends HostOptions {
  /** Prefix of the durable consumer names (tests give each run its own). */
  readonly durablePrefix?: string;
}

export type PartsServiceHandle = StoreServiceHandle<{
  readonly config: PartsConfig;
  readonly events: PostgresEventStore;
  readonly pool: pg.Pool;
  readonly handlers: PartsHandlers;
  readonly reactions: readonly DurableConsumerHandle[];
  readonly projections: ProjectionRunner;
}>;

/**
 * One store's parts service: the store's event store (migrated), the stock list and KPI projections, the
 * command service on NATS, the reactions (workshop RO status; transfers shipped to this store by sister
 * stores), optionally the relay, in the store-service host. Everything comes from `config`.
 */
export const startPartsService = (config: PartsConfig, options: StartOptions = {}): Promise<PartsServiceHandle> =>
  runStoreService({
    service: 'parts',
    config,
    options,
    poolMax: 20,
    migrate: migrateRepairOrders,
    async start(host) {
      const { pool, groupId, storeId } = host;
      // Transfers append inside their inbox transaction (eventStoreInTransaction): the log must be PostgreSQL's.
      const events = host.postgresEvents('the transfer reactions');
      const settings = partsSettingsOf(config);
      const repairOrders = pgRepairOrderStatuses(pool);
      const handlers = partsHandlers({ store: events, groupId, settings, repairOrders });
      if (config.PARTS_RUN_RELAY) await host.startRelay();
      const projections = await host.startProjections(createPartsProjections({ timeZone: config.STORE_TIME_ZONE }));

      const prefix = options.durablePrefix;
      const common = { js: host.js, jsm: host.jsm, pool, registry: platformRegistry, groupId, storeId, logger: host.logger };
      const roStatus = await startRepairOrderStatusReaction({ ...common, ...(prefix ? { durable: `${prefix}-ro-status` } : {}) });
      for (const r of roStatus) host.onShutdown(r.durable, () => r.stop(), SHUTDOWN_ORDER.stopIntake);
      const transfers = await host.startReactions([transferReceived], {
        context: p.PARTS_CONTEXT,
        handlersIn: (tx) => partsHandlers({ store: eventStoreInTransaction(events, tx), groupId, settings, repairOrders }),
        groupStores: settings.groupStores,
        ...(prefix ? { durablePrefix: prefix } : {}),
      });
      const reactions = [...roStatus, ...transfers];

      await host.serveCommands({ context: p.PARTS_CONTEXT, handlers });
      return { config, events, pool, handlers, reactions, projections };
    },
  });
