#!/usr/bin/env node
// Records foreign-platform optional dependencies in package-lock.json.
//
// Why: packages such as @swc/core, rollup and turbo ship one binary package per platform as
// optionalDependencies. `npm install` records every one of them in the lock file — unless the
// registry it talks to only mirrors the packages for the platform it runs on (ours answers 404
// for darwin/win32 builds). npm then leaves them out of the lock, and `npm ci` refuses the lock
// as "not in sync". This script adds the missing entries, with the `os`/`cpu`/`libc` fields npm
// uses to skip them, so `npm ci` installs exactly what the lock pins on every platform and never
// fetches a package this machine cannot use.
//
// Usage: node infra/lockfile/complete-optional.mjs   (after any `npm install` that changed the lock)
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const lockPath = fileURLToPath(new URL('../../package-lock.json', import.meta.url));
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;

const OS = {
  darwin: 'darwin',
  linux: 'linux',
  win32: 'win32',
  windows: 'win32',
  freebsd: 'freebsd',
  openbsd: 'openbsd',
  netbsd: 'netbsd',
  android: 'android',
  sunos: 'sunos',
  aix: 'aix',
  openharmony: 'openharmony',
};
const CPU = {
  x64: 'x64',
  64: 'x64',
  arm64: 'arm64',
  arm: 'arm',
  ia32: 'ia32',
  ppc64: 'ppc64',
  s390x: 's390x',
  riscv64: 'riscv64',
  loong64: 'loong64',
  mips64el: 'mips64el',
};

/** Derives npm's platform fields from a per-platform package name such as `@rollup/rollup-linux-arm64-musl`. */
function platformOf(name) {
  const tokens = name.split('/').pop().split('-');
  const fields = {};
  for (const token of tokens) {
    if (OS[token] && !fields.os) fields.os = [OS[token]];
    else if (CPU[token] && !fields.cpu) fields.cpu = [CPU[token]];
    else if (token === 'musl' || token.startsWith('musl')) fields.libc = ['musl'];
    else if (token === 'gnu' || token.startsWith('gnueabi')) fields.libc = ['glibc'];
  }
  if (!fields.os || !fields.cpu) return undefined;
  if (fields.os[0] !== 'linux') delete fields.libc;
  return fields;
}

/** Where npm would resolve `dep` from a package at `location`: its own node_modules, then each parent's. */
function resolves(location, dep) {
  let base = location;
  for (;;) {
    if (packages[`${base ? `${base}/` : ''}node_modules/${dep}`]) return true;
    if (!base) return false;
    const cut = base.lastIndexOf('node_modules/');
    base = cut <= 0 ? '' : base.slice(0, cut - 1);
  }
}

let added = 0;
for (const [location, entry] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    if (resolves(location, dep)) continue;
    const platform = platformOf(dep);
    if (!platform) {
      console.error(`cannot tell the platform of optional dependency ${dep} (of ${location || 'root'}); add it by hand`);
      process.exitCode = 1;
      continue;
    }
    // Same key order as npm writes (version first, the rest alphabetical), so npm's next write is a no-op.
    const fields = { ...platform, dev: entry.dev, optional: true };
    const sorted = Object.fromEntries(
      Object.keys(fields)
        .sort()
        .map((key) => [key, fields[key]]),
    );
    packages[`node_modules/${dep}`] = { version, ...sorted };
    added += 1;
  }
}

lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: recorded ${added} foreign-platform optional dependencies`);
