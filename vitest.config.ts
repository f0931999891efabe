import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import swc from 'unplugin-swc';
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Every workspace is one vitest project. Projects inherit the root plugins (SWC keeps NestJS decorator
// metadata, which esbuild drops) and resolve workspace packages to their TypeScript sources.
const workspaceDirs = ['packages', 'services']
  .flatMap((parent) => (existsSync(parent) ? readdirSync(parent).map((name) => join(parent, name)) : []))
  .concat(['gateway', 'bench'])
  .filter((dir) => existsSync(join(dir, 'package.json')));

const conditions = ['@rooftop/source', ...defaultServerConditions];

export default defineConfig({
  plugins: [swc.vite({ tsconfigFile: false, jsc: { target: 'es2022', parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true } } })],
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    projects: workspaceDirs.map((dir) => ({
      extends: true,
      test: {
        name: (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string }).name,
        root: dir,
        include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
        testTimeout: 60_000,
        hookTimeout: 60_000,
      },
    })),
  },
});
