// Regenerates the tables in docs/operations.md from the code (`npm run -w @rooftop/platform docs`), or with
// `--check` fails when the committed document has drifted from it.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderOperationsDoc } from './render-operations-doc.js';

const docPath = fileURLToPath(new URL('../../../docs/operations.md', import.meta.url));
const committed = readFileSync(docPath, 'utf8');
const rendered = await renderOperationsDoc(committed);

if (process.argv.includes('--check')) {
  if (rendered === committed) {
    console.log('platform: docs/operations.md is up to date');
  } else {
    console.error('platform: docs/operations.md does not match the config schema / metrics. Run `npm run -w @rooftop/platform docs` and commit the result.');
    process.exitCode = 1;
  }
} else if (rendered !== committed) {
  writeFileSync(docPath, rendered);
  console.log('platform: docs/operations.md updated');
}
