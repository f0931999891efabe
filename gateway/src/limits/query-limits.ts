import {
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
} from '../graphql.js';

export interface QueryLimits {
  /** Deepest field nesting allowed (the root fields are depth 1). */
  readonly maxDepth: number;
  /** Highest cost allowed: each field costs 1, times the page size of the lists around it. */
  readonly maxComplexity: number;
  /** Page size assumed for a connection without `first`/`last` (the connection default). */
  readonly defaultListSize?: number;
  /** Page size assumed when `first`/`last` is a variable (validation is cached per document, so never per request). */
  readonly maxListSize?: number;
}

export const QUERY_TOO_DEEP = 'QUERY_TOO_DEEP';
export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

/** Introspection (GraphiQL, codegen) nests `ofType` a dozen levels; it is bounded separately. */
const INTROSPECTION_DEPTH = 16;

const listSize = (node: ValueNode | undefined, sizes: { readonly fallback: number; readonly variable: number }): number => {
  if (!node) return sizes.fallback;
  if (node.kind === Kind.INT) return Number(node.value);
  return sizes.variable;
};

interface Cost {
  readonly depth: number;
  readonly complexity: number;
}

/**
 * Measures an operation without executing it: fragments are followed (each at most once per path, so a
 * cycle — which another rule reports — cannot loop); a connection field multiplies what it selects by its page size.
 */
export const measure = (
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  connections: ReadonlySet<string>,
  sizes: { readonly fallback: number; readonly variable: number },
): Cost => {
  const walk = (set: SelectionSetNode, seen: ReadonlySet<string>, introspection: boolean): Cost => {
    let depth = 0;
    let complexity = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const inIntrospection = introspection || selection.name.value.startsWith('__');
        const sizeArg = selection.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last');
        const isConnection = connections.has(selection.name.value) || sizeArg !== undefined;
        const multiplier = isConnection ? listSize(sizeArg?.value, sizes) : 1;
        const child = selection.selectionSet ? walk(selection.selectionSet, seen, inIntrospection) : { depth: 0, complexity: 0 };
        depth = Math.max(depth, inIntrospection ? Math.max(0, child.depth + 1 - INTROSPECTION_DEPTH) : child.depth + 1);
        complexity += inIntrospection ? 0 : 1 + Math.max(1, multiplier) * child.complexity;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const child = walk(selection.selectionSet, seen, introspection);
        depth = Math.max(depth, child.depth);
        complexity += child.complexity;
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        if (!fragment || seen.has(name)) continue;
        const child = walk(fragment.selectionSet, new Set([...seen, name]), introspection);
        depth = Math.max(depth, child.depth);
        complexity += child.complexity;
      }
    }
    return { depth, complexity };
  };
  return walk(operation.selectionSet, new Set(), false);
};

/**
 * A refusal names its operation and its measure, and carries no stack trace: it is an answer to the
 * caller, not a fault of the gateway, and capturing a stack was ~40% of the cost of building one.
 */
const refusal = (message: string, operation: OperationDefinitionNode, extensions: Record<string, unknown>): GraphQLError => {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new GraphQLError(message, { nodes: [operation], extensions });
  } finally {
    Error.stackTraceLimit = limit;
  }
};

/** The refusals of one operation (none when it is within both limits). */
const refusalsOf = (operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>, connections: ReadonlySet<string>, limits: QueryLimits): GraphQLError[] => {
  const sizes = { fallback: limits.defaultListSize ?? 20, variable: limits.maxListSize ?? 100 };
  const { depth, complexity } = measure(operation, fragments, connections, sizes);
  const refusals: GraphQLError[] = [];
  if (depth > limits.maxDepth) {
    refusals.push(refusal(`the query is ${depth} levels deep; the limit is ${limits.maxDepth}`, operation, { code: QUERY_TOO_DEEP, depth, limit: limits.maxDepth }));
  }
  if (complexity > limits.maxComplexity) {
    refusals.push(refusal(`the query costs ${complexity}; the limit is ${limits.maxComplexity}`, operation, { code: QUERY_TOO_COMPLEX, complexity, limit: limits.maxComplexity }));
  }
  return refusals;
};

const fragmentsOf = (document: DocumentNode): Record<string, FragmentDefinitionNode> => {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
};

/**
 * Measures every operation of a parsed document, before (and instead of) the schema validation: the gateway
 * refuses an over-limit document with these errors alone, so an attacker's costly query costs one walk of
 * its syntax tree, not graphql-js's ~30 validation rules. It needs no schema: a field the schema lacks
 * costs like any other, and the validation that runs next on a document within the limits reports it.
 */
export const queryLimitErrors = (document: DocumentNode, limits: QueryLimits, connectionFields: readonly string[] = []): GraphQLError[] => {
  const connections = new Set(connectionFields);
  const fragments = fragmentsOf(document);
  return document.definitions.flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION ? refusalsOf(definition, fragments, connections, limits) : []));
};

/** The same limits as a validation rule (for a server that validates with graphql-js's `validate`). */
export const queryLimitsRule =
  (limits: QueryLimits, connectionFields: readonly string[] = []) =>
  (context: ValidationContext): ASTVisitor => {
    const connections = new Set(connectionFields);
    const fragments = fragmentsOf(context.getDocument());
    return {
      OperationDefinition(operation) {
        for (const refusal of refusalsOf(operation, fragments, connections, limits)) context.reportError(refusal);
      },
    };
  };
