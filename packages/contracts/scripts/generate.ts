// Writes docs/events (JSON Schemas, asyncapi.yaml, README.md catalog) from the contracts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { platformContexts } from '../src/index.js';
import { renderDocs, writeTree } from './lib/docs-tree.js';
import { eventsClientTypesPath, renderEventsClientTypes } from './lib/events-client-types.js';
import { contractsVersion, docsEventsDir, repoRoot } from './lib/paths.js';

const { written, removed } = writeTree(docsEventsDir, renderDocs(platformContexts, contractsVersion()));
const where = relative(repoRoot, docsEventsDir);
console.log(`contracts: wrote ${written} files to ${where}${removed.length > 0 ? `, removed ${removed.join(', ')}` : ''}`);

const typesFile = join(repoRoot, eventsClientTypesPath);
mkdirSync(dirname(typesFile), { recursive: true });
writeFileSync(typesFile, renderEventsClientTypes(platformContexts));
console.log(`contracts: wrote ${eventsClientTypesPath}`);
