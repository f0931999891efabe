import { RooftopError } from '@rooftop/eventsourcing';
import { emmettCatchUp } from '../peers/emmett-store.js';
import { rooftopCatchUp } from '../rooftop/rooftop-store.js';
import { perSecond, repeatFor } from '../stats.js';
import { toRow, type BenchSuite } from '../suite.js';
import { emmettLog, ourLog, readBatchSize } from './logs.js';

export const catchupSuite: BenchSuite = {
  name: 'catchup',
  description: `read the whole log from position 0 in batches of ${readBatchSize} (readAll / Emmett readMessagesBatch)`,
  async run(context) {
    const { events, durationMs } = context.options;
    const ours = await ourLog(context, events);
    const oursRun = await repeatFor(durationMs / 2, async () => {
      const seen = await rooftopCatchUp(ours.store, readBatchSize);
      // A reader that misses events would look fast: a short read is a bug, not a result.
      if (seen !== events) throw new RooftopError('INTERNAL', `catch-up read ${seen} of ${events} events`);
      return seen;
    });
    const oursRate = perSecond(oursRun.events, oursRun.elapsedMs);
    context.log(`  ours: ${Math.round(oursRate)} events/s over ${oursRun.passes} pass(es)`);

    let peerRate: number | undefined;
    if (context.options.peer) {
      const peer = await emmettLog(context, events);
      const peerRun = await repeatFor(durationMs / 2, async () => {
        const seen = await emmettCatchUp(peer.peer, readBatchSize);
        if (seen !== events) throw new RooftopError('INTERNAL', `Emmett catch-up read ${seen} of ${events} events`);
        return seen;
      });
      peerRate = perSecond(peerRun.events, peerRun.elapsedMs);
      context.log(`  emmett: ${Math.round(peerRate)} events/s over ${peerRun.passes} pass(es)`);
    }
    return [toRow({ name: `catchup (${events} events)`, value: oursRate, unit: 'events/s', peer: peerRate })];
  },
};
