import { RooftopError } from '@rooftop/eventsourcing';
import { type RunOptions } from './suite.js';

export interface CliArgs {
  /** Suites to run, in the order given; empty means all. */
  readonly names: readonly string[];
  readonly options: RunOptions;
  readonly out: string;
  readonly list: boolean;
  readonly help: boolean;
}

export const defaultRunOptions: RunOptions = { durationMs: 8_000, warmupMs: 2_000, events: 100_000, peer: true };
export const defaultOut = 'results/latest.json';

export const usage = `Usage: npm run bench -- [name ...] [options]

  name              benchmark suites to run (default: all); see --list
  --list            list the suites and exit
  --no-peer         skip the Emmett side (peer and ratio columns stay empty)
  --duration=<s>    measured seconds of each append benchmark (default ${defaultRunOptions.durationMs / 1000})
  --warmup=<s>      warm-up seconds before measuring (default ${defaultRunOptions.warmupMs / 1000})
  --events=<n>      log size for catchup and rebuild (default ${defaultRunOptions.events})
  --out=<path>      JSON rows (default bench/${defaultOut})
  --help`;

const invalid = (message: string) => new RooftopError('VALIDATION_FAILED', `${message}\n\n${usage}`);

const positiveNumber = (flag: string, raw: string | undefined): number => {
  const value = Number(raw);
  if (raw === undefined || raw.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw invalid(`${flag} needs a positive number, got ${raw === undefined ? 'nothing' : `"${raw}"`}`);
  }
  return value;
};

/** Parses argv (without node and the script); unknown flags and suite names are typed errors, never ignored. */
export const parseArgs = (argv: readonly string[], known: readonly string[]): CliArgs => {
  const names: string[] = [];
  let options = defaultRunOptions;
  let out = defaultOut;
  let list = false;
  let help = false;

  for (const arg of argv) {
    if (!arg.startsWith('--')) {
      if (!known.includes(arg)) throw invalid(`unknown benchmark "${arg}" (known: ${known.join(', ')})`);
      if (!names.includes(arg)) names.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    const raw = eq === -1 ? undefined : arg.slice(eq + 1);
    switch (flag) {
      case '--list':
        list = true;
        break;
      case '--help':
        help = true;
        break;
      case '--no-peer':
        options = { ...options, peer: false };
        break;
      case '--duration':
        options = { ...options, durationMs: Math.round(positiveNumber(flag, raw) * 1000) };
        break;
      case '--warmup':
        options = { ...options, warmupMs: Math.round(positiveNumber(flag, raw) * 1000) };
        break;
      case '--events':
        options = { ...options, events: Math.round(positiveNumber(flag, raw)) };
        break;
      case '--out':
        if (!raw) throw invalid('--out needs a path');
        out = raw;
        break;
      default:
        throw invalid(`unknown option ${arg}`);
    }
  }
  return { names, options, out, list, help };
};
