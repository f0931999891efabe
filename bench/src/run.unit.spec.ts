import { describe, expect, it } from 'vitest';
import { defaultRunOptions } from './args.js';
import { RunContext } from './context.js';
import { runSuites } from './run.js';
import { toRow, type BenchSuite } from './suite.js';

const quiet = () => undefined;

describe('runSuites', () => {
  it('runs every suite in order, keeps a crashed suite as a failure and still runs the rest', async () => {
    const order: string[] = [];
    const suite = (name: string, run: BenchSuite['run']): BenchSuite => ({ name, description: name, run });
    const outcome = await runSuites(
      [
        suite('first', async () => {
          order.push('first');
          return [toRow({ name: 'first', value: 1, unit: 'events/s', target: { op: '>=', value: 2 } })];
        }),
        suite('broken', async () => {
          order.push('broken');
          throw new Error('database went away');
        }),
        suite('last', async () => {
          order.push('last');
          return [toRow({ name: 'last', value: 3, unit: 'ms' })];
        }),
      ],
      defaultRunOptions,
      quiet,
    );
    expect(order).toEqual(['first', 'broken', 'last']);
    expect(outcome.rows.map((row) => [row.name, row.met])).toEqual([
      ['first', false],
      ['last', null],
    ]);
    expect(outcome.failures).toHaveLength(1);
    expect(outcome.failures[0]).toMatchObject({ suite: 'broken', error: expect.stringContaining('database went away') });
  });

  it('runs deferred cleanups when the run ends, even after a crash, newest first', async () => {
    const closed: string[] = [];
    await runSuites(
      [
        {
          name: 'opens',
          description: 'opens two clients then crashes',
          run: async (context) => {
            context.defer(async () => void closed.push('a'));
            context.defer(async () => void closed.push('b'));
            throw new Error('boom');
          },
        },
      ],
      defaultRunOptions,
      quiet,
    );
    expect(closed).toEqual(['b', 'a']);
  });
});

describe('RunContext.fixture', () => {
  it('builds a fixture once per key and hands every caller the same value', async () => {
    const context = new RunContext(defaultRunOptions, quiet);
    let builds = 0;
    const create = async () => ({ build: ++builds });
    const [a, b] = await Promise.all([context.fixture('log', create), context.fixture('log', create)]);
    expect(a).toBe(b);
    expect(await context.fixture('other', create)).toEqual({ build: 2 });
    expect(builds).toBe(2);
  });

  it('does not cache a failed fixture, so the next suite retries it', async () => {
    const context = new RunContext(defaultRunOptions, quiet);
    await expect(context.fixture('log', async () => Promise.reject(new Error('seed failed')))).rejects.toThrow('seed failed');
    expect(await context.fixture('log', async () => 'seeded')).toBe('seeded');
  });
});
