import { InMemoryEventStore } from '@rooftop/eventsourcing';
import { describeEventStoreContract } from './event-store-contract.js';

describeEventStoreContract('InMemoryEventStore', async () => ({ store: new InMemoryEventStore() }));
