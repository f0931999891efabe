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
  const refusals = queryLimitErrors(document, limits, ['ranking']).map(({ extensions: { http: _http, ...rest } }) => ({ code: rest.code, ...rest }));
  expect(
    validate(schema, document, [queryLimitsRule(limits, ['ranking'])]).map(({ extensions: { http: _http, ...rest } }) => ({ code: rest.code, ...rest })),
  ).toEqual(refusals);
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
    expect(check(`{ __schema { types { fields { type { ${typeRef} } } } } }`, { maxDepth: 4, maxComplexity: 200 })).toEqual([]);
  });

  it('charges introspection and __typename like fields, __schema as the whole schema it answers', () => {
    // 1 per field: 30 × __typename = 30, never 0.
    expect(check(`{ ${Array.from({ length: 30 }, (_, i) => `t${i}: __typename`).join(' ')} }`, { maxDepth: 4, maxComplexity: 29 })).toEqual([
      { code: 'QUERY_TOO_COMPLEX', complexity: 30, limit: 29 },
    ]);
    // __schema 100 + types 1 + name 1; two aliased copies cost twice that.
    expect(check('{ a: __schema { types { name } } b: __schema { types { name } } }', { maxDepth: 4, maxComplexity: 200 })).toEqual([
      { code: 'QUERY_TOO_COMPLEX', complexity: 204, limit: 200 },
    ]);
  });

  it('measures each fragment once: a doubling chain costs its doubled cost, found in one walk of each fragment', () => {
    // F0 = { id }, Fk = { ...Fk-1 ...Fk-1 }: the operation selects 2^k ids, found with k + 1 fragment walks.
    const chain = (k: number) =>
      `{ store { ...F${k} } } fragment F0 on Store { id } ${Array.from({ length: k }, (_, i) => `fragment F${i + 1} on Store { ...F${i} ...F${i} }`).join(' ')}`;
    expect(check(chain(4))).toEqual([]); // 1 + 16 = 17
    expect(check(chain(6))).toEqual([{ code: 'QUERY_TOO_COMPLEX', complexity: 65, limit: 50 }]);
    // 200 links would be 2^200 walk steps spread by spread; memoised, the cost is reported (as a float, ~1.6e60).
    const [refusal] = queryLimitErrors(parse(chain(200)), { maxDepth: 4, maxComplexity: 50 });
    expect(refusal?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', complexity: 2 ** 200 + 1 });
  });

  it('bounds what the overlapping-fields validation compares pairwise: fields of one name, fragments spread in one place', () => {
    const limits = { maxDepth: 4, maxComplexity: 5000 };
    const same = (n: number) => `{ ${Array.from({ length: n }, () => 'a: store { id }').join(' ')} }`;
    expect(check(same(10), limits)).toEqual([]);
    expect(check(same(11), limits)).toEqual([{ code: 'QUERY_TOO_COMPLEX', reason: 'REPEATED_FIELD', repeated: 11, limit: 10 }]);
    // Inline fragments merge into the selection around them, as graphql-js merges them.
    const inline = `{ store { ${Array.from({ length: 11 }, () => '... on Store { id }').join(' ')} } }`;
    expect(check(inline, limits)).toMatchObject([{ code: 'QUERY_TOO_COMPLEX', reason: 'REPEATED_FIELD' }]);
    const spreads = (n: number) =>
      `{ store { ${Array.from({ length: n }, (_, i) => `...F${i}`).join(' ')} } } ${Array.from({ length: n }, (_, i) => `fragment F${i} on Store { id }`).join(' ')}`;
    expect(check(spreads(25), limits)).toEqual([]);
    expect(check(spreads(26), limits)).toEqual([{ code: 'QUERY_TOO_COMPLEX', reason: 'TOO_MANY_SPREADS', spreads: 26, limit: 25 }]);
  });

  it('measures fragments no operation uses, which the validation would walk too', () => {
    const unused = `{ store { id } } fragment Big on Store { ${Array.from({ length: 60 }, (_, i) => `n${i}: name`).join(' ')} }`;
    expect(check(unused)).toEqual([{ code: 'QUERY_TOO_COMPLEX', complexity: 60, limit: 50 }]);
  });

  it('refuses a document nesting fields and fragments beyond any real one, without walking to its end', () => {
    const links = Array.from({ length: 300 }, (_, i) => `fragment N${i} on Store { parent { ...N${i + 1} } }`).join(' ');
    const refusals = queryLimitErrors(parse(`{ store { ...N0 } } ${links} fragment N300 on Store { id }`), { maxDepth: 400, maxComplexity: 5000 });
    expect(refusals.map((e) => e.extensions.code)).toEqual(['QUERY_TOO_DEEP']);
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
