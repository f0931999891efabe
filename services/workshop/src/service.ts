import { platformRegistry, workshop as w } from '@rooftop/contracts';
import { type ScheduledCommandDispatcher } from '@rooftop/eventstore-postgres';
import { type DurableConsumerHandle } from '@rooftop/messaging';
import { SHUTDOWN_ORDER } from '@rooftop/platform';
import { type ProjectionRunner } from '@rooftop/projections-postgres';
import { type HostOptions, runStoreService, type StoreServiceHandle } from '@rooftop/service-host';
import type pg from 'pg';
import { workshopHandlers, type WorkshopHandlers } from './commands/handlers.js';
import { type SchedulingEventStore } from './commands/scheduling-event-store.js';
import { timerSender } from './commands/timer-sender.js';
import { scheduledCommandsOf } from './commands/timers.js';
import { type WorkshopConfig, workshopSettingsOf } from './config.js';
import { createWorkshopProjections } from './projections/index.js';
import { startClaimReportedReaction } from './reactions/claim-reported.js';
import { startVehicleDeliveredReaction } from './reactions/vehicle-delivered.js';
import { WorkshopTransportModule } from './transport/workshop-transport.module.js';

/** The workshop timers live in their own schema, so another context's dispatcher never claims them. */
export const WORKSHOP_SCHEDULER_SCHEMA = 'workshop_scheduler';

export interface StartOptions extends HostOptions {
  /** Durable name of the VehicleDelivered consumer (tests give each run its own). */
  readonly deliveredDurable?: string;
  /** Durable name of the insurance ClaimReported consumer (tests give each run its own). */
  readonly claimDurable?: string;
  /** Clock of the timer dispatcher (tests move time forward; default the wall clock). */
  readonly clock?: () => Date;
}

export type WorkshopServiceHandle = StoreServiceHandle<{
  readonly config: WorkshopConfig;
  readonly store: SchedulingEventStore;
  readonly pool: pg.Pool;
  readonly handlers: WorkshopHandlers;
  readonly dispatcher: ScheduledCommandDispatcher;
  readonly reaction: DurableConsumerHandle;
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
      const { pool, groupId, storeId, logger } = host;
      const settings = workshopSettingsOf(config);
      const timers = await host.startTimers({
        schema: WORKSHOP_SCHEDULER_SCHEMA,
        timersOf: scheduledCommandsOf(settings),
        pollIntervalMs: config.WORKSHOP_TIMER_POLL_MS,
        ...(options.clock ? { clock: options.clock } : {}),
      });
      const { store } = timers;
      const handlers = workshopHandlers({ store, groupId, settings });
      if (config.WORKSHOP_RUN_RELAY) await host.startRelay();
      const projections = await host.startProjections(createWorkshopProjections({ timeZone: config.STORE_TIME_ZONE }));
      const dispatcher = timers.dispatch(timerSender(handlers, logger));

      const common = { js: host.js, jsm: host.jsm, pool, store, registry: platformRegistry, groupId, storeId, settings, logger };
      const reaction = await startVehicleDeliveredReaction({ ...common, ...(options.deliveredDurable ? { durable: options.deliveredDurable } : {}) });
      host.onShutdown('vehicle-delivered', () => reaction.stop(), SHUTDOWN_ORDER.stopIntake);
      const claims = await startClaimReportedReaction({ ...common, ...(options.claimDurable ? { durable: options.claimDurable } : {}) });
      host.onShutdown('claim-reported', () => claims.stop(), SHUTDOWN_ORDER.stopIntake);

      await host.serveCommands({ context: w.WORKSHOP_CONTEXT, module: WorkshopTransportModule.forHandlers(handlers) });
      return { config, store, pool, handlers, dispatcher, reaction, projections };
    },
  });
