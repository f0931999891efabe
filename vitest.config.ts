import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defaultServerConditions } from 'vite';
import { configDefaults, defineConfig } from 'vitest/config';

// Every workspace is one vitest project. Projects inherit the root plugins (SWC keeps NestJS decorator
// metadata, which esbuild drops) and resolve workspace packages to their TypeScript sources.
const workspaceDirs = ['packages', 'services']
  .flatMap((parent) => (existsSync(parent) ? readdirSync(parent).map((name) => join(parent, name)) : []))
  .concat(['gateway', 'bench'])
  .filter((dir) => existsSync(join(dir, 'package.json')));

const conditions = ['@rooftop/source', ...defaultServerConditions];

// The test that runs a whole demo group (15 services, HQ and gateways: ~70 PostgreSQL connections at peak, both
// cores) runs last, in a project of its own, so it never meets another file's connections.
const WHOLE_GROUP = { dir: 'packages/simulator', files: ['test/npm-start.e2e.spec.ts'] };

const nameOf = (dir: string): string => (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string }).name;

export default defineConfig({
  plugins: [
    swc.vite({
      tsconfigFile: false,
      jsc: { target: 'es2022', parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true } },
    }),
  ],
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    // Services for the whole run: local ones when they answer, containers when only Docker does (infra/test).
    globalSetup: [fileURLToPath(new URL('./infra/test/global-setup.ts', import.meta.url))],
    projects: [
      ...workspaceDirs.map((dir) => ({
        extends: true as const,
        test: {
          name: nameOf(dir),
          root: dir,
          include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
          exclude: [...configDefaults.exclude, ...(dir === WHOLE_GROUP.dir ? WHOLE_GROUP.files : [])],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 0 },
        },
      })),
      {
        extends: true as const,
        test: {
          name: `${nameOf(WHOLE_GROUP.dir)}:whole-group`,
          root: WHOLE_GROUP.dir,
          include: WHOLE_GROUP.files,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
