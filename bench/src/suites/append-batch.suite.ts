import { toRow, type BenchSuite } from '../suite.js';
import { appendWriters, measureAppends, openEmmettAppender, openOurAppender } from './append-load.js';

const batchSize = 10;

export const appendBatchSuite: BenchSuite = {
  name: 'append-batch',
  description: `${batchSize}-event appends, ${appendWriters} concurrent writers, exact expected version`,
  async run(context) {
    const ours = await measureAppends(context, 'ours', openOurAppender, batchSize);
    const peer = context.options.peer ? await measureAppends(context, 'emmett', openEmmettAppender, batchSize) : undefined;
    return [
      toRow({ name: 'append-batch', value: ours.eventsPerSecond, unit: 'events/s', target: { op: '>=', value: 25_000 }, peer: peer?.eventsPerSecond }),
      toRow({ name: 'append-batch p50', value: ours.p50, unit: 'ms', peer: peer?.p50 }),
      toRow({ name: 'append-batch p99', value: ours.p99, unit: 'ms', peer: peer?.p99 }),
    ];
  },
};
