import { type TestDatabase } from '@rooftop/testkit';

/**
 * A speed target: the measured value must be at least (`>=`) or at most (`<=`) `value`. With `of: 'peer'` the
 * bound applies to the ratio ours/peer measured in the same run (e.g. `>= 1.5` of the peer's events/s), so a
 * busy or slow machine moves both sides instead of failing an absolute number.
 */
export interface Target {
  readonly op: '>=' | '<=';
  readonly value: number;
  readonly of?: 'peer';
}

/** One line of the report, exactly as written to `bench/results/latest.json`. */
export interface BenchRow {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly target: Target | null;
  /** null when the row has no target, or a target on the peer ratio and no peer value. */
  readonly met: boolean | null;
  /** The same workload on the peer (Emmett); null when not run or when the peer has no honest equivalent. */
  readonly peer: number | null;
  /** ours / peer; null without a peer value. For latencies below 1 means we are faster, for rates above 1. */
  readonly ratio: number | null;
}

export interface Measurement {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly target?: Target;
  readonly peer?: number | null;
}

const meets = (value: number, target: Target): boolean => (target.op === '>=' ? value >= target.value : value <= target.value);

export const toRow = ({ name, value, unit, target, peer }: Measurement): BenchRow => {
  const peerValue = peer ?? null;
  const ratio = peerValue === null || peerValue === 0 ? null : value / peerValue;
  const measured = target?.of === 'peer' ? ratio : value;
  return {
    name,
    value,
    unit,
    target: target ?? null,
    met: target && measured !== null ? meets(measured, target) : null,
    peer: peerValue,
    ratio,
  };
};

/** Sizes of a run; the CLI fills them from flags, suites read them. */
export interface RunOptions {
  /** Measured time of each closed-loop benchmark (appends), after the warm-up. */
  readonly durationMs: number;
  readonly warmupMs: number;
  /** Size of the log for the read benchmarks (catchup, rebuild). */
  readonly events: number;
  /** Run the same workload on Emmett and fill the peer column. */
  readonly peer: boolean;
}

export interface BenchContext {
  readonly options: RunOptions;
  /** A fresh database that the harness drops when the run ends, whether the suite succeeded or not. */
  database(label: string): Promise<TestDatabase>;
  /** Runs `cleanup` when the run ends, before the databases are dropped (e.g. to close a client's own pool). */
  defer(cleanup: () => Promise<void>): void;
  /**
   * Builds something once per run and hands the same promise to every suite that asks for `key` (e.g. a
   * seeded log that both catchup and rebuild read), so a full run does not seed the same data twice.
   */
  fixture<T>(key: string, create: () => Promise<T>): Promise<T>;
  /** Progress for the human watching (stderr), so the table on stdout stays clean. */
  log(message: string): void;
}

/** A benchmark suite. Adding one is a file exporting this plus one line in registry.ts. */
export interface BenchSuite {
  readonly name: string;
  readonly description: string;
  run(context: BenchContext): Promise<readonly BenchRow[]>;
}
