import { fileURLToPath } from 'node:url';

/** The rendered dictionary, at the repository's docs/kpis.md. */
export const KPI_DOC_PATH = fileURLToPath(new URL('../../../docs/kpis.md', import.meta.url));
