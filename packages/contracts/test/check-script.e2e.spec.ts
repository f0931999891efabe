import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { platformContexts } from '../src/index.js';
import { renderDocs, writeTree } from '../scripts/lib/docs-tree.js';
import { contractsVersion, packageRoot } from '../scripts/lib/paths.js';

// Runs the drift check as the root test command does: a separate process through tsx.

const scratchDirs: string[] = [];
const scratch = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'rooftop-contracts-e2e-'));
  scratchDirs.push(dir);
  return dir;
};
afterAll(() => scratchDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const docs = renderDocs(platformContexts, contractsVersion());

describe('check script', () => {
  const runCheck = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', '--conditions=@rooftop/source', 'scripts/check.ts', ...args], {
      cwd: packageRoot,
      encoding: 'utf8',
      timeout: 120_000,
    });

  it('passes on the committed docs', () => {
    const result = runCheck();
    expect(result.stderr).not.toContain('does not match');
    expect(result.stdout).toContain('up to date');
    expect(result.status).toBe(0);
  });

  it('fails naming the drifted files and the command to run', () => {
    const dir = scratch();
    writeTree(dir, docs);
    writeFileSync(join(dir, 'README.md'), 'edited by hand\n');
    rmSync(join(dir, 'schemas/sales/LeadLost.v1.json'));
    const result = runCheck(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/changed: .*README\.md/);
    expect(result.stderr).toMatch(/missing: .*schemas\/sales\/LeadLost\.v1\.json/);
    expect(result.stderr).toContain('npm run contracts:generate');
  });
});
