import { insurance as i } from '@rooftop/contracts';
import { type ScheduledCommandDispatcher, type SchedulingEventStore } from '@rooftop/eventstore-postgres';
import { insuranceKpiProjections } from '@rooftop/kpis';
import { type DurableConsumerHandle } from '@rooftop/messaging';
import { type ProjectionRunner } from '@rooftop/projections-postgres';
import { type HostOptions, runStoreService, type StoreServiceHandle } from '@rooftop/service-host';
import type pg from 'pg';
import { insuranceHandlers, type InsuranceHandlers } from './commands/handlers.js';
import { type InsuranceConfig, insuranceSettingsOf } from './config.js';
import { timersFor } from './domain/timers.js';
import { insuranceReactions } from './reactions/index.js';

/** The insurance timers live in their own schema, so another context's dispatcher never claims them. */
export const INSURANCE_SCHEDULER_SCHEMA = 'insurance_scheduler';

export interface StartOptions extends HostOptions {
  /** Prefix of the reactions' durable names instead of `insurance` (tests give each run its own). */
  readonly durablePrefix?: string;
  /** Clock of the timer dispatcher (tests move time forward; default the wall clock). */
  readonly clock?: () => Date;
}

export type InsuranceServiceHandle = StoreServiceHandle<{
  readonly config: InsuranceConfig;
  readonly store: SchedulingEventStore;
  readonly pool: pg.Pool;
  readonly handlers: InsuranceHandlers;
  readonly dispatcher: ScheduledCommandDispatcher;
  readonly reactions: readonly DurableConsumerHandle[];
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
      const { pool, groupId } = host;
      const settings = insuranceSettingsOf(config);
      const timers = await host.startTimers({
        context: i.INSURANCE_CONTEXT,
        schema: INSURANCE_SCHEDULER_SCHEMA,
        timersFor: (event) => timersFor(event, settings),
        pollIntervalMs: config.INSURANCE_TIMER_POLL_MS,
        ...(options.clock ? { clock: options.clock } : {}),
      });
      const { store } = timers;
      const handlers = insuranceHandlers({ store, groupId, settings });
      if (config.INSURANCE_RUN_RELAY) await host.startRelay();
      const projections = await host.startProjections(insuranceKpiProjections({ timeZone: config.STORE_TIME_ZONE }));
      const dispatcher = timers.dispatch(handlers);
      const reactions = await host.startReactions(insuranceReactions, {
        context: i.INSURANCE_CONTEXT,
        handlersIn: (tx) => insuranceHandlers({ store: store.inTransaction(tx), groupId, settings }),
        ...(options.durablePrefix ? { durablePrefix: options.durablePrefix } : {}),
      });
      await host.serveCommands({ context: i.INSURANCE_CONTEXT, handlers });
      return { config, store, pool, handlers, dispatcher, reactions, projections };
    },
  });
