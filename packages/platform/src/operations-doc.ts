import { RooftopError } from '@rooftop/eventsourcing';
import { type Registry } from 'prom-client';
import { type ConfigVariable } from './config-describe.js';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A markdown table of config variables (what docs/operations.md shows), from `describeConfig`. */
export const renderConfigTable = (variables: readonly ConfigVariable[]): string =>
  [
    '| Variable | Required | Default | Description |',
    '| --- | --- | --- | --- |',
    ...variables.map((v) => {
      const description = v.values === undefined ? v.description : `${v.description} One of: ${v.values.map((x) => `\`${x}\``).join(', ')}.`;
      return `| \`${v.name}\` | ${v.required ? 'yes' : 'no'} | ${v.default === undefined ? '—' : `\`${cell(v.default)}\``} | ${cell(description)} |`;
    }),
  ].join('\n');

/** A markdown table of the metrics a registry holds (name, type, help), sorted by name. */
export const renderMetricsTable = async (registry: Registry): Promise<string> => {
  const metrics = (await registry.getMetricsAsJSON()).map((m) => ({ name: m.name, type: String(m.type), help: m.help }));
  return [
    '| Metric | Type | Help |',
    '| --- | --- | --- |',
    ...metrics.sort((a, b) => a.name.localeCompare(b.name)).map((m) => `| \`${m.name}\` | ${m.type} | ${cell(m.help)} |`),
  ].join('\n');
};

const markers = (section: string) => [`<!-- generated:${section}:begin -->`, `<!-- generated:${section}:end -->`] as const;

/** Replaces the text between a section's generated markers, leaving the hand-written prose around it alone. */
export const replaceGeneratedSection = (doc: string, section: string, content: string): string => {
  const [begin, end] = markers(section);
  const from = doc.indexOf(begin);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) {
    throw new RooftopError('DOC_SECTION_MISSING', `no generated section "${section}" (${begin} … ${end}) in the document`, { section });
  }
  return `${doc.slice(0, from + begin.length)}\n${content}\n${doc.slice(to)}`;
};
