import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nkeyAuthenticator } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { freePort, hubConfigFor, type NatsServer, startNatsServer } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm run nats:credentials` as docs/operations.md tells an operator to use it: init, a hub started from
// infra/nats/hub.conf with the files it wrote, then a rotation with --reload-hub: the old seed is refused, the new
// one accepted, the server never restarted.

const tool = new URL('../../nats-security/', import.meta.url).pathname;
const run = (...args: string[]): string =>
  execFileSync(process.execPath, ['--import', 'tsx', '--conditions=@rooftop/source', 'scripts/credentials.ts', ...args], { cwd: tool, encoding: 'utf8' });

describe('npm run nats:credentials', () => {
  let dir: string;
  let hub: NatsServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rooftop-creds-'));
    run('init', '--group', 'acme', '--stores', 'sh-001', '--out', dir, '--hub-leaf-url', 'nats-leaf://127.0.0.1:7422');
    const [port, leafPort, monitorPort] = [await freePort(), await freePort(), await freePort()];
    const config = hubConfigFor({ port, leafPort, monitorPort, jetstreamDir: join(dir, 'jetstream') });
    hub = await startNatsServer({ jetstream: false, port, config, configDir: join(dir, 'hub') });
  });
  afterAll(async () => {
    await hub?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const envOf = (key: string) =>
    Object.fromEntries(
      run('env', '--out', dir, key)
        .trim()
        .split('\n')
        .map((line) => line.split('=') as [string, string]),
    );
  const outcome = (seed: string, inbox: string) =>
    connect({ servers: hub.url, authenticator: nkeyAuthenticator(new TextEncoder().encode(seed)), inboxPrefix: inbox, reconnect: false }).then(
      async (nc) => {
        await nc.close();
        return 'accepted';
      },
      (error: Error) => (/Authorization Violation/i.test(error.message) ? 'refused' : error.message),
    );

  it('writes seeds only to their own 0600 files, and a hub started from them takes each user', async () => {
    const env = envOf('hq/gateway');
    expect(env.NATS_INBOX_PREFIX).toBe('_INBOX.hq_gateway');
    expect(readFileSync(join(dir, 'credentials', 'users', 'hq', 'gateway.nk'), 'utf8').trim()).toBe(env.NATS_NKEY_SEED);
    expect(readFileSync(join(dir, 'hub', 'security', 'hub.conf'), 'utf8')).not.toContain(env.NATS_NKEY_SEED!);
    expect(execFileSync('stat', ['-c', '%a', join(dir, 'credentials', 'users', 'hq', 'gateway.nk')], { encoding: 'utf8' }).trim()).toBe('600');
    expect(await outcome(env.NATS_NKEY_SEED!, env.NATS_INBOX_PREFIX!)).toBe('accepted');
    expect(await outcome(envOf('hq/simulator').NATS_NKEY_SEED!, '_INBOX.hq_simulator')).toBe('accepted');
  });

  it('rotate --reload-hub: the old seed is refused, the new one accepted, the same server process', async () => {
    const before = envOf('hq/gateway');
    const pid = hub.pid()!;
    expect(run('rotate', '--out', dir, 'hq/gateway', '--reload-hub', String(pid))).toContain(`reload signalled (pid ${pid})`);
    const after = envOf('hq/gateway');
    expect(after.NATS_NKEY_SEED).not.toBe(before.NATS_NKEY_SEED);
    // A reload is applied asynchronously by the server: the new seed is accepted once it has been.
    for (let i = 0; i < 100 && (await outcome(after.NATS_NKEY_SEED!, after.NATS_INBOX_PREFIX!)) !== 'accepted'; i += 1)
      await new Promise((r) => setTimeout(r, 50));
    expect(await outcome(after.NATS_NKEY_SEED!, after.NATS_INBOX_PREFIX!)).toBe('accepted');
    expect(await outcome(before.NATS_NKEY_SEED!, before.NATS_INBOX_PREFIX!)).toBe('refused');
    expect(hub.pid()).toBe(pid);
  });

  it('says a changed leaf password needs restarts instead of reloading', () => {
    expect(run('rotate', '--out', dir, 'leaf/sh-001', '--reload-hub', String(hub.pid()))).toContain('restart the hub');
  });
});
