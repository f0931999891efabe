import { writeFileSync } from 'node:fs';
import { kpiDictionary, renderKpiDoc } from '../src/dictionary/index.js';
import { KPI_DOC_PATH } from './doc-path.js';

writeFileSync(KPI_DOC_PATH, renderKpiDoc(kpiDictionary));
console.log(`wrote ${KPI_DOC_PATH}`);
