import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSchema } from '../src/graphql.js';
import { schema } from '../src/schema/index.js';

// Writes gateway/schema.graphql; test/schema-drift.unit.spec.ts fails when it differs from the code.
const target = fileURLToPath(new URL('../schema.graphql', import.meta.url));
writeFileSync(target, `${printSchema(schema)}\n`);
console.log(`wrote ${target}`);
