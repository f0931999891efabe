import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkArchitecture } from '@rooftop/testkit/architecture';
import { GATEWAY_NODE_FLAGS } from '../src/runtime.js';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The gateway meets services only through contracts and NATS, and reads only published read views.

const gatewayRoot = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = join(gatewayRoot, '..');

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.ts$/.test(name) ? [path] : [];
  });

const files = [...sources(join(gatewayRoot, 'src')), ...sources(join(gatewayRoot, 'test')), ...sources(join(gatewayRoot, 'scripts'))];

describe('gateway boundaries', () => {
  it('imports no service package', () => {
    const offenders = files.flatMap((file) =>
      ts
        .preProcessFile(readFileSync(file, 'utf8'), true, true)
        .importedFiles.map((f) => f.fileName)
        .filter((name) => /^@rooftop\/[a-z-]+-service(\/|$)/.test(name) || /services\//.test(name))
        .map((name) => `${file.slice(gatewayRoot.length)} imports ${name}`),
    );
    expect(offenders).toEqual([]);
  });

  it('reads SQL only from the read schema, never a write table or the event log', () => {
    const offenders = sources(join(gatewayRoot, 'src')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\b(?:FROM|JOIN)\s+([^\s(]+)/g)]
        .map((m) => m[1]!)
        .filter((table) => !table.startsWith('${readSchema}.'))
        .map((table) => `${file.slice(gatewayRoot.length)} reads ${table}`),
    );
    expect(offenders).toEqual([]);
  });

  it("breaks none of the platform's module rules", () => {
    expect(checkArchitecture(repoRoot).filter((v) => v.file.startsWith('gateway/'))).toEqual([]);
  });
});

describe('gateway runtime flags', () => {
  it('every launcher of a gateway process passes GATEWAY_NODE_FLAGS: npm start and the Docker image', () => {
    const start = (JSON.parse(readFileSync(join(gatewayRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start!;
    const dockerfile = readFileSync(join(repoRoot, 'infra/docker/Dockerfile'), 'utf8');
    const cmd = /FROM runtime AS gateway[\s\S]*?CMD (\[.*\])/.exec(dockerfile)?.[1];
    expect(cmd).toBeDefined();
    const cmdArgs = JSON.parse(cmd!) as string[];
    for (const flag of GATEWAY_NODE_FLAGS) {
      expect(start.split(' ').slice(0, start.split(' ').indexOf('src/main.ts'))).toContain(flag);
      expect(cmdArgs.slice(0, cmdArgs.indexOf('gateway/dist/main.js'))).toContain(flag);
    }
  });
});
