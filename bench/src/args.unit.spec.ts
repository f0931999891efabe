import { describe, expect, it } from 'vitest';
import { defaultOut, defaultRunOptions, parseArgs } from './args.js';

const known = ['append', 'append-batch', 'catchup', 'rebuild'];

describe('parseArgs', () => {
  it('runs everything with the default sizes when given nothing', () => {
    expect(parseArgs([], known)).toEqual({ names: [], options: defaultRunOptions, out: defaultOut, list: false, help: false });
  });

  it('keeps the named suites in the order given, once each', () => {
    expect(parseArgs(['rebuild', 'append', 'rebuild'], known).names).toEqual(['rebuild', 'append']);
  });

  it('reads the sizing flags (seconds become milliseconds) and --no-peer', () => {
    const args = parseArgs(['append', '--duration=3', '--warmup=0.5', '--events=50000', '--no-peer', '--out=/tmp/x.json'], known);
    expect(args.options).toEqual({ durationMs: 3_000, warmupMs: 500, events: 50_000, peer: false });
    expect(args.out).toBe('/tmp/x.json');
  });

  it('recognises --list and --help', () => {
    expect(parseArgs(['--list'], known).list).toBe(true);
    expect(parseArgs(['--help'], known).help).toBe(true);
  });

  it('rejects an unknown suite, naming the known ones', () => {
    expect(() => parseArgs(['apend'], known)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', message: expect.stringContaining('append, append-batch, catchup, rebuild') }),
    );
  });

  it('rejects unknown flags and bad numbers instead of silently using a default', () => {
    for (const argv of [['--fast'], ['--events=lots'], ['--events=-5'], ['--duration='], ['--duration'], ['--out=']]) {
      expect(() => parseArgs(argv, known), argv.join(' ')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    }
  });
});
