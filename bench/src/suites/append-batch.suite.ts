import { measureInsertCeiling } from '../pgbench.js';
import { toRow, type BenchSuite } from '../suite.js';
import { appendRows, appendWriters, measureAppends, openEmmettAppender, openOurAppender } from './append-load.js';

const batchSize = 10;

export const appendBatchSuite: BenchSuite = {
  name: 'append-batch',
  description: `${batchSize}-event appends, ${appendWriters} concurrent writers, exact expected version; Emmett and the pgbench insert ceiling in the same run`,
  async run(context) {
    const ours = await measureAppends(context, 'ours', openOurAppender, batchSize);
    const peer = context.options.peer ? await measureAppends(context, 'emmett', openEmmettAppender, batchSize) : undefined;
    const ceiling = await measureInsertCeiling(context, batchSize, appendWriters);
    const rows = appendRows('append-batch', ours, peer);
    if (!ceiling) return rows;
    return [
      ...rows,
      toRow({ name: 'append-batch share of pgbench insert ceiling', value: (100 * ours.eventsPerSecond) / ceiling.rowsPerSecond, unit: '%', target: { op: '>=', value: 40 } }),
      toRow({ name: `  pgbench ${batchSize}-row inserts`, value: ceiling.rowsPerSecond, unit: 'rows/s' }),
    ];
  },
};
