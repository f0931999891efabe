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
    // No floor on the share yet: so far measured only on a loaded box (13-18 %, docs/benchmarks.md), where pgbench,
    // a C client, loses far less CPU to other work than a Node client does. A quiet-box run sets it (ADR 0032).
    const rows = appendRows('append-batch', ours, peer);
    if (!ceiling) return rows;
    return [
      ...rows,
      toRow({ name: 'append-batch share of pgbench insert ceiling', value: (100 * ours.eventsPerSecond) / ceiling.rowsPerSecond, unit: '%' }),
      toRow({ name: `  pgbench ${batchSize}-row inserts`, value: ceiling.rowsPerSecond, unit: 'rows/s' }),
    ];
  },
};
