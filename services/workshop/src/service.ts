import { workshop as w } from '@rooftop/contracts';
import { type ScheduledCommandDispatcher } from '@rooftop/eventstore-postgres';
import { type DurableConsumerHandle } from '@rooftop/messaging';
import { type ProjectionRunner } from '@rooftop/projections-postgres';
import { type HostOptions, runStoreService, type StoreServiceHandle } from '@rooftop/service-host';
import type pg from 'pg';
import { workshopHandlers, type WorkshopHandlers } from './commands/handlers.js';
import { type SchedulingEventStore } from './commands/scheduling-event-store.js';
import { type WorkshopConfig, workshopSettingsOf } from './config.js';
import { workshopTimers } from './domain/timers.js';
import { createWorkshopProjections } from './projections/index.js';
import { workshopReactions } from './reactions/index.js';

/** The workshop timers live in their own schema, so another context's dispatcher never claims them. */
export const WORKSHOP_SCHEDULER_SCHEMA = 'workshop_scheduler';

export interface StartOptions extends HostOptions {
  /** Prefix of the reactions' durable names instead of `workshop` (tests give each run its own). */
  readonly durablePrefix?: string;
  /** Clock of the timer dispatcher (tests move time forward; default the wall clock). */
  readonly clock?: () => Date;
}

export type WorkshopServiceHandle = StoreServiceHandle<{
  readonly config: WorkshopConfig;
  readonly store: SchedulingEventStore;
  readonly pool: pg.Pool;
  readonly handlers: WorkshopHandlers;
  readonly dispatcher: ScheduledCommandDispatcher;
  readonly reactions: readonly DurableConsumerHandle[];
  readonly projections: ProjectionRunner;
}>;

/**
 * One store's workshop service: the store's event store (migrated), the work-list and KPI projections, the
 * durable timer scheduler and its dispatcher, the command service on NATS, the VehicleDelivered and
 * ClaimReported reactions, optionally the relay, in the store-service host. Everything comes from `config`.
 */
export const startWorkshopService = (config: WorkshopConfig, options: StartOptions = {}): Promise<WorkshopServiceHandle> =>
  runStoreService({
    service: 'workshop',
    config,
    options,
    poolMax: 20,
    async start(host) {
      const { pool, groupId } = host;
      const settings = workshopSettingsOf(config);
      const timers = await host.startTimers({
        context: w.WORKSHOP_CONTEXT,
        schema: WORKSHOP_SCHEDULER_SCHEMA,
        timersFor: workshopTimers(settings),
        pollIntervalMs: config.WORKSHOP_TIMER_POLL_MS,
        ...(options.clock ? { clock: options.clock } : {}),
      });
      const { store } = timers;
      const handlers = workshopHandlers({ store, groupId, settings });
      if (config.WORKSHOP_RUN_RELAY) await host.startRelay();
      const projections = await host.startProjections(createWorkshopProjections({ timeZone: config.STORE_TIME_ZONE }));
      const dispatcher = timers.dispatch(handlers);
      const reactions = await host.startReactions(workshopReactions, {
        context: w.WORKSHOP_CONTEXT,
        handlersIn: (tx) => workshopHandlers({ store: store.inTransaction(tx), groupId, settings }),
        ...(options.durablePrefix ? { durablePrefix: options.durablePrefix } : {}),
      });
      await host.serveCommands({ context: w.WORKSHOP_CONTEXT, handlers });
      return { config, store, pool, handlers, dispatcher, reactions, projections };
    },
  });
