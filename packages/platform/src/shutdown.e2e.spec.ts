import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('../test/fixtures/shutdown-process.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  lines: Array<Record<string, unknown>>;
}

/** Starts the fixture, waits until it is up, sends it `signals` one after the other, and collects its exit. */
const runFixture = (mode: 'hang' | 'clean', signals: NodeJS.Signals[], env: Record<string, string> = {}): Promise<Run> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@rooftop/source', fixture, mode], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    const killer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!signalled && stdout.includes('READY\n')) {
        signalled = true;
        for (const signal of signals) child.kill(signal);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(killer);
      const lines = stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      resolve({ code, stdout, stderr, lines });
    });
  });

describe('shutdown in a real process', () => {
  it('SIGTERM (twice) runs the hooks once, in order, and exits 0', async () => {
    const run = await runFixture('clean', ['SIGTERM', 'SIGTERM'], { SHUTDOWN_TIMEOUT_MS: '30000' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const done = run.lines.filter((l) => l.msg === 'shutdown hook done').map((l) => l.hook);
    expect(done).toEqual(['stop-intake', 'close-db']);
    expect(run.lines.filter((l) => l.msg === 'shutting down')).toHaveLength(1);
    expect(run.lines.at(-1)).toMatchObject({ msg: 'shutdown complete', reason: 'SIGTERM', service: 'shutdown-fixture', storeId: 'store-01' });
  }, 120_000);

  it('a hung hook makes the process exit with code 1 and a log line naming that hook', async () => {
    const run = await runFixture('hang', ['SIGINT'], { SHUTDOWN_TIMEOUT_MS: '1000' });
    expect(run.code).toBe(1);
    const timedOut = run.lines.find((l) => l.level === 'error');
    expect(timedOut).toMatchObject({ hook: 'stuck-consumer', timeoutMs: 1000, reason: 'SIGINT' });
    expect(String(timedOut?.msg)).toContain('hook stuck-consumer did not finish');
    expect(run.lines.filter((l) => l.msg === 'shutdown hook done').map((l) => l.hook)).toEqual(['stop-intake']);
    expect(run.lines.some((l) => l.msg === 'shutdown complete')).toBe(false);
  }, 120_000);
});
