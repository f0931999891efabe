import { insurance as i, platformRegistry } from '@rooftop/contracts';
import { type ScheduledCommandDispatcher, type SchedulingEventStore } from '@rooftop/eventstore-postgres';
import { insuranceKpiProjections } from '@rooftop/kpis';
import { type DurableConsumerHandle } from '@rooftop/messaging';
import { SHUTDOWN_ORDER } from '@rooftop/platform';
import { type ProjectionRunner } from '@rooftop/projections-postgres';
import { type HostOptions, runStoreService, type StoreServiceHandle } from '@rooftop/service-host';
import type pg from 'pg';
import { insuranceHandlers, type InsuranceHandlers } from './commands/handlers.js';
import { timerSender } from './commands/timer-sender.js';
import { scheduledCommandsOf } from './commands/timers.js';
import { type InsuranceConfig, insuranceSettingsOf } from './config.js';
import { startClaimInvoicedReaction } from './reactions/claim-repair-invoiced.js';
import { startVehicleDeliveredReaction } from './reactions/vehicle-delivered.js';
import { InsuranceTransportModule } from './transport/insurance-transport.module.js';

/** The insurance timers live in their own schema, so another context's dispatcher never claims them. */
export const INSURANCE_SCHEDULER_SCHEMA = 'insurance_scheduler';

export interface StartOptions extends HostOptions {
  /** Durable name of the VehicleDelivered consumer (tests give each run its own). */
  readonly deliveredDurable?: string;
  /** Durable name of the workshop RepairOrderInvoiced consumer (tests give each run its own). */
  readonly invoicedDurable?: string;
  /** Clock of the timer dispatcher (tests move time forward; default the wall clock). */
  readonly clock?: () => Date;
}

export type InsuranceServiceHandle = StoreServiceHandle<{
  readonly config: InsuranceConfig;
  readonly store: SchedulingEventStore;
  readonly pool: pg.Pool;
  readonly handlers: InsuranceHandlers;
  readonly dispatcher: ScheduledCommandDispatcher;
  readonly reaction: DurableConsumerHandle;
  readonly claimReaction: DurableConsumerHandle;
  readonly projections: ProjectionRunner;
}>;

/**
 * One store's insurance service: the event store (migrated), the insurance KPI and renewals-due projections,
 * the renewal timers and their dispatcher, the command service on NATS, the VehicleDelivered and claim-invoice
 * reactions, optionally the relay, in the store-service host. Everything comes from `config`.
 */
export const startInsuranceService = (config: InsuranceConfig, options: StartOptions = {}): Promise<InsuranceServiceHandle> =>
  runStoreService({
    service: 'insurance',
    config,
    options,
    poolMax: 10,
    async start(host) {
      const { pool, groupId, storeId, logger } = host;
      const settings = insuranceSettingsOf(config);
      const timers = await host.startTimers({
        schema: INSURANCE_SCHEDULER_SCHEMA,
        timersOf: scheduledCommandsOf(settings),
        pollIntervalMs: config.INSURANCE_TIMER_POLL_MS,
        ...(options.clock ? { clock: options.clock } : {}),
      });
      const { store } = timers;
      const handlers = insuranceHandlers({ store, groupId, settings });
      if (config.INSURANCE_RUN_RELAY) await host.startRelay();
      const projections = await host.startProjections(insuranceKpiProjections({ timeZone: config.STORE_TIME_ZONE }));
      const dispatcher = timers.dispatch(timerSender(handlers, logger));

      const common = { js: host.js, jsm: host.jsm, pool, store, registry: platformRegistry, groupId, storeId, settings, logger };
      const reaction = await startVehicleDeliveredReaction({ ...common, ...(options.deliveredDurable ? { durable: options.deliveredDurable } : {}) });
      host.onShutdown('vehicle-delivered', () => reaction.stop(), SHUTDOWN_ORDER.stopIntake);
      const claimReaction = await startClaimInvoicedReaction({ ...common, ...(options.invoicedDurable ? { durable: options.invoicedDurable } : {}) });
      host.onShutdown('claim-invoiced', () => claimReaction.stop(), SHUTDOWN_ORDER.stopIntake);

      await host.serveCommands({ context: i.INSURANCE_CONTEXT, module: InsuranceTransportModule.forHandlers(handlers) });
      return { config, store, pool, handlers, dispatcher, reaction, claimReaction, projections };
    },
  });
