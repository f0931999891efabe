import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logging.js';
import { createShutdown, ShutdownInProgressError } from './shutdown.js';

const setup = (timeoutMs = 30_000) => {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ service: 'test', destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
  const signals = new EventEmitter();
  const exits: number[] = [];
  const shutdown = createShutdown({ logger, timeoutMs, signalSource: signals, exit: (code) => void exits.push(code) });
  return { shutdown, signals, exits, lines };
};

const waitFor = async (condition: () => boolean, timeoutMs = 30_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('createShutdown', () => {
  it('on SIGTERM runs hooks once, by order then registration, awaiting each, and exits 0', async () => {
    const { shutdown, signals, exits } = setup();
    const ran: string[] = [];
    const hook = (name: string) => async () => {
      ran.push(`${name}:start`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      ran.push(`${name}:end`);
    };
    shutdown.onShutdown('close-db', hook('close-db'), { order: 300 });
    shutdown.onShutdown('stop-intake', hook('stop-intake'), { order: 100 });
    shutdown.onShutdown('close-nats', hook('close-nats'), { order: 300 });
    shutdown.onShutdown('drain', hook('drain'), { order: 200 });
    signals.emit('SIGTERM');
    signals.emit('SIGINT');
    expect(shutdown.shuttingDown).toBe(true);
    const outcome = await shutdown.shutdown('again');
    expect(outcome).toEqual({ reason: 'SIGTERM', exitCode: 0, failed: [] });
    expect(ran).toEqual(['stop-intake', 'drain', 'close-db', 'close-nats'].flatMap((n) => [`${n}:start`, `${n}:end`]));
    expect(exits).toEqual([0]);
    expect(signals.listenerCount('SIGTERM')).toBe(0);
  });

  it('goes on after a failing hook and exits 1 naming it', async () => {
    const { shutdown, exits, lines } = setup();
    const ran: string[] = [];
    shutdown.onShutdown('flaky', () => {
      throw new Error('socket already closed');
    });
    shutdown.onShutdown('after', () => void ran.push('after'), { order: 1 });
    const outcome = await shutdown.shutdown();
    expect(outcome).toEqual({ reason: 'requested', exitCode: 1, failed: ['flaky'] });
    expect(ran).toEqual(['after']);
    expect(exits).toEqual([1]);
    expect(lines.find((l) => l.hook === 'flaky')).toMatchObject({ level: 'error', msg: 'shutdown hook flaky failed' });
  });

  it('bounds the whole run: a hung hook is named, later hooks are skipped, exit code 1', async () => {
    const { shutdown, exits, lines } = setup(100);
    const ran: string[] = [];
    shutdown.onShutdown('first', () => void ran.push('first'), { order: 1 });
    shutdown.onShutdown('stuck-consumer', () => new Promise(() => undefined), { order: 2 });
    shutdown.onShutdown('never', () => void ran.push('never'), { order: 3 });
    const outcome = await shutdown.shutdown();
    expect(outcome).toEqual({ reason: 'requested', exitCode: 1, failed: [], timedOutHook: 'stuck-consumer' });
    expect(ran).toEqual(['first']);
    expect(exits).toEqual([1]);
    expect(lines.find((l) => l.level === 'error')).toMatchObject({
      hook: 'stuck-consumer',
      msg: expect.stringContaining('hook stuck-consumer did not finish'),
    });
  });

  it('refuses new hooks once shutdown has started, and unregistered hooks do not run', async () => {
    const { shutdown, signals, exits } = setup();
    const ran: string[] = [];
    const remove = shutdown.onShutdown('removed', () => void ran.push('removed'));
    remove();
    shutdown.onShutdown('slow', () => new Promise((resolve) => setTimeout(resolve, 20)));
    signals.emit('SIGINT');
    expect(() => shutdown.onShutdown('late', () => undefined)).toThrow(ShutdownInProgressError);
    await waitFor(() => exits.length > 0);
    expect(ran).toEqual([]);
    expect(exits).toEqual([0]);
  });

  it('refuses a timeout that would not bound anything', () => {
    const logger = createLogger({ service: 'test', destination: { write: () => undefined } });
    for (const timeoutMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => createShutdown({ logger, timeoutMs, signalSource: new EventEmitter() })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    }
  });

  it('dispose removes the signal listeners without shutting down', () => {
    const { shutdown, signals, exits } = setup();
    shutdown.dispose();
    expect(signals.listenerCount('SIGTERM') + signals.listenerCount('SIGINT')).toBe(0);
    expect(shutdown.shuttingDown).toBe(false);
    expect(exits).toEqual([]);
  });
});
