import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { checkArchitecture } from '../src/architecture.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

const trees: string[] = [];
const tree = (files: Record<string, string>): string => {
  const root = mkdtempSync(join(tmpdir(), 'rooftop-arch-'));
  trees.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
};
afterEach(() => trees.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })));

const pkg = (name: string) => JSON.stringify({ name });
const base = {
  'services/sales/package.json': pkg('@rooftop/sales-service'),
  'services/workshop/package.json': pkg('@rooftop/workshop-service'),
  'packages/eventsourcing/package.json': pkg('@rooftop/eventsourcing'),
  'packages/contracts/package.json': pkg('@rooftop/contracts'),
};

describe('architecture rules', () => {
  it('hold for this repository', () => {
    expect(checkArchitecture(repoRoot)).toEqual([]);
  });

  it('accept a clean service', () => {
    const root = tree({
      ...base,
      'services/workshop/src/domain/repair-order/repair-order.decide.ts':
        "import { DomainError } from '@rooftop/eventsourcing';\nimport { z } from 'zod';\nimport { due } from '../calendar.js';\nexport const at = (now: string) => new Date(now);\n",
      'services/workshop/src/commands/open.ts': "import pg from 'pg';\nimport { salesContracts } from '@rooftop/contracts';\n",
    });
    expect(checkArchitecture(root)).toEqual([]);
  });

  it("let a domain unit spec use the testkit's given/when/then, but not the domain code itself", () => {
    const root = tree({
      ...base,
      'services/sales/src/domain/lead/lead.unit.spec.ts': "import { deciderSpec } from '@rooftop/testkit';\n",
      'services/sales/src/domain/lead/lead.decide.ts': "import { deciderSpec } from '@rooftop/testkit';\n",
    });
    expect(checkArchitecture(root).map((v) => `${v.rule} ${v.file}`)).toEqual(['domain-impurity services/sales/src/domain/lead/lead.decide.ts']);
  });

  it('fail when a service imports another service, by package name or by path', () => {
    const root = tree({
      ...base,
      'services/workshop/src/reactions/delivered.ts': "import { leadDecider } from '@rooftop/sales-service';\n",
      'services/workshop/src/reactions/sneaky.ts': "export * from '../../../sales/src/domain/lead.js';\n",
    });
    const rules = checkArchitecture(root).map((v) => `${v.rule} ${v.file}`);
    expect(rules).toContain('service-imports-service services/workshop/src/reactions/delivered.ts');
    expect(rules).toContain('service-imports-service services/workshop/src/reactions/sneaky.ts');
    expect(rules).toContain('cross-workspace-relative-import services/workshop/src/reactions/sneaky.ts');
  });

  it.each([
    ["import { Injectable } from '@nestjs/common';", 'imports @nestjs/common'],
    ["import pg from 'pg';", 'imports pg'],
    ["import { connect } from '@nats-io/transport-node';", 'imports @nats-io/transport-node'],
    ["import { readFileSync } from 'node:fs';", 'imports node:fs'],
    ['export const now = () => Date.now();', 'reads a clock'],
    ['export const today = () => new Date();', 'reads a clock'],
    ['export const pick = () => Math.random();', 'random'],
  ])('fail when src/domain/** has %s', (line, detail) => {
    const root = tree({ ...base, 'services/sales/src/domain/lead/lead.decide.ts': `${line}\n` });
    const violations = checkArchitecture(root);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ rule: 'domain-impurity', file: 'services/sales/src/domain/lead/lead.decide.ts' });
    expect(violations[0]!.detail).toContain(detail);
  });

  it('fail when the kernel imports a database, NATS or Nest', () => {
    const root = tree({ ...base, 'packages/eventsourcing/src/store.ts': "import pg from 'pg';\nimport { Module } from '@nestjs/common';\n" });
    expect(checkArchitecture(root).map((v) => v.rule)).toEqual(['kernel-impurity', 'kernel-impurity']);
  });

  it('fail when a package reaches into another with ../', () => {
    const root = tree({ ...base, 'packages/contracts/src/x.ts': "import { fold } from '../../eventsourcing/src/decider.js';\n" });
    expect(checkArchitecture(root)).toEqual([
      { rule: 'cross-workspace-relative-import', file: 'packages/contracts/src/x.ts', detail: '../../eventsourcing/src/decider.js leaves packages/contracts' },
    ]);
  });
});
