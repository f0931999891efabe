import type { Plugin } from 'graphql-yoga';
import type { DocumentNode } from '../graphql.js';
import { type QueryLimits, queryLimitErrors } from './query-limits.js';

/** How many accepted documents the gateway keeps parsed and validated (yoga's own cache held 1,024). */
export const DEFAULT_ACCEPTED_DOCUMENTS = 1_024;

/**
 * A least-recently-used map on a Map's insertion order: a hit moves its key to the end, an insert past
 * `max` drops the first (oldest) key.
 */
class RecentlyUsed<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as K);
  }
}

/**
 * Parsing, the query limits and validation, with a cache of the documents that passed all three — and
 * only those. Yoga's own cache (switched off in `createGateway`) kept every parsed text, refused or not:
 * a caller sending fresh over-limit queries made every refused syntax tree survive into the old
 * generation, and the young-generation collections that copied them paused the process ~5 ms every
 * ~70 refusals (the refusal p99). Here a refused or invalid document is garbage as soon as its answer is
 * written, and its depth and cost are measured again if it comes back (one walk of its syntax tree, no
 * schema validation); an accepted text is parsed and validated once.
 */
export const documentCachePlugin = (limits: QueryLimits, connectionFields: readonly string[], max = DEFAULT_ACCEPTED_DOCUMENTS): Plugin => {
  const accepted = new RecentlyUsed<string, DocumentNode>(max);
  /** The text each document was parsed from, until its validation decides whether it is cached. */
  const texts = new WeakMap<DocumentNode, string>();
  const cached = new WeakSet<DocumentNode>();
  return {
    onParse({ params, setParsedDocument }) {
      const text = params.source.toString();
      const document = accepted.get(text);
      if (document !== undefined) {
        setParsedDocument(document);
        return undefined;
      }
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
        accepted.set(text, document);
        cached.add(document);
      };
    },
  };
};
