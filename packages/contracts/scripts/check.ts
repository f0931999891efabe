// Drift check: generates docs/events into a temporary directory and compares it with the committed files.
// An optional argument names another directory to compare (tests use it to prove the failure report).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { platformContexts } from '../src/index.js';
import { diffTrees, isClean, readTree, renderDocs, writeTree } from './lib/docs-tree.js';
import { eventsClientTypesPath, renderEventsClientTypes } from './lib/events-client-types.js';
import { contractsVersion, docsEventsDir, repoRoot } from './lib/paths.js';

const committed = process.argv[2] ?? docsEventsDir;
const scratch = mkdtempSync(join(tmpdir(), 'rooftop-contracts-'));
try {
  writeTree(scratch, renderDocs(platformContexts, contractsVersion()));
  const diff = diffTrees(readTree(scratch), readTree(committed));
  if (isClean(diff)) {
    console.log('contracts: docs/events is up to date');
  } else {
    const where = relative(repoRoot, committed) || committed;
    const lines = [
      ...diff.changed.map((p) => `  changed: ${where}/${p}`),
      ...diff.missing.map((p) => `  missing: ${where}/${p}`),
      ...diff.extra.map((p) => `  stale:   ${where}/${p}`),
    ];
    console.error(`contracts: ${where} does not match the contracts:\n${lines.join('\n')}\nRun \`npm run contracts:generate\` and commit the result.`);
    process.exitCode = 1;
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

// The events client's typed map is checked only when the catalog itself is (not for a directory given as argument).
if (process.argv[2] === undefined) {
  const typesFile = join(repoRoot, eventsClientTypesPath);
  if (!existsSync(typesFile) || readFileSync(typesFile, 'utf8') !== renderEventsClientTypes(platformContexts)) {
    console.error(`contracts: ${eventsClientTypesPath} does not match the contracts. Run \`npm run contracts:generate\` and commit the result.`);
    process.exitCode = 1;
  }
}
