import { type Plugin, createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { type DocumentCacheOptions, documentCachePlugin } from './document-cache.js';

// The gateway's parse/validate cache keeps accepted documents only: counted by wrapping the parse and
// validation functions behind it (a cached document reaches neither).

const schema = createSchema({
  typeDefs: 'type Query { store(id: ID): Store }  type Store { id: ID  name: String  parent: Store }',
  resolvers: { Query: { store: (_: unknown, { id }: { id?: string }) => ({ id: id ?? 's1', name: 'Shanghai 1', parent: null }) } },
});

const counted = (cache: DocumentCacheOptions = { maxEntries: 2 }) => {
  const counts = { parses: 0, validations: 0 };
  const counting: Plugin = {
    onParse({ parseFn, setParseFn }) {
      setParseFn((source, options) => {
        counts.parses += 1;
        return parseFn(source, options);
      });
    },
    onValidate({ validateFn, setValidationFn }) {
      setValidationFn((...args) => {
        counts.validations += 1;
        return validateFn(...args);
      });
    },
  };
  const yoga = createYoga({
    schema,
    parserAndValidationCache: false,
    plugins: [documentCachePlugin({ maxDepth: 3, maxComplexity: 10 }, [], cache), counting],
  });
  const ask = async (query: string) => {
    const response = await yoga.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
    return { status: response.status, data: body.data, codes: (body.errors ?? []).map((e) => e.extensions?.code) };
  };
  return { counts, ask };
};

describe('documentCachePlugin', () => {
  it('parses and validates an accepted document once, and answers it the same from the cache', async () => {
    const { counts, ask } = counted();
    const first = await ask('{ store(id: "s7") { id name } }');
    expect(first).toEqual({ status: 200, data: { store: { id: 's7', name: 'Shanghai 1' } }, codes: [] });
    expect(await ask('{ store(id: "s7") { id name } }')).toEqual(first);
    expect(counts).toEqual({ parses: 1, validations: 1 });
  });

  it('keeps no over-limit document: each one is parsed and measured again, and never validated', async () => {
    const { counts, ask } = counted();
    const deep = '{ store { parent { parent { parent { id } } } } }';
    expect(await ask(deep)).toEqual({ status: 400, data: undefined, codes: ['QUERY_TOO_DEEP'] });
    expect(await ask(deep)).toEqual({ status: 400, data: undefined, codes: ['QUERY_TOO_DEEP'] });
    expect(counts).toEqual({ parses: 2, validations: 0 });
  });

  it('keeps no invalid document either', async () => {
    const { counts, ask } = counted();
    expect(await ask('{ store { colour } }')).toMatchObject({ status: 400, codes: ['GRAPHQL_VALIDATION_FAILED'] });
    expect(await ask('{ store { colour } }')).toMatchObject({ status: 400, codes: ['GRAPHQL_VALIDATION_FAILED'] });
    expect(counts).toEqual({ parses: 2, validations: 2 });
  });

  it('drops the least recently used accepted document beyond its size', async () => {
    const { counts, ask } = counted();
    await ask('{ store { id } }');
    await ask('{ store { name } }');
    await ask('{ store { id } }'); // used again: now the most recent
    await ask('{ store { id name } }'); // a third: `{ store { name } }` is dropped
    expect(counts.parses).toBe(3);
    await ask('{ store { id } }');
    expect(counts.parses).toBe(3);
    await ask('{ store { name } }');
    expect(counts.parses).toBe(4);
  });

  it('bounds the cache by the bytes its documents hold too, and keeps no document larger than a quarter of it', async () => {
    // Each padded document weighs 2 × 2,030 characters + 256 × 13 tokens (comment and ends included) = 7,388.
    const { counts, ask } = counted({ maxEntries: 100, maxBytes: 40_000 });
    const padded = (i: number) => `{ store(id: "s${i}") { id } } #${'x'.repeat(2_000)}`;
    for (let i = 0; i < 6; i++) await ask(padded(i));
    expect(counts.parses).toBe(6);
    await ask(padded(5)); // kept
    expect(counts.parses).toBe(6);
    await ask(padded(0)); // the oldest, dropped for the sixth (5 × 7,388 fit in 40,000, 6 do not)
    expect(counts.parses).toBe(7);
    const huge = `{ store { id } } #${'x'.repeat(5_000)}`; // > 40,000 / 4: answered, never kept
    expect((await ask(huge)).status).toBe(200);
    await ask(huge);
    expect(counts.parses).toBe(9);
  });
});
