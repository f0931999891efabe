import { isRooftopError } from '@rooftop/eventsourcing';
import { describe, expect, it } from 'vitest';
import { Counter, createMetricsRegistry } from './metrics.js';
import { renderConfigTable, renderMetricsTable, replaceGeneratedSection } from './operations-doc.js';

describe('operations doc rendering', () => {
  it('renders config variables as a markdown table, escaping pipes', () => {
    const table = renderConfigTable([
      { name: 'GROUP_ID', description: 'Dealer group id.', required: true },
      { name: 'MODE', description: 'a | b', required: false, default: 'a', values: ['a', 'b'] },
    ]);
    expect(table.split('\n')).toEqual([
      '| Variable | Required | Default | Description |',
      '| --- | --- | --- | --- |',
      '| `GROUP_ID` | yes | — | Dealer group id. |',
      '| `MODE` | no | `a` | a \\| b One of: `a`, `b`. |',
    ]);
  });

  it('renders the metrics of a registry sorted by name', async () => {
    const registry = createMetricsRegistry({ service: 's', defaultMetrics: false });
    new Counter({ name: 'zeta_total', help: 'Last.', registers: [registry] });
    new Counter({ name: 'alpha_total', help: 'First.', registers: [registry] });
    expect((await renderMetricsTable(registry)).split('\n').slice(2)).toEqual(['| `alpha_total` | counter | First. |', '| `zeta_total` | counter | Last. |']);
  });

  it('replaces only the marked section, and fails typed when the markers are missing', () => {
    const doc = 'intro\n<!-- generated:env:begin -->\nold\n<!-- generated:env:end -->\noutro\n';
    expect(replaceGeneratedSection(doc, 'env', 'new')).toBe('intro\n<!-- generated:env:begin -->\nnew\n<!-- generated:env:end -->\noutro\n');
    let caught: unknown;
    try {
      replaceGeneratedSection(doc, 'metrics', 'x');
    } catch (error) {
      caught = error;
    }
    expect(isRooftopError(caught) && caught.code).toBe('DOC_SECTION_MISSING');
  });
});
