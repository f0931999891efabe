import { type NatsConnection } from '@nats-io/transport-node';
import { type Command } from '@rooftop/eventsourcing';
import { type CommandSigner, sendCommand } from '@rooftop/messaging';
import { type Journey, type Step } from './journey.js';

export interface RunStats {
  /** Commands the services accepted. */
  accepted: number;
  /** Events those commands appended. */
  events: number;
  /** Deliberately bad commands refused with the expected code. */
  rejectedAsExpected: number;
  /** Everything else that failed, by `code/reason` (a bad command that was accepted counts as `ACCEPTED`). */
  unexpected: Record<string, number>;
}

export interface RunOptions {
  readonly nc: NatsConnection;
  /** Signs each command's assertion (a clock authority: the commands carry the simulated time). */
  readonly signer: CommandSigner;
  /** Journeys run in parallel (each journey's commands in order). Default 16. */
  readonly concurrency?: number;
  /** Per-command reply timeout. Default 10 s. */
  readonly timeoutMs?: number;
  /** How long a command waiting for the service's own reaction is retried. Default 20 s. */
  readonly reactionWaitMs?: number;
  readonly onProgress?: (done: number, stats: RunStats) => void;
  /** The simulated clock: the time of the earliest command not yet answered (only moves forward). */
  readonly onClock?: (now: Date) => void;
  /** Stops sending new commands; the promise resolves once those in flight are answered. */
  readonly signal?: AbortSignal;
  /**
   * Waits until a store's services have caught up (projections at the log's head); called before a step marked
   * `settleFirst`, once no command is in flight. Without it such a step waits only for the commands in flight.
   */
  readonly settle?: (storeId: string) => Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const commandOf = (journey: Journey, index: number, s: Step): Command => ({
  commandId: `sim.${journey.storeId}.${journey.key}.${index}`,
  type: s.contract.type,
  storeId: journey.storeId,
  actor: s.actor,
  data: s.data,
  metadata: { now: s.at.toISOString(), correlationId: `sim.${journey.storeId}.${journey.key}` },
});

const countOf = (result: unknown): number => {
  const events = (result as { events?: unknown[] } | undefined)?.events;
  return Array.isArray(events) ? events.length : 0;
};

/** Sends one step; retries transport hiccups (same command id, so at most once) and reactions not yet there. */
const sendStep = async (options: RunOptions, journey: Journey, index: number, stats: RunStats): Promise<boolean> => {
  const s = journey.steps[index]!;
  const command = commandOf(journey, index, s);
  const waitUntil = Date.now() + (options.reactionWaitMs ?? 20_000);
  for (let attempt = 0; ; attempt += 1) {
    const reply = await sendCommand(options.nc, { signer: options.signer, contract: s.contract, command, timeoutMs: options.timeoutMs ?? 10_000 });
    if (reply.ok) {
      if (s.expectRejection) stats.unexpected['ACCEPTED'] = (stats.unexpected['ACCEPTED'] ?? 0) + 1;
      else stats.accepted += 1;
      stats.events += countOf(reply.result);
      return true;
    }
    const { code, details } = reply.error;
    // Transport hiccups and infrastructure failures (a full connection pool, a restarting database) are retried
    // with the same command id, so a command that did run is not applied twice.
    if ((code === 'UNAVAILABLE' || code === 'INTERNAL') && attempt < 5) {
      await sleep(500 * (attempt + 1));
      continue;
    }
    // Two commands on one stream at once (hires into the store's staffing stream): the loser appended nothing, so
    // sending it again decides it against the new version — as a clerk's screen would.
    if (code === 'CONCURRENCY_CONFLICT' && attempt < 30) {
      await sleep(10 * (attempt + 1));
      continue;
    }
    const reason = typeof details?.reason === 'string' ? details.reason : undefined;
    const notYet = code === 'NOT_FOUND' || (Array.isArray(s.awaitsReaction) && reason !== undefined && s.awaitsReaction.includes(reason));
    if (s.awaitsReaction && notYet && Date.now() < waitUntil) {
      await sleep(100);
      continue;
    }
    if (s.expectRejection === code) {
      stats.rejectedAsExpected += 1;
      return true;
    }
    const key = `${s.contract.type}: ${code}${reason ? `/${reason}` : ''}`;
    stats.unexpected[key] = (stats.unexpected[key] ?? 0) + 1;
    return false;
  }
};

interface Pending {
  readonly at: number;
  readonly seq: number;
  readonly journey: number;
  readonly step: number;
}

/** A binary min-heap of pending steps by simulated time (then by order of arrival, so ties are stable). */
class StepQueue {
  private readonly items: Pending[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Pending | undefined {
    return this.items[0];
  }

  push(item: Pending): void {
    const a = this.items;
    a.push(item);
    for (let i = a.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!less(a[i]!, a[parent]!)) break;
      [a[i], a[parent]] = [a[parent]!, a[i]!];
      i = parent;
    }
  }

  pop(): Pending | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && less(a[l]!, a[m]!)) m = l;
        if (r < a.length && less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

const less = (x: Pending, y: Pending): boolean => x.at < y.at || (x.at === y.at && x.seq < y.seq);

/**
 * Runs journeys as a discrete-event simulation: steps of all journeys are sent in order of their simulated
 * time, at most `concurrency` at once, each journey's steps one after the other. The simulated clock (the
 * earliest step not yet answered) goes to `onClock` whenever it moves, so services whose timers follow it
 * see timers fire exactly between the commands they would follow in a real store. A journey stops at its
 * first unexpected failure (what follows depends on it).
 */
export const runJourneys = (journeys: readonly Journey[], options: RunOptions, stats: RunStats = emptyStats()): Promise<RunStats> =>
  new Promise((resolve, reject) => {
    const queue = new StepQueue();
    const inFlight = new Map<number, number>();
    let seq = 0;
    let done = 0;
    let clock = -1;
    let failed = false;
    journeys.forEach((journey, j) => {
      if (journey.steps.length > 0) queue.push({ at: journey.steps[0]!.at.getTime(), seq: seq++, journey: j, step: 0 });
    });
    const limit = Math.max(1, options.concurrency ?? 16);
    const moveClock = () => {
      let low = queue.peek()?.at ?? Number.POSITIVE_INFINITY;
      for (const at of inFlight.values()) low = Math.min(low, at);
      if (Number.isFinite(low) && low > clock) {
        clock = low;
        options.onClock?.(new Date(low));
      }
    };
    let settling = false;
    const pump = () => {
      if (failed || settling) return;
      while (inFlight.size < limit && queue.size > 0 && !options.signal?.aborted) {
        const head = queue.peek()!;
        const barrier = journeys[head.journey]!.steps[head.step]!.settleFirst === true;
        // A step that reads projections waits until nothing is in flight and the store has settled.
        if (barrier && inFlight.size > 0) break;
        const next = queue.pop()!;
        const id = seq++;
        inFlight.set(id, next.at);
        const journey = journeys[next.journey]!;
        if (barrier) settling = true;
        const ready = barrier && options.settle ? options.settle(journey.storeId) : Promise.resolve();
        ready
          .then(() => {
            settling = false;
            return sendStep(options, journey, next.step, stats);
          })
          .then(
            (ok) => {
              inFlight.delete(id);
              done += ok ? 1 : journey.steps.length - next.step;
              const following = next.step + 1;
              if (ok && following < journey.steps.length)
                queue.push({ at: Math.max(next.at, journey.steps[following]!.at.getTime()), seq: seq++, journey: next.journey, step: following });
              options.onProgress?.(done, stats);
              moveClock();
              pump();
            },
            (error: unknown) => {
              failed = true;
              reject(error instanceof Error ? error : new Error(String(error)));
            },
          );
        if (barrier) break;
      }
      if (inFlight.size === 0 && (queue.size === 0 || options.signal?.aborted)) resolve(stats);
    };
    moveClock();
    pump();
  });

export const emptyStats = (): RunStats => ({ accepted: 0, events: 0, rejectedAsExpected: 0, unexpected: {} });

/** A one-line progress bar: `[#####.....] 52% 1,234/2,345 commands  850 events/s`. */
export const progressLine = (done: number, total: number, events: number, elapsedMs: number): string => {
  const width = 30;
  const share = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(share * width);
  const rate = elapsedMs > 0 ? Math.round((events * 1000) / elapsedMs) : 0;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')} commands  ${rate.toLocaleString('en')} events/s`;
};
