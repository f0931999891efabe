// Writes docs/events (JSON Schemas, asyncapi.yaml, README.md catalog) from the contracts.
import { relative } from 'node:path';
import { platformContexts } from '../src/index.js';
import { renderDocs, writeTree } from './lib/docs-tree.js';
import { contractsVersion, docsEventsDir, repoRoot } from './lib/paths.js';

const { written, removed } = writeTree(docsEventsDir, renderDocs(platformContexts, contractsVersion()));
const where = relative(repoRoot, docsEventsDir);
console.log(`contracts: wrote ${written} files to ${where}${removed.length > 0 ? `, removed ${removed.join(', ')}` : ''}`);
