import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkStandaloneDocs, standaloneViolations } from '../src/standalone-docs.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

// Built from parts, so that this file does not cite the outside documents it tests for.
const shared = ['..', 'shared', ''].join('/');
const domainDoc = ['DOMAIN', 'md'].join('.');

const check = (files: Record<string, string>) => {
  const tree = new Map(Object.entries(files));
  const folders = new Set(
    [...tree.keys()].flatMap((path) =>
      path
        .split('/')
        .slice(0, -1)
        .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
    ),
  );
  return standaloneViolations(tree, (path) => tree.has(path) || folders.has(path.replace(/\/$/, '')));
};

describe('the repository stands alone', () => {
  it('holds for this repository', () => {
    expect(checkStandaloneDocs(repoRoot)).toEqual([]);
  });

  it('accepts links to files, folders and anchors inside the tree', () => {
    const violations = check({
      'README.md': '[a](docs/a.md) [b](docs/a.md#part) [c](docs/) [d](#top) `../shared/messages.js`\n',
      'docs/a.md': '[up](../README.md)\n',
      'src/x.ts': "import { event } from '../shared/messages.js';\n",
    });
    expect(violations).toEqual([]);
  });

  it('names broken links, links to the web or out of the tree, and citations of outside documents', () => {
    const violations = check({
      'README.md': `[gone](docs/missing.md) [web](https://example.org/) [out](${shared}x.md)\n`,
      'src/rules.ts': `// the 7-day rule (${domainDoc} §1)\n`,
      'docs/b.md': `see ${shared}${domainDoc}\n`,
    });
    expect(violations.map((v) => `${v.rule} ${v.file} ${v.detail}`)).toEqual([
      'broken-link README.md docs/missing.md',
      'link-leaves-repository README.md https://example.org/',
      `link-leaves-repository README.md ${shared}x.md`,
      `outside-citation src/rules.ts line 1: ${domainDoc}`,
      `outside-citation docs/b.md line 1: ${shared}DOMAIN`,
    ]);
  });
});
