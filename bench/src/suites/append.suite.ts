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
    // The floor against the ceiling: on this box an append (version check, three indexes, JSON) commits at
    // about 60-70 % of the rate of a bare single-row INSERT; below half something other than the commit costs.
    const rows = appendRows('append', ours, peer);
    if (!ceiling) return rows;
    return [
      ...rows,
      toRow({ name: 'append share of pgbench insert ceiling', value: (100 * ours.eventsPerSecond) / ceiling.rowsPerSecond, unit: '%', target: { op: '>=', value: 50 } }),
      toRow({ name: `  pgbench single-row inserts`, value: ceiling.rowsPerSecond, unit: 'rows/s' }),
    ];
  },
};
