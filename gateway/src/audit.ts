import { Counter, type Registry } from '@rooftop/platform';

export interface RefusalAuditOptions {
  /** Refusal lines written per principal and window (default 20). */
  readonly linesPerWindow?: number;
  /** The window, in milliseconds (default one minute). */
  readonly windowMs?: number;
  /** Principals tracked at once; the least recently refused is forgotten past it (default 10,000). */
  readonly maxPrincipals?: number;
  /** Where the counters go (default: a registry of their own, e.g. in tests). */
  readonly registry?: Registry;
  readonly now?: () => number;
}

interface Window {
  readonly startedAt: number;
  written: number;
  suppressed: number;
}

/** What to do with one refusal: write its line (carrying how many lines the window before it held back), or only count it. */
export type RefusalDecision = { readonly write: true; readonly suppressedBefore: number } | { readonly write: false };

/**
 * Refused commands are audited per principal at most `linesPerWindow` lines a window; every refusal is counted
 * (`gateway_command_refusals_total` by code), and the lines held back too
 * (`gateway_command_refusal_lines_suppressed_total`). A sweep over every mutation wrote ~4,000 lines before;
 * now it writes 20 and moves two counters. The first line of the next window says how many were held back.
 */
export class RefusalAudit {
  private readonly windows = new Map<string, Window>();
  private readonly refusals: Counter<'code'>;
  private readonly suppressed: Counter;
  private readonly linesPerWindow: number;
  private readonly windowMs: number;
  private readonly maxPrincipals: number;
  private readonly now: () => number;

  constructor(options: RefusalAuditOptions = {}) {
    this.linesPerWindow = options.linesPerWindow ?? 20;
    this.windowMs = options.windowMs ?? 60_000;
    this.maxPrincipals = options.maxPrincipals ?? 10_000;
    this.now = options.now ?? Date.now;
    const registers = options.registry ? [options.registry] : [];
    this.refusals = new Counter({
      name: 'gateway_command_refusals_total',
      help: 'Commands the gateway or a service refused, by code.',
      labelNames: ['code'],
      registers,
    });
    this.suppressed = new Counter({
      name: 'gateway_command_refusal_lines_suppressed_total',
      help: 'Refusal audit lines held back by the per-principal rate limit.',
      registers,
    });
  }

  /** Counts a refusal of `principal` (its subject, or null for a caller without a valid token) and says whether to write its line. */
  refused(principal: string | null, code: string): RefusalDecision {
    this.refusals.inc({ code });
    const key = principal ?? '';
    const now = this.now();
    let window = this.windows.get(key);
    let suppressedBefore = 0;
    if (window === undefined || now - window.startedAt >= this.windowMs) {
      suppressedBefore = window?.suppressed ?? 0;
      window = { startedAt: now, written: 0, suppressed: 0 };
    }
    // Re-inserted on every refusal: the Map's first key is then the least recently refused principal.
    this.windows.delete(key);
    this.windows.set(key, window);
    if (this.windows.size > this.maxPrincipals) this.windows.delete(this.windows.keys().next().value as string);
    if (window.written < this.linesPerWindow) {
      window.written += 1;
      return { write: true, suppressedBefore };
    }
    window.suppressed += 1;
    this.suppressed.inc();
    return { write: false };
  }

  /** The refusals counted so far with `code` (for tests and the bench). */
  async count(code: string): Promise<number> {
    const metric = await this.refusals.get();
    return metric.values.find((v) => v.labels.code === code)?.value ?? 0;
  }
}
