import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, resolve, sep } from 'node:path';

/**
 * The repository stands alone (CONTRIBUTING.md "Dependencies and docs"): every Markdown link resolves to a file
 * or folder inside it, no Markdown link goes to the web, and no code or doc cites a document kept outside it
 * (the business rules are in docs/domain/, the design in docs/architecture.md, the style in docs/style.md).
 */
export interface DocViolation {
  readonly rule: 'broken-link' | 'link-leaves-repository' | 'outside-citation';
  readonly file: string;
  readonly detail: string;
}

const SKIP = new Set(['node_modules', 'dist', '.git', '.turbo', 'coverage', 'test-results', 'results']);
const TEXT = /\.(md|ts|mts|mjs|js|json|ya?ml)$/;
/** Names of the documents that live outside the repository, as the code used to cite them (built from parts, so
 * that this file does not match itself). */
const NAMES = ['DOMAIN', 'DESIGN', 'STYLE'].join('|');
const NOTES = ['domain', 'notes'].join('-');
const OUTSIDE = new RegExp(`\\.\\./shared/(?:${NAMES}|${NOTES}|seeds)|\\b(?:${NAMES})\\.md\\b|\\b${NOTES}\\b|\\bseeds/\\d{3}`);
const MARKDOWN_LINK = /\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;
/** The largest file read; a bigger one is not hand-written text. */
const MAX_BYTES = 2_000_000;

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') && entry.name !== '.ci') continue;
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile() && TEXT.test(entry.name) && entry.name !== 'package-lock.json') yield path;
  }
}

/**
 * The violations among `files` (repository-relative POSIX path → text); `exists` says whether a relative path is
 * a file or folder of the repository.
 */
export const standaloneViolations = (files: ReadonlyMap<string, string>, exists: (path: string) => boolean): DocViolation[] => {
  const violations: DocViolation[] = [];
  for (const [file, text] of files) {
    // Generated JSON Schema and AsyncAPI name only schema URLs, never our documents.
    if (!file.startsWith('docs/events/')) {
      text.split('\n').forEach((line, i) => {
        const hit = OUTSIDE.exec(line);
        if (hit) violations.push({ rule: 'outside-citation', file, detail: `line ${i + 1}: ${hit[0]}` });
      });
    }
    if (!file.endsWith('.md')) continue;
    for (const match of text.matchAll(MARKDOWN_LINK)) {
      const target = match[1]!;
      if (target.startsWith('#')) continue;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
        violations.push({ rule: 'link-leaves-repository', file, detail: target });
        continue;
      }
      const path = posix.normalize(posix.join(posix.dirname(file), decodeURIComponent(target.split('#')[0]!)));
      if (path === '..' || path.startsWith('../') || path.startsWith('/')) violations.push({ rule: 'link-leaves-repository', file, detail: target });
      else if (!exists(path)) violations.push({ rule: 'broken-link', file, detail: target });
    }
  }
  return violations;
};

/** Reads the repository's text files and checks them (see `standaloneViolations`). */
export const checkStandaloneDocs = (repoRoot: string): DocViolation[] => {
  const root = resolve(repoRoot);
  const files = new Map<string, string>();
  for (const file of walk(root)) {
    const text = readFileSync(file, 'utf8');
    if (text.length <= MAX_BYTES) files.set(relative(root, file).split(sep).join('/'), text);
  }
  return standaloneViolations(files, (path) => existsSync(join(root, path)));
};
