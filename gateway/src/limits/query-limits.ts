import {
  type ASTNode,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
} from '../graphql.js';

export interface QueryLimits {
  /** Deepest field nesting allowed (the root fields are depth 1). */
  readonly maxDepth: number;
  /** Highest cost allowed: each field costs 1, times the page size of the lists around it. */
  readonly maxComplexity: number;
  /** Most tokens a document may hold; the parser stops at the next one (`parse`'s `maxTokens`). */
  readonly maxTokens?: number;
  /** Page size assumed for a connection without `first`/`last` (the connection default). */
  readonly defaultListSize?: number;
  /** Page size assumed when `first`/`last` is a variable (validation is cached per document, so never per request). */
  readonly maxListSize?: number;
}

export const QUERY_TOO_DEEP = 'QUERY_TOO_DEEP';
export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';
export const QUERY_TOO_LARGE = 'QUERY_TOO_LARGE';

/** A GraphQL document of the gateway's clients is ~50–300 tokens, the full introspection query ~190. */
export const DEFAULT_MAX_TOKENS = 2_000;

/** Introspection (GraphiQL, codegen) nests `ofType` a dozen levels; it is bounded separately. */
const INTROSPECTION_DEPTH = 16;

/**
 * What introspection costs. `__schema` answers the whole schema (~50 KB of JSON here), `__type` one type;
 * every other field — `__typename` too — costs 1 like any field, so no selection is free.
 */
const INTROSPECTION_COST: Readonly<Record<string, number>> = { __schema: 100, __type: 10 };

/**
 * Fragment hops plus field levels one walk may descend. Far beyond any real document (depth ≤ 8, a few
 * fragments), and it keeps the walk's recursion far from the stack's end whatever the document's shape.
 */
const MAX_NESTING = 256;

interface Sizes {
  readonly fallback: number;
  readonly variable: number;
}

const listSize = (node: ValueNode | undefined, sizes: Sizes): number => {
  if (!node) return sizes.fallback;
  if (node.kind === Kind.INT) return Number(node.value);
  return sizes.variable;
};

export interface Cost {
  readonly depth: number;
  readonly complexity: number;
  /** Most fields under one response name in one selection set (with its inline fragments), anywhere below. */
  readonly repeated: number;
  /** Most distinct fragments spread into one selection set (with its inline fragments), anywhere below. */
  readonly spreads: number;
}

const NOTHING: Cost = { depth: 0, complexity: 0, repeated: 0, spreads: 0 };

/**
 * What graphql-js's overlapping-fields rule compares pairwise in each selection set: the fields under one
 * response name, and the distinct fragments spread there. 332 fields named `a` (2,000 tokens, cost 664) took
 * ~47 ms of CPU to validate; no real document repeats a name more than a few times or spreads dozens of
 * fragments in one place.
 */
export const MAX_REPEATED_NAME = 10;
export const MAX_SPREADS = 25;

/** The fields per response name and the fragments spread in one selection set and its inline fragments. */
interface Crowd {
  readonly names: Map<string, number>;
  readonly fragments: Set<string>;
}

/** Thrown inside a walk that nests deeper than MAX_NESTING; the document is then refused as too deep. */
class TooNested extends Error {}

/**
 * Measures selection sets without executing them, in time linear in the document: each fragment is measured
 * once (per introspection context) and a spread adds that measure, so a chain of fragments that each spread
 * the previous one twice costs one walk of each fragment, and its doubling shows in the cost it reports. A
 * fragment met again while it is being measured (a cycle, which the validation reports) adds nothing.
 */
export class Measurer {
  private readonly memo = new Map<string, Cost | 'measuring'>();

  constructor(
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    private readonly connections: ReadonlySet<string>,
    private readonly sizes: Sizes,
  ) {}

  /** `crowd` is the enclosing selection set's, when `set` is an inline fragment's (graphql-js merges the two). */
  selectionSet(set: SelectionSetNode, introspection = false, nesting = 0, crowd?: Crowd): Cost {
    if (nesting > MAX_NESTING) throw new TooNested();
    const own = crowd ?? { names: new Map<string, number>(), fragments: new Set<string>() };
    let depth = 0;
    let complexity = 0;
    let repeated = 0;
    let spreads = 0;
    for (const selection of set.selections) {
      let child: Cost;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const responseName = selection.alias?.value ?? name;
        const count = (own.names.get(responseName) ?? 0) + 1;
        own.names.set(responseName, count);
        repeated = Math.max(repeated, count);
        const inIntrospection = introspection || name.startsWith('__');
        const sizeArg = inIntrospection ? undefined : selection.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last');
        const isConnection = !inIntrospection && (this.connections.has(name) || sizeArg !== undefined);
        const multiplier = isConnection ? Math.max(1, listSize(sizeArg?.value, this.sizes)) : 1;
        const inner = selection.selectionSet ? this.selectionSet(selection.selectionSet, inIntrospection, nesting + 1) : NOTHING;
        const levels = inIntrospection ? Math.max(0, inner.depth + 1 - INTROSPECTION_DEPTH) : inner.depth + 1;
        child = {
          depth: levels,
          complexity: (INTROSPECTION_COST[name] ?? 1) + multiplier * inner.complexity,
          repeated: inner.repeated,
          spreads: inner.spreads,
        };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        child = this.selectionSet(selection.selectionSet, introspection, nesting + 1, own);
      } else {
        own.fragments.add(selection.name.value);
        child = this.fragment(selection.name.value, introspection, nesting + 1);
      }
      depth = Math.max(depth, child.depth);
      complexity += child.complexity;
      repeated = Math.max(repeated, child.repeated);
      spreads = Math.max(spreads, child.spreads);
    }
    return { depth, complexity, repeated, spreads: Math.max(spreads, own.fragments.size) };
  }

  /** Whether a fragment was measured as part of something (an operation, or another fragment). */
  measured(name: string): boolean {
    return this.memo.has(name) || this.memo.has(`__${name}`);
  }

  private fragment(name: string, introspection: boolean, nesting: number): Cost {
    const definition = this.fragments.get(name);
    if (!definition) return NOTHING;
    const key = introspection ? `__${name}` : name;
    const known = this.memo.get(key);
    if (known === 'measuring') return NOTHING;
    if (known) return known;
    this.memo.set(key, 'measuring');
    const cost = this.selectionSet(definition.selectionSet, introspection, nesting);
    this.memo.set(key, cost);
    return cost;
  }
}

/**
 * A refusal names its definition and its measure, and carries no stack trace: it is an answer to the
 * caller, not a fault of the gateway, and capturing a stack was ~40% of the cost of building one. It is a
 * 400 (`http`, which yoga reads and never shows).
 */
export const refusal = (message: string, node: ASTNode | undefined, extensions: Record<string, unknown>): GraphQLError => {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new GraphQLError(message, { ...(node ? { nodes: [node] } : {}), extensions: { ...extensions, http: { status: 400 } } });
  } finally {
    Error.stackTraceLimit = limit;
  }
};

const refusalsOf = (node: ASTNode, cost: Cost, limits: QueryLimits): GraphQLError[] => {
  const refusals: GraphQLError[] = [];
  if (cost.depth > limits.maxDepth) {
    refusals.push(
      refusal(`the query is ${cost.depth} levels deep; the limit is ${limits.maxDepth}`, node, {
        code: QUERY_TOO_DEEP,
        depth: cost.depth,
        limit: limits.maxDepth,
      }),
    );
  }
  if (cost.complexity > limits.maxComplexity) {
    refusals.push(
      refusal(`the query costs ${cost.complexity}; the limit is ${limits.maxComplexity}`, node, {
        code: QUERY_TOO_COMPLEX,
        complexity: cost.complexity,
        limit: limits.maxComplexity,
      }),
    );
  }
  if (cost.repeated > MAX_REPEATED_NAME) {
    refusals.push(
      refusal(`one selection holds ${cost.repeated} fields of the same name; the limit is ${MAX_REPEATED_NAME}`, node, {
        code: QUERY_TOO_COMPLEX,
        reason: 'REPEATED_FIELD',
        repeated: cost.repeated,
        limit: MAX_REPEATED_NAME,
      }),
    );
  }
  if (cost.spreads > MAX_SPREADS) {
    refusals.push(
      refusal(`one selection spreads ${cost.spreads} fragments; the limit is ${MAX_SPREADS}`, node, {
        code: QUERY_TOO_COMPLEX,
        reason: 'TOO_MANY_SPREADS',
        spreads: cost.spreads,
        limit: MAX_SPREADS,
      }),
    );
  }
  return refusals;
};

const measurerOf = (document: DocumentNode, limits: QueryLimits, connectionFields: readonly string[]): Measurer => {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION && !fragments.has(definition.name.value)) fragments.set(definition.name.value, definition);
  }
  return new Measurer(fragments, new Set(connectionFields), { fallback: limits.defaultListSize ?? 20, variable: limits.maxListSize ?? 100 });
};

/**
 * Measures every operation of a parsed document — and every fragment no operation uses, so that no selection
 * set the validation will walk is larger than an accepted operation — before (and instead of) the schema
 * validation: the gateway refuses an over-limit document with these errors alone, so an attacker's costly
 * query costs one walk of its syntax tree, not graphql-js's ~30 validation rules. It needs no schema: a field
 * the schema lacks costs like any other, and the validation that runs next on a document within the limits
 * reports it.
 */
export const queryLimitErrors = (document: DocumentNode, limits: QueryLimits, connectionFields: readonly string[] = []): GraphQLError[] => {
  const measurer = measurerOf(document, limits, connectionFields);
  try {
    const operations = document.definitions.flatMap((definition) =>
      definition.kind === Kind.OPERATION_DEFINITION ? refusalsOf(definition, measurer.selectionSet(definition.selectionSet), limits) : [],
    );
    const unused = document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION && !measurer.measured(definition.name.value)
        ? refusalsOf(definition, measurer.selectionSet(definition.selectionSet), limits)
        : [],
    );
    return [...operations, ...unused];
  } catch (error) {
    if (!(error instanceof TooNested)) throw error;
    return [refusal(`the query nests deeper than ${MAX_NESTING} levels of fields and fragments`, undefined, { code: QUERY_TOO_DEEP, limit: limits.maxDepth })];
  }
};

/** The same limits as a validation rule (for a server that validates with graphql-js's `validate`). */
export const queryLimitsRule =
  (limits: QueryLimits, connectionFields: readonly string[] = []) =>
  (context: ValidationContext): ASTVisitor => ({
    Document: {
      enter(document) {
        for (const error of queryLimitErrors(document, limits, connectionFields)) context.reportError(error);
        return false;
      },
    },
  });
