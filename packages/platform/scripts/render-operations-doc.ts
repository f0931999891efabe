import {
  baseConfig,
  createMetricsRegistry,
  createOpsServer,
  describeConfig,
  renderConfigTable,
  renderMetricsTable,
  replaceGeneratedSection,
} from '@rooftop/platform';

/** The committed document with its generated sections brought up to date (no I/O: the server never listens). */
export const renderOperationsDoc = async (doc: string): Promise<string> => {
  const registry = createMetricsRegistry({ service: 'docs', storeId: 'docs' });
  createOpsServer({ registry, port: 0 });
  const withConfig = replaceGeneratedSection(doc, 'env', renderConfigTable(describeConfig(baseConfig)));
  return replaceGeneratedSection(withConfig, 'metrics', await renderMetricsTable(registry));
};
