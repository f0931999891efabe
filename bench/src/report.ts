import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Machine } from './machine.js';
import { type BenchRow, type RunOptions } from './suite.js';

export interface SuiteFailure {
  readonly suite: string;
  readonly error: string;
}

export interface BenchReport {
  readonly startedAt: string;
  readonly machine: Machine;
  readonly options: RunOptions;
  readonly suites: readonly string[];
  readonly rows: readonly BenchRow[];
  readonly failures: readonly SuiteFailure[];
}

/** Stable key order and plain numbers, so two result files diff cleanly. */
export const toJson = (report: BenchReport): string =>
  `${JSON.stringify(
    {
      ...report,
      rows: report.rows.map(({ name, value, unit, target, met, peer, ratio }) => ({ name, value, unit, target, met, peer, ratio })),
    },
    null,
    2,
  )}\n`;

export const writeReport = async (path: string, report: BenchReport): Promise<void> => {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, toJson(report));
};
