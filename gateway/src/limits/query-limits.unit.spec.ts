import { describe, expect, it } from 'vitest';
import { buildSchema, parse, validate } from '../graphql.js';
import { queryLimitErrors, queryLimitsRule } from './query-limits.js';

const schema = buildSchema(`
  type Query { store: Store  ranking(first: Int, after: String): Connection }
  type Store { id: ID  parent: Store  name: String }
  type Connection { edges: [Edge]  total: Int }
  type Edge { node: Store }
`);

/** The refusals of the pre-validation check, after asserting that the validation rule reports the same. */
const check = (query: string, limits = { maxDepth: 4, maxComplexity: 50 }) => {
  const document = parse(query);
  const refusals = queryLimitErrors(document, limits, ['ranking']).map((e) => ({ code: e.extensions.code, ...e.extensions }));
  expect(validate(schema, document, [queryLimitsRule(limits, ['ranking'])]).map((e) => ({ code: e.extensions.code, ...e.extensions }))).toEqual(refusals);
  return refusals;
};

describe('query limits', () => {
  it('accepts a query within both limits', () => {
    expect(check('{ store { id parent { name } } }')).toEqual([]);
  });

  it('rejects a query deeper than the limit', () => {
    expect(check('{ store { parent { parent { parent { name } } } } }')).toEqual([{ code: 'QUERY_TOO_DEEP', depth: 5, limit: 4 }]);
  });

  it('follows fragments, and stops at a fragment cycle instead of looping', () => {
    expect(check('{ store { ...P } } fragment P on Store { parent { parent { parent { name } } } }')[0]).toMatchObject({ code: 'QUERY_TOO_DEEP', depth: 5 });
    expect(check('{ store { ...A } } fragment A on Store { parent { ...A } }')).toEqual([]);
  });

  it('multiplies what a connection selects by its page size', () => {
    // 1 (ranking) + 10 × (edges + node + id + name) = 41
    expect(check('{ ranking(first: 10) { edges { node { id name } } } }')).toEqual([]);
    // 1 + 20 × 4 = 81: the default page size applies without `first`.
    expect(check('{ ranking { edges { node { id name } } } }')).toEqual([{ code: 'QUERY_TOO_COMPLEX', complexity: 81, limit: 50 }]);
    // A variable page size counts as the largest page (validation is cached per document, not per request).
    expect(check('query ($n: Int) { ranking(first: $n) { total } }')).toEqual([{ code: 'QUERY_TOO_COMPLEX', complexity: 101, limit: 50 }]);
  });

  it('counts aliases of the same field separately', () => {
    const aliases = Array.from({ length: 60 }, (_, i) => `s${i}: store { id }`).join(' ');
    expect(check(`{ ${aliases} }`)[0]).toMatchObject({ code: 'QUERY_TOO_COMPLEX', complexity: 120 });
  });

  it('leaves introspection to its own, larger depth bound', () => {
    const typeRef = 'kind name ofType { kind name ofType { kind name ofType { kind name } } }';
    expect(check(`{ __schema { types { fields { type { ${typeRef} } } } } }`)).toEqual([]);
  });

  it('measures every operation of a document, without the schema (so before its validation)', () => {
    const deep = 'query Deep { store { parent { parent { parent { name } } } } }';
    const costly = `query Costly { ${Array.from({ length: 30 }, (_, i) => `s${i}: unknownField { id }`).join(' ')} }`;
    const refusals = queryLimitErrors(parse(`${deep} ${costly} query Fine { store { id } }`), { maxDepth: 4, maxComplexity: 50 });
    expect(refusals.map((e) => [e.extensions.code, e.locations])).toEqual([
      ['QUERY_TOO_DEEP', [{ line: 1, column: 1 }]],
      ['QUERY_TOO_COMPLEX', [{ line: 1, column: deep.length + 2 }]],
    ]);
  });
});
