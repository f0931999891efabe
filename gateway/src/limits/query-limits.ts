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
}

const NOTHING: Cost = { depth: 0, complexity: 0 };

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

  selectionSet(set: SelectionSetNode, introspection = false, nesting = 0): Cost {
    if (nesting > MAX_NESTING) throw new TooNested();
    let depth = 0;
    let complexity = 0;
    for (const selection of set.selections) {
      let child: Cost;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const inIntrospection = introspection || name.startsWith('__');
        const sizeArg = inIntrospection ? undefined : selection.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last');
        const isConnection = !inIntrospection && (this.connections.has(name) || sizeArg !== undefined);
        const multiplier = isConnection ? Math.max(1, listSize(sizeArg?.value, this.sizes)) : 1;
        const inner = selection.selectionSet ? this.selectionSet(selection.selectionSet, inIntrospection, nesting + 1) : NOTHING;
        const levels = inIntrospection ? Math.max(0, inner.depth + 1 - INTROSPECTION_DEPTH) : inner.depth + 1;
        child = { depth: levels, complexity: (INTROSPECTION_COST[name] ?? 1) + multiplier * inner.complexity };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        child = this.selectionSet(selection.selectionSet, introspection, nesting + 1);
      } else {
        child = this.fragment(selection.name.value, introspection, nesting + 1);
      }
      depth = Math.max(depth, child.depth);
      complexity += child.complexity;
    }
    return { depth, complexity };
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
    refusals.push(refusal(`the query is ${cost.depth} levels deep; the limit is ${limits.maxDepth}`, node, { code: QUERY_TOO_DEEP, depth: cost.depth, limit: limits.maxDepth }));
  }
  if (cost.complexity > limits.maxComplexity) {
    refusals.push(refusal(`the query costs ${cost.complexity}; the limit is ${limits.maxComplexity}`, node, { code: QUERY_TOO_COMPLEX, complexity: cost.complexity, limit: limits.maxComplexity }));
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
    const operations = document.definitions.flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION ? refusalsOf(definition, measurer.selectionSet(definition.selectionSet), limits) : []));
    const unused = document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION && !measurer.measured(definition.name.value) ? refusalsOf(definition, measurer.selectionSet(definition.selectionSet), limits) : [],
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
