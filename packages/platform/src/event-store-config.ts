import { z } from 'zod';
import { ConfigError } from './config.js';
import { urlVar } from './config-vars.js';

export const EVENT_STORES = ['postgres', 'eventstoredb'] as const;

/** Connection-string schemes the EventStoreDB/KurrentDB client accepts. */
const EVENTSTORE_SCHEMES = ['kurrentdb', 'kurrentdb+discover', 'kurrent', 'kurrent+discover', 'kdb', 'kdb+discover', 'esdb', 'esdb+discover'];

/** Which event store a store service keeps its log in (a store service extends its config with these). */
export const eventStoreVars = {
  EVENT_STORE: z
    .enum(EVENT_STORES)
    .default('postgres')
    .describe("Where the store's event log lives: postgres (DATABASE_URL) or eventstoredb (EVENTSTORE_URL, KurrentDB 25.1 or later; ADR 0035)."),
  EVENTSTORE_URL: urlVar(...EVENTSTORE_SCHEMES)
    .optional()
    .describe(
      'EventStoreDB/KurrentDB connection string, e.g. kurrentdb://host:2113?tls=false (required with EVENT_STORE=eventstoredb; may hold credentials, never logged).',
    ),
};

export type EventStoreSelection = { readonly kind: 'postgres' } | { readonly kind: 'eventstoredb'; readonly url: string };

/** The configured event store; a ConfigError when EVENT_STORE=eventstoredb has no EVENTSTORE_URL. */
export const eventStoreSelection = (config: {
  readonly EVENT_STORE: (typeof EVENT_STORES)[number];
  readonly EVENTSTORE_URL?: string | undefined;
}): EventStoreSelection => {
  if (config.EVENT_STORE === 'postgres') return { kind: 'postgres' };
  if (!config.EVENTSTORE_URL) throw new ConfigError([{ variable: 'EVENTSTORE_URL', problem: 'is required when EVENT_STORE=eventstoredb' }]);
  return { kind: 'eventstoredb', url: config.EVENTSTORE_URL };
};
