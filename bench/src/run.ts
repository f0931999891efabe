import { RunContext } from './context.js';
import { type SuiteFailure } from './report.js';
import { type BenchRow, type BenchSuite, type RunOptions } from './suite.js';

export interface RunOutcome {
  readonly rows: readonly BenchRow[];
  readonly failures: readonly SuiteFailure[];
}

const describeError = (error: unknown): string => (error instanceof Error ? (error.stack ?? error.message) : String(error));

/**
 * Runs the suites one after another (never in parallel: they would measure each other). A suite that
 * throws is recorded as a failure and the rest still run; a missed target is just a row with met = false.
 */
export const runSuites = async (
  selected: readonly BenchSuite[],
  options: RunOptions,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<RunOutcome> => {
  const context = new RunContext(options, log);
  const rows: BenchRow[] = [];
  const failures: SuiteFailure[] = [];
  try {
    for (const suite of selected) {
      log(`▶ ${suite.name}: ${suite.description}`);
      const started = performance.now();
      try {
        rows.push(...(await suite.run(context)));
        log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      } catch (error) {
        failures.push({ suite: suite.name, error: describeError(error) });
        log(`  ✗ ${suite.name} crashed: ${describeError(error)}`);
      }
    }
  } finally {
    for (const problem of await context.close()) log(`  ! ${problem}`);
  }
  return { rows, failures };
};
