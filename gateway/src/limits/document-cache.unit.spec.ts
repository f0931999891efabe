import { type Plugin, createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { documentCachePlugin } from './document-cache.js';

// The gateway's parse/validate cache keeps accepted documents only: counted by wrapping the parse and
// validation functions behind it (a cached document reaches neither).

const schema = createSchema({
  typeDefs: 'type Query { store(id: ID): Store }  type Store { id: ID  name: String  parent: Store }',
  resolvers: { Query: { store: (_: unknown, { id }: { id?: string }) => ({ id: id ?? 's1', name: 'Shanghai 1', parent: null }) } },
});

const counted = () => {
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
    plugins: [documentCachePlugin({ maxDepth: 3, maxComplexity: 10 }, [], { maxEntries: 2 }), counting],
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
});
