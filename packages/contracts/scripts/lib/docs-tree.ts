import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { type ContextContracts } from '../../src/index.js';
import { buildAsyncApi, renderAsyncApi } from './asyncapi.js';
import { renderCatalog } from './catalog.js';
import { canonicalJson } from './canonical-json.js';
import { commandJsonSchema, eventJsonSchema, eventVersions } from './json-schemas.js';

// docs/events as a map of relative path → content, so generating, writing and comparing are separate steps.

export type DocsTree = ReadonlyMap<string, string>;

export const renderDocs = (contexts: readonly ContextContracts[], version: string): DocsTree => {
  const files = new Map<string, string>();
  for (const ctx of contexts) {
    for (const e of ctx.events) {
      for (const v of eventVersions(e)) {
        files.set(`schemas/${ctx.context}/${e.type}.v${v.version}.json`, canonicalJson(eventJsonSchema(e, v, 'draft-2020-12')));
      }
    }
    for (const c of ctx.commands) files.set(`schemas/${ctx.context}/commands/${c.type}.json`, canonicalJson(commandJsonSchema(c)));
  }
  files.set('asyncapi.yaml', renderAsyncApi(buildAsyncApi(contexts, version)));
  files.set('README.md', renderCatalog(contexts));
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
};

/** Every file under `root` (missing root = empty), keyed by its `/`-separated path relative to root. */
export const readTree = (root: string): DocsTree => {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(root, path).split(sep).join('/'), readFileSync(path, 'utf8'));
    }
  };
  walk(root);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
};

/** Writes the tree under `root` and deletes files there that the tree no longer has (a removed contract). */
export const writeTree = (root: string, tree: DocsTree): { written: number; removed: string[] } => {
  const removed = [...readTree(root).keys()].filter((path) => !tree.has(path));
  for (const path of removed) rmSync(join(root, path));
  for (const [path, content] of tree) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return { written: tree.size, removed };
};

export interface TreeDiff {
  readonly missing: string[];
  readonly changed: string[];
  readonly extra: string[];
}

export const diffTrees = (expected: DocsTree, actual: DocsTree): TreeDiff => ({
  missing: [...expected.keys()].filter((path) => !actual.has(path)),
  changed: [...expected.keys()].filter((path) => actual.has(path) && actual.get(path) !== expected.get(path)),
  extra: [...actual.keys()].filter((path) => !expected.has(path)),
});

export const isClean = (diff: TreeDiff): boolean => diff.missing.length + diff.changed.length + diff.extra.length === 0;
