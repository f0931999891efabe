import { type PostgresEventStore } from '@rooftop/eventstore-postgres';
import { type TestDatabase } from '@rooftop/testkit';
import { emmettCanRead, type EmmettPeer, openEmmett, seedEmmett } from '../peers/emmett-store.js';
import { openRooftop, seedRooftop } from '../rooftop/rooftop-store.js';
import { type BenchContext } from '../suite.js';
import { waitUntilReadable } from '../visibility.js';

/** Events per append when seeding, and events per read batch for every log reader on both sides. */
export const seedAppendSize = 1_000;
export const readBatchSize = 1_000;

export interface OurLog {
  readonly database: TestDatabase;
  readonly store: PostgresEventStore;
  readonly events: number;
}

export interface EmmettLog {
  readonly database: TestDatabase;
  readonly peer: EmmettPeer;
  readonly events: number;
}

const seeded = async <T>(context: BenchContext, side: string, events: number, seed: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  const result = await seed();
  context.log(`  seeded ${events} events (${side}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
};

/** Our seeded log of `events`, built once per run and shared by the read benchmarks (they never write to it). */
export const ourLog = (context: BenchContext, events: number): Promise<OurLog> =>
  context.fixture(`log:ours:${events}`, async () => {
    const database = await context.database(`log_ours_${events}`);
    const store = await openRooftop(context, database);
    const last = await seeded(context, 'ours', events, () => seedRooftop(store, events, seedAppendSize));
    await waitUntilReadable(
      'ours',
      async () => (await store.headPosition()) >= last,
      (line) => context.log(line),
    );
    return { database, store, events };
  });

export const emmettLog = (context: BenchContext, events: number): Promise<EmmettLog> =>
  context.fixture(`log:emmett:${events}`, async () => {
    const database = await context.database(`log_emmett_${events}`);
    const peer = await openEmmett(database);
    context.defer(() => peer.close());
    const last = await seeded(context, 'emmett', events, () => seedEmmett(peer, events, seedAppendSize));
    await waitUntilReadable(
      'emmett',
      () => emmettCanRead(peer, last),
      (line) => context.log(line),
    );
    return { database, peer, events };
  });
