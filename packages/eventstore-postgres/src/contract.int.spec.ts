import { createTestDatabase, describeEventStoreContract } from '@rooftop/testkit';
import { migrateEventStore } from './migrations.js';
import { PostgresEventStore } from './postgres-event-store.js';

describeEventStoreContract('PostgresEventStore', async () => {
  const db = await createTestDatabase('es_contract');
  await migrateEventStore(db.pool);
  const store = new PostgresEventStore({ pool: db.pool });
  return {
    store,
    async close() {
      store.close();
      await db.drop();
    },
  };
});
