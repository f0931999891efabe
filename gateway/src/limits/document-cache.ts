import type { Plugin } from 'graphql-yoga';
import { type DocumentNode, GraphQLError, type Source, type Token, parse } from '../graphql.js';
import { DEFAULT_MAX_TOKENS, QUERY_TOO_DEEP, QUERY_TOO_LARGE, type QueryLimits, queryLimitErrors, refusal } from './query-limits.js';

/** How many accepted documents the gateway keeps parsed and validated (yoga's own cache held 1,024). */
export const DEFAULT_ACCEPTED_DOCUMENTS = 1_024;

/**
 * How much memory the accepted documents may hold, as estimated by `weightOf` (16 MB): the 1,024 documents
 * of a busy deployment weigh ~3 MB, and a caller padding accepted documents to the body limit with comments
 * can make the cache hold no more than this.
 */
export const DEFAULT_ACCEPTED_BYTES = 16 * 1024 * 1024;

/** Bytes per token of a parsed and compiled document (its syntax tree node, location and JIT code), measured ~150–250. */
const BYTES_PER_TOKEN = 256;

/**
 * A least-recently-used map on a Map's insertion order, bounded by entries and by a total weight: a hit
 * moves its key to the end, an insert drops the first (oldest) keys until both bounds hold.
 */
class RecentlyUsed<K, V> {
  private readonly entries = new Map<K, { readonly value: V; readonly weight: number }>();
  private weight = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxWeight: number,
  ) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry?.value;
  }

  set(key: K, value: V, weight: number): void {
    // One entry may take a quarter of the budget at most, so a huge document cannot flush the whole cache.
    if (weight > this.maxWeight / 4) return;
    this.drop(key);
    this.entries.set(key, { value, weight });
    this.weight += weight;
    while (this.entries.size > this.maxEntries || this.weight > this.maxWeight) this.drop(this.entries.keys().next().value as K);
  }

  private drop(key: K): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.weight -= entry.weight;
  }
}

/** What a parsed document keeps alive: its text (UTF-16, shared with the cache key) and its tokens' trees. */
const weightOf = (text: string, document: DocumentNode): number => {
  let tokens = 0;
  for (let token: Token | null | undefined = document.loc?.startToken; token; token = token.next) tokens += 1;
  return 2 * text.length + BYTES_PER_TOKEN * tokens;
};

export interface DocumentCacheOptions {
  readonly maxEntries?: number;
  readonly maxBytes?: number;
}

/**
 * graphql-js's parser recurses once per nesting level; a document nested a few thousand levels deep (within
 * the token limit only if the limit is raised far) ends its stack. That is the caller's document, not a fault:
 * answered like any over-deep query.
 */
/** graphql-js's message when `maxTokens` stops the parser ("Document contains more that N tokens. Parsing aborted."). */
const TOKEN_LIMIT = /Document contains more th\w+ \d+ tokens\. Parsing aborted\.$/;

const boundedParse = (maxTokens: number) => (source: string | Source) => {
  try {
    return parse(source, { maxTokens });
  } catch (error) {
    if (error instanceof RangeError) throw refusal('the document nests too deeply to parse', undefined, { code: QUERY_TOO_DEEP });
    if (error instanceof GraphQLError && TOKEN_LIMIT.test(error.message)) {
      throw refusal(`the document holds more than ${maxTokens} tokens`, undefined, { code: QUERY_TOO_LARGE, limit: maxTokens });
    }
    throw error;
  }
};

/**
 * Parsing (with the token limit), the query limits and validation, with a cache of the documents that
 * passed all three — and only those. Yoga's own cache (switched off in `createGateway`) kept every parsed
 * text, refused or not: a caller sending fresh over-limit queries made every refused syntax tree survive
 * into the old generation, and the young-generation collections that copied them paused the process ~5 ms
 * every ~70 refusals (the refusal p99). Here a refused or invalid document is garbage as soon as its answer
 * is written, and its depth and cost are measured again if it comes back (one walk of its syntax tree, no
 * schema validation); an accepted text is parsed and validated once. The cache is bounded by entries and by
 * an estimate of the bytes they hold (ADR 0010).
 */
export const documentCachePlugin = (limits: QueryLimits, connectionFields: readonly string[], cache: DocumentCacheOptions = {}): Plugin => {
  const accepted = new RecentlyUsed<string, DocumentNode>(cache.maxEntries ?? DEFAULT_ACCEPTED_DOCUMENTS, cache.maxBytes ?? DEFAULT_ACCEPTED_BYTES);
  /** The text each document was parsed from, until its validation decides whether it is cached. */
  const texts = new WeakMap<DocumentNode, string>();
  const cached = new WeakSet<DocumentNode>();
  const parseWithin = boundedParse(limits.maxTokens ?? DEFAULT_MAX_TOKENS);
  return {
    onParse({ params, setParsedDocument, setParseFn }) {
      const text = params.source.toString();
      const document = accepted.get(text);
      if (document !== undefined) {
        setParsedDocument(document);
        return undefined;
      }
      setParseFn(parseWithin);
      return ({ result }) => {
        if (result !== null && !(result instanceof Error)) texts.set(result as DocumentNode, text);
      };
    },
    onValidate({ params, setResult }) {
      const document = params.documentAST;
      if (cached.has(document)) {
        setResult([]);
        return undefined;
      }
      const refusals = queryLimitErrors(document, limits, connectionFields);
      if (refusals.length > 0) {
        setResult(refusals);
        return undefined;
      }
      return ({ valid }) => {
        const text = texts.get(document);
        if (!valid || text === undefined) return;
        accepted.set(text, document, weightOf(text, document));
        cached.add(document);
      };
    },
  };
};
