import { hr } from '@rooftop/contracts';
import { type ScheduledCommandDispatcher, type SchedulingEventStore } from '@rooftop/eventstore-postgres';
import { type ProjectionRunner } from '@rooftop/projections-postgres';
import { type HostOptions, runStoreService, type StoreServiceHandle } from '@rooftop/service-host';
import type pg from 'pg';
import { hrHandlers, type HrHandlers } from './commands/handlers.js';
import { timersFor } from './domain/timers.js';
import { commissionSettingsOf, type HrConfig, hrSettingsOf } from './config.js';
import { createHrProjections, loadConsultantMonth } from './projections/index.js';

/** HR's timers live in their own schema, so another context's dispatcher never claims them. */
export const HR_SCHEDULER_SCHEMA = 'hr_scheduler';

export interface StartOptions extends HostOptions {
  /** Clock of the timer dispatcher (tests move time forward; default the wall clock). */
  readonly clock?: () => Date;
}

export type HrServiceHandle = StoreServiceHandle<{
  readonly config: HrConfig;
  readonly store: SchedulingEventStore;
  readonly pool: pg.Pool;
  readonly handlers: HrHandlers;
  readonly dispatcher: ScheduledCommandDispatcher;
  readonly projections: ProjectionRunner;
}>;

/**
 * One store's HR service: the store's event store (migrated), the commission-inputs projection over the
 * store's whole log (sales, insurance and parts events), the onboarding timers and their dispatcher, and the
 * command service on NATS, in the store-service host. The relay runs in the sales service.
 */
export const startHrService = (config: HrConfig, options: StartOptions = {}): Promise<HrServiceHandle> =>
  runStoreService({
    service: 'hr',
    config,
    options,
    poolMax: 10,
    async start(host) {
      const { pool, groupId } = host;
      const settings = hrSettingsOf(config);
      const timers = await host.startTimers({
        context: hr.HR_CONTEXT,
        schema: HR_SCHEDULER_SCHEMA,
        timersFor: (event) => timersFor(event, settings),
        pollIntervalMs: config.HR_TIMER_POLL_MS,
        ...(options.clock ? { clock: options.clock } : {}),
      });
      const { store } = timers;
      const projections = await host.startProjections(createHrProjections({ timeZone: config.STORE_TIME_ZONE }));
      const handlers = hrHandlers({ store, groupId, settings, commission: commissionSettingsOf(config), salesInputs: (q) => loadConsultantMonth(pool, q) });
      const dispatcher = timers.dispatch(handlers);
      await host.serveCommands({ context: hr.HR_CONTEXT, handlers });
      return { config, store, pool, handlers, dispatcher, projections };
    },
  });
