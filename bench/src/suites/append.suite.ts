import { measureInsertCeiling } from '../pgbench.js';
import { toRow, type BenchSuite } from '../suite.js';
import { appendRows, appendWriters, measureAppends, openEmmettAppender, openOurAppender } from './append-load.js';

export const appendSuite: BenchSuite = {
  name: 'append',
  description: `single-event appends, ${appendWriters} concurrent writers, exact expected version; Emmett and the pgbench insert ceiling in the same run`,
  async run(context) {
    const ours = await measureAppends(context, 'ours', openOurAppender, 1);
    const peer = context.options.peer ? await measureAppends(context, 'emmett', openEmmettAppender, 1) : undefined;
    const ceiling = await measureInsertCeiling(context, 1, appendWriters);
    // No floor on the share yet: so far measured only on a loaded box (13-18 %, docs/benchmarks.md), where pgbench,
    // a C client, loses far less CPU to other work than a Node client does. A quiet-box run sets it (ADR 0032).
    const rows = appendRows('append', ours, peer);
    if (!ceiling) return rows;
    return [
      ...rows,
      toRow({ name: 'append share of pgbench insert ceiling', value: (100 * ours.eventsPerSecond) / ceiling.rowsPerSecond, unit: '%' }),
      toRow({ name: `  pgbench single-row inserts`, value: ceiling.rowsPerSecond, unit: 'rows/s' }),
    ];
  },
};
