import { toRow, type BenchSuite } from '../suite.js';
import { appendWriters, measureAppends, openEmmettAppender, openOurAppender } from './append-load.js';

export const appendSuite: BenchSuite = {
  name: 'append',
  description: `single-event appends, ${appendWriters} concurrent writers, exact expected version`,
  async run(context) {
    const ours = await measureAppends(context, 'ours', openOurAppender, 1);
    const peer = context.options.peer ? await measureAppends(context, 'emmett', openEmmettAppender, 1) : undefined;
    return [
      toRow({ name: 'append', value: ours.eventsPerSecond, unit: 'events/s', target: { op: '>=', value: 3_000 }, peer: peer?.eventsPerSecond }),
      toRow({ name: 'append p50', value: ours.p50, unit: 'ms', peer: peer?.p50 }),
      toRow({ name: 'append p99', value: ours.p99, unit: 'ms', target: { op: '<=', value: 15 }, peer: peer?.p99 }),
    ];
  },
};
