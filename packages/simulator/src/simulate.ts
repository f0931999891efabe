import { type NatsConnection } from '@nats-io/transport-node';
import { type CommandSigner } from '@rooftop/messaging';
import { type Plan, type PlanOptions, planSimulation } from './plan.js';
import { type RunStats, emptyStats, progressLine, runJourneys } from './runner.js';
import { MissingServicesError, missingServices } from './services-check.js';

export interface SimulateOptions extends PlanOptions {
  readonly nc: NatsConnection;
  /** Signs each command's assertion; the services must trust its key as a clock authority (the simulated months). */
  readonly signer: CommandSigner;
  readonly concurrency?: number;
  /** Where the progress bar goes (a TTY gets one redrawn line, anything else a line per 10 %); none when absent. */
  readonly progress?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Follows the simulated clock (give it to the workshop's timer dispatcher to keep timers in step). */
  readonly onClock?: (now: Date) => void;
  /** Stops the run early (Ctrl-C): no new command is sent, those in flight are answered. */
  readonly signal?: AbortSignal;
  /**
   * Waits until a store's services have caught up with its log (`settle` over the store's services); asked before
   * the commands that read projections (commission statements). Without it those wait only for the commands in flight.
   */
  readonly settle?: (storeId: string) => Promise<void>;
}

export interface SimulationResult {
  readonly plan: Plan;
  readonly stats: RunStats;
  readonly elapsedMs: number;
}

/** Plans the business for the seed and drives it through the running services over NATS. */
export const simulate = async (options: SimulateOptions): Promise<SimulationResult> => {
  const plan = planSimulation(options);
  // Every store's five services must answer before the first command: say which are missing, not fail half-way.
  const missing = await missingServices(options.nc, plan);
  if (missing.length > 0) throw new MissingServicesError(missing);
  const started = Date.now();
  const stats = emptyStats();
  let lastDecile = -1;
  let lastDraw = 0;
  const draw = (done: number, final = false) => {
    const out = options.progress;
    if (!out) return;
    const line = progressLine(done, plan.commands, stats.events, Date.now() - started);
    if (out.isTTY) {
      if (final || Date.now() - lastDraw > 100) {
        out.write(`\r${line}${final ? '\n' : ''}`);
        lastDraw = Date.now();
      }
    } else {
      const decile = Math.floor((done / Math.max(1, plan.commands)) * 10);
      if (decile > lastDecile || final) {
        out.write(`${line}\n`);
        lastDecile = decile;
      }
    }
  };
  const follow = {
    ...(options.onClock ? { onClock: options.onClock } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.settle ? { settle: options.settle } : {}),
  };
  const concurrency = options.concurrency ?? 16;
  // The set-up phases first, in order: the staffing plan before the hires, the part master before the opening
  // stock, technicians on the roster before anything is dispatched.
  let setupCommands = 0;
  for (const phase of [...new Set(plan.setup.map((j) => j.phase ?? 0))].sort((a, b) => a - b)) {
    const journeys = plan.setup.filter((j) => (j.phase ?? 0) === phase);
    const before = setupCommands;
    await runJourneys(journeys, { nc: options.nc, signer: options.signer, concurrency, onProgress: (done) => draw(before + done), ...follow }, stats);
    setupCommands += journeys.reduce((sum, j) => sum + j.steps.length, 0);
  }
  await runJourneys(plan.journeys, { nc: options.nc, signer: options.signer, concurrency, onProgress: (done) => draw(setupCommands + done), ...follow }, stats);
  draw(plan.commands, true);
  return { plan, stats, elapsedMs: Date.now() - started };
};

/** The closing summary lines. */
export const summary = ({ plan, stats, elapsedMs }: SimulationResult): string[] => {
  const unexpected = Object.entries(stats.unexpected).sort(([a], [b]) => (a < b ? -1 : 1));
  return [
    `simulated ${plan.stores.length} store(s) from ${plan.from} to ${plan.end}: ${stats.accepted.toLocaleString('en')} commands accepted, ` +
      `${stats.events.toLocaleString('en')} events in ${(elapsedMs / 1000).toFixed(1)} s (${Math.round((stats.events * 1000) / Math.max(1, elapsedMs)).toLocaleString('en')} events/s)`,
    `bad commands sent on purpose and rejected: ${stats.rejectedAsExpected}`,
    ...(unexpected.length === 0 ? ['unexpected failures: none'] : ['unexpected failures:', ...unexpected.map(([key, n]) => `  ${n} × ${key}`)]),
  ];
};
