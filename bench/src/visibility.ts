import { RooftopError } from '@rooftop/eventsourcing';

/**
 * Waits until a freshly written log is fully readable. Both stores only hand out events below the
 * server-wide snapshot xmin (gap safety), and xids are cluster-wide: a transaction left open in *any*
 * database of the server holds the bound back. On a shared box the last seeded events can stay invisible
 * for seconds; timing a read before then would measure a shorter log.
 */
export const waitUntilReadable = async (label: string, readable: () => Promise<boolean>, log: (line: string) => void, timeoutMs = 120_000): Promise<void> => {
  const started = performance.now();
  let delay = 20;
  while (!(await readable())) {
    const waited = performance.now() - started;
    if (waited > timeoutMs) {
      throw new RooftopError(
        'UNAVAILABLE',
        `${label}: the seeded log was still not fully readable after ${Math.round(waited / 1000)} s (a long transaction elsewhere on the server holds back pg_snapshot_xmin)`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 500);
  }
  const waited = performance.now() - started;
  if (waited > 1_000) log(`  ${label}: waited ${(waited / 1000).toFixed(1)} s for the log to become readable (open transactions elsewhere on the server)`);
};
