import cluster, { type Worker } from 'node:cluster';
import { type Logger } from '@rooftop/platform';

export interface WorkerPool {
  /** Stops every worker (SIGTERM: each closes its server, NATS and pool) and resolves once all have exited. */
  stop(): Promise<void>;
}

/**
 * The primary of a multi-process gateway (`GATEWAY_WORKERS` > 1): forks `count` workers that each run the
 * whole gateway (`startGateway`) on the same port — the primary accepts connections and hands them out in
 * turn — and starts a new worker when one that was serving dies. A worker that dies before it listened
 * (bad configuration, PostgreSQL or NATS unreachable) is not restarted in a loop: the primary stops the
 * others and calls `onFatal`.
 */
export const startWorkers = (options: { count: number; logger: Logger; onFatal: (code: number) => void }): WorkerPool => {
  const { count, logger, onFatal } = options;
  let stopping = false;
  /** Each live worker, and whether it has listened yet. */
  const workers = new Map<Worker, boolean>();
  const fork = () => {
    const worker = cluster.fork();
    workers.set(worker, false);
    worker.once('listening', () => workers.set(worker, true));
  };
  cluster.on('exit', (worker, code, signal) => {
    const listened = workers.get(worker) ?? false;
    workers.delete(worker);
    if (stopping) return;
    // A worker exits 0 only after an orderly shutdown (e.g. Ctrl-C reaches the whole process group).
    if (code === 0 && signal === null) return;
    if (!listened) {
      logger.error({ workerPid: worker.process.pid, code, signal }, 'a gateway worker exited before it listened; stopping the gateway');
      stopping = true;
      for (const other of workers.keys()) other.process.kill('SIGTERM');
      onFatal(1);
      return;
    }
    logger.error({ workerPid: worker.process.pid, code, signal }, 'a gateway worker exited; starting another');
    fork();
  });
  for (let i = 0; i < count; i++) fork();
  logger.info({ workers: count }, 'gateway workers started');
  return {
    stop: async () => {
      stopping = true;
      const running = [...workers.keys()];
      await Promise.all(
        running.map(
          (worker) =>
            new Promise<void>((resolve) => {
              if (worker.isDead()) resolve();
              else {
                worker.once('exit', () => resolve());
                worker.process.kill('SIGTERM');
              }
            }),
        ),
      );
    },
  };
};
