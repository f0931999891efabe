import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/**
 * The module boundaries of Rooftop, checked on source text (docs/style.md "Boundaries"):
 * - a service never imports another service (contexts meet only through contracts and NATS);
 * - `services/<context>/src/domain/**` imports no framework, database, NATS or I/O module, and reads no clock or
 *   random source (time and ids come in with the command);
 * - the kernel (`packages/eventsourcing`) imports no pg, NATS or Nest;
 * - no workspace reaches into another with a relative `../` path (only `@rooftop/<name>` imports).
 */
export interface Violation {
  readonly rule: 'service-imports-service' | 'domain-impurity' | 'kernel-impurity' | 'cross-workspace-relative-import';
  readonly file: string;
  readonly detail: string;
}

const FORBIDDEN_IN_DOMAIN = [
  /^@nestjs\//,
  /^pg$/,
  /^pg-/,
  /^@nats-io\//,
  /^nats$/,
  /^@eventstore\//,
  /^graphql/,
  /^@pothos\//,
  /^pino/,
  /^prom-client$/,
  /^(node:)?(fs|fs\/promises|http|https|net|child_process|crypto|os|dgram|worker_threads|perf_hooks|timers)$/,
  /^@rooftop\/(eventstore-|projections-|messaging|platform|testkit)/,
];
const CLOCK_OR_RANDOM = [/\bDate\.now\s*\(/, /\bnew Date\s*\(\s*\)/, /\bperformance\.now\s*\(/, /\bMath\.random\s*\(/, /\brandomUUID\s*\(/];
// Unit specs sit beside the domain code (docs/style.md) and use the testkit's pure given/when/then.
const DOMAIN_UNIT_SPEC = /\.unit\.spec\.ts$/;
const ALLOWED_IN_DOMAIN_UNIT_SPECS = /^@rooftop\/testkit$/;
const FORBIDDEN_IN_KERNEL = [/^pg$/, /^@nats-io\//, /^nats$/, /^@nestjs\//, /^@eventstore\//];

const SOURCE = /\.(ts|tsx|mts|cts|js|mjs)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', '.turbo', 'coverage']);

const walk = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir).flatMap((name) => {
        if (SKIP_DIRS.has(name)) return [];
        const path = join(dir, name);
        return statSync(path).isDirectory() ? walk(path) : SOURCE.test(name) ? [path] : [];
      })
    : [];

interface Workspace {
  readonly root: string;
  readonly name: string;
  readonly kind: 'service' | 'package' | 'other';
}

const workspacesOf = (repoRoot: string): Workspace[] => {
  const found: Workspace[] = [];
  for (const [parent, kind] of [
    ['services', 'service'],
    ['packages', 'package'],
  ] as const) {
    const base = join(repoRoot, parent);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base)) {
      if (existsSync(join(base, name, 'package.json'))) found.push({ root: join(base, name), name, kind });
    }
  }
  for (const name of ['gateway', 'bench']) {
    if (existsSync(join(repoRoot, name, 'package.json'))) found.push({ root: join(repoRoot, name), name, kind: 'other' });
  }
  return found;
};

const importsOf = (text: string): string[] => ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);

const inside = (root: string, path: string): boolean => path === root || path.startsWith(root + sep);

export const checkArchitecture = (repoRoot: string): Violation[] => {
  const violations: Violation[] = [];
  const workspaces = workspacesOf(repoRoot);
  const services = workspaces.filter((w) => w.kind === 'service');

  for (const workspace of workspaces) {
    for (const file of walk(workspace.root)) {
      const text = readFileSync(file, 'utf8');
      const rel = relative(repoRoot, file);
      const domainFile = workspace.kind === 'service' && inside(join(workspace.root, 'src', 'domain'), file);
      const kernelFile = workspace.kind === 'package' && workspace.name === 'eventsourcing' && inside(join(workspace.root, 'src'), file);

      for (const specifier of importsOf(text)) {
        if (specifier.startsWith('.')) {
          const target = resolve(dirname(file), specifier);
          if (!inside(workspace.root, target)) {
            violations.push({ rule: 'cross-workspace-relative-import', file: rel, detail: `${specifier} leaves ${relative(repoRoot, workspace.root)}` });
          }
          const targetService = services.find((s) => s !== workspace && inside(s.root, target));
          if (workspace.kind === 'service' && targetService) {
            violations.push({ rule: 'service-imports-service', file: rel, detail: `${specifier} is inside services/${targetService.name}` });
          }
          continue;
        }
        const serviceImport = /^@rooftop\/([a-z0-9-]+)-service(\/|$)/.exec(specifier);
        if (workspace.kind === 'service' && serviceImport && serviceImport[1] !== workspace.name) {
          violations.push({ rule: 'service-imports-service', file: rel, detail: specifier });
        }
        const specHelper = DOMAIN_UNIT_SPEC.test(file) && ALLOWED_IN_DOMAIN_UNIT_SPECS.test(specifier);
        if (domainFile && !specHelper && FORBIDDEN_IN_DOMAIN.some((pattern) => pattern.test(specifier))) {
          violations.push({ rule: 'domain-impurity', file: rel, detail: `imports ${specifier}` });
        }
        if (kernelFile && FORBIDDEN_IN_KERNEL.some((pattern) => pattern.test(specifier))) {
          violations.push({ rule: 'kernel-impurity', file: rel, detail: `imports ${specifier}` });
        }
      }
      if (domainFile) {
        const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
        for (const pattern of CLOCK_OR_RANDOM) {
          if (pattern.test(code)) violations.push({ rule: 'domain-impurity', file: rel, detail: `reads a clock or random source (${pattern.source})` });
        }
      }
    }
  }
  return violations;
};
