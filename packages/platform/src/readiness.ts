import { RooftopError } from '@rooftop/eventsourcing';

/**
 * One readiness check: resolves when the dependency is usable. It fails by throwing/rejecting or by resolving
 * `false`. The signal aborts when the check has run out of time, so a check can cancel its own I/O.
 */
export type ReadinessCheck = (signal: AbortSignal) => unknown;

export interface CheckResult {
  readonly name: string;
  readonly ok: boolean;
  readonly durationMs: number;
  readonly error?: string;
}

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: readonly CheckResult[];
}

export class DuplicateReadinessCheckError extends RooftopError {
  constructor(readonly checkName: string) {
    super('DUPLICATE_READINESS_CHECK', `a readiness check named ${checkName} is already registered`, { checkName });
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Runs one check bounded by `timeoutMs`; never throws. */
export const runReadinessCheck = async (name: string, check: ReadinessCheck, timeoutMs: number): Promise<CheckResult> => {
  const started = performance.now();
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`timed out after ${timeoutMs} ms`));
      resolve({ name, ok: false, durationMs: Math.round(performance.now() - started), error: `timed out after ${timeoutMs} ms` });
    }, timeoutMs);
  });
  const outcome = (async (): Promise<CheckResult> => {
    try {
      const value = await check(controller.signal);
      const durationMs = Math.round(performance.now() - started);
      return value === false ? { name, ok: false, durationMs, error: 'reported not ready' } : { name, ok: true, durationMs };
    } catch (error) {
      return { name, ok: false, durationMs: Math.round(performance.now() - started), error: messageOf(error) };
    }
  })();
  try {
    return await Promise.race([outcome, timedOut]);
  } finally {
    clearTimeout(timer);
  }
};

/** The set of checks behind `/readyz`. */
export class Readiness {
  private readonly checks = new Map<string, { check: ReadinessCheck; timeoutMs: number }>();
  // Probes arrive every few seconds from several sources; while one run is in flight the others share it, so a
  // hanging dependency cannot pile up concurrent checks against itself.
  private inflight: Promise<ReadinessReport> | undefined;

  constructor(private readonly defaultTimeoutMs: number) {}

  register(name: string, check: ReadinessCheck, options: { timeoutMs?: number } = {}): () => void {
    if (this.checks.has(name)) throw new DuplicateReadinessCheckError(name);
    this.checks.set(name, { check, timeoutMs: options.timeoutMs ?? this.defaultTimeoutMs });
    return () => {
      this.checks.delete(name);
    };
  }

  names(): string[] {
    return [...this.checks.keys()];
  }

  run(): Promise<ReadinessReport> {
    this.inflight ??= (async () => {
      try {
        const checks = await Promise.all([...this.checks].map(([name, { check, timeoutMs }]) => runReadinessCheck(name, check, timeoutMs)));
        return { ready: checks.every((c) => c.ok), checks };
      } finally {
        this.inflight = undefined;
      }
    })();
    return this.inflight;
  }
}
