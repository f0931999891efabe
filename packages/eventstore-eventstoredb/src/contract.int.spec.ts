import { describeEventStoreContract, eventStoreDbSkipReason, eventStoreDbUrl } from '@rooftop/testkit';
import { describe } from 'vitest';
import { connectEventStoreDb } from './connect.js';

// The same suite as every adapter's, unchanged. Without an EventStoreDB (EVENTSTORE_URL unset and no Docker
// engine) it is reported as skipped, never as passed; the run's global setup prints the reason once.
const url = eventStoreDbUrl();

describe.skipIf(url === undefined)(url === undefined ? `EventStoreDB: skipped (${eventStoreDbSkipReason()})` : 'EventStoreDB', () => {
  describeEventStoreContract('EventStoreDbEventStore', async () => {
    const store = connectEventStoreDb(url!, { pollIntervalMs: 100 });
    return { store, close: () => store.close() };
  });
});
