import { describe, expect, it } from 'vitest';
import { DuplicateReadinessCheckError, Readiness, runReadinessCheck } from './readiness.js';

describe('runReadinessCheck', () => {
  it('passes when the check resolves, fails with the error message when it throws or resolves false', async () => {
    await expect(runReadinessCheck('ok', async () => 'fine', 5_000)).resolves.toMatchObject({ name: 'ok', ok: true });
    await expect(runReadinessCheck('sync-ok', () => undefined, 5_000)).resolves.toMatchObject({ ok: true });
    await expect(
      runReadinessCheck(
        'boom',
        () => {
          throw new Error('connection refused');
        },
        5_000,
      ),
    ).resolves.toMatchObject({ ok: false, error: 'connection refused' });
    await expect(runReadinessCheck('no', async () => false, 5_000)).resolves.toMatchObject({ ok: false, error: 'reported not ready' });
  });

  it('times out a hanging check and aborts its signal', async () => {
    let aborted: AbortSignal | undefined;
    const result = await runReadinessCheck(
      'hangs',
      (signal) => {
        aborted = signal;
        return new Promise(() => undefined);
      },
      50,
    );
    expect(result).toMatchObject({ name: 'hangs', ok: false, error: 'timed out after 50 ms' });
    expect(aborted?.aborted).toBe(true);
  });
});

describe('Readiness', () => {
  it('is ready only when every check passes, and reports each one', async () => {
    const readiness = new Readiness(5_000);
    let dbUp = false;
    readiness.register('postgres', () => dbUp);
    readiness.register('nats', () => true);
    const down = await readiness.run();
    expect(down.ready).toBe(false);
    expect(down.checks.map((c) => [c.name, c.ok])).toEqual([
      ['postgres', false],
      ['nats', true],
    ]);
    dbUp = true;
    expect((await readiness.run()).ready).toBe(true);
  });

  it('refuses a second check with the same name and can unregister one', async () => {
    const readiness = new Readiness(5_000);
    const remove = readiness.register('postgres', () => false);
    expect(() => readiness.register('postgres', () => true)).toThrow(DuplicateReadinessCheckError);
    remove();
    expect(readiness.names()).toEqual([]);
    expect(await readiness.run()).toEqual({ ready: true, checks: [] });
  });

  it('shares one in-flight run between concurrent probes', async () => {
    const readiness = new Readiness(5_000);
    let calls = 0;
    let release: () => void = () => undefined;
    readiness.register('slow', () => {
      calls += 1;
      return new Promise<void>((resolve) => (release = resolve));
    });
    const first = readiness.run();
    const second = readiness.run();
    await new Promise((resolve) => setImmediate(resolve));
    release();
    expect(await first).toBe(await second);
    expect(calls).toBe(1);
  });
});
