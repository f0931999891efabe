import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printSchema } from '../src/graphql.js';
import { schema } from '../src/schema/index.js';

describe('schema.graphql', () => {
  it('is the schema the code builds (run `npm run -w @rooftop/gateway schema` after changing it)', () => {
    const committed = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(`${printSchema(schema)}\n`);
  });
});
