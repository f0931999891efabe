import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { ValidationError } from '@rooftop/eventsourcing';
import { EventStoreDbEventStore, type EventStoreDbEventStoreOptions } from './eventstoredb-event-store.js';

const SCHEMES = ['kurrentdb:', 'kurrentdb+discover:', 'kurrent:', 'kurrent+discover:', 'kdb:', 'kdb+discover:', 'esdb:', 'esdb+discover:'];

/**
 * An EventStoreDB store from a connection string (`kurrentdb://host:2113?tls=false`; the older `esdb://` works too). Nothing
 * is sent until the first call; `close()` ends the channel.
 */
export const connectEventStoreDb = (url: string, options: Omit<EventStoreDbEventStoreOptions, 'client'> = {}): EventStoreDbEventStore => {
  let scheme: string;
  try {
    scheme = new URL(url).protocol;
  } catch {
    throw new ValidationError('EVENTSTORE_URL is not a URL', [{ path: 'EVENTSTORE_URL', message: 'expected kurrentdb://host:2113?tls=false' }]);
  }
  if (!SCHEMES.includes(scheme)) {
    throw new ValidationError(`EVENTSTORE_URL has scheme ${scheme}`, [{ path: 'EVENTSTORE_URL', message: `expected one of ${SCHEMES.join(' ')}` }]);
  }
  return new EventStoreDbEventStore({ ...options, client: KurrentDBClient.connectionString(url) });
};
