import { availableParallelism, cpus, loadavg } from 'node:os';
import pg from 'pg';
import { adminDatabaseUrl } from '@rooftop/testkit';

export interface Machine {
  readonly cores: number;
  readonly cpu: string;
  /** 1, 5 and 15 minute load averages when the run started: numbers from a busy box are not comparable. */
  readonly loadavg: readonly number[];
  readonly node: string;
  readonly postgres: string;
}

export const describeMachine = async (): Promise<Machine> => {
  const client = new pg.Client({ connectionString: adminDatabaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return {
      cores: availableParallelism(),
      cpu: cpus()[0]?.model ?? 'unknown',
      loadavg: loadavg().map((value) => Math.round(value * 100) / 100),
      node: process.version,
      postgres: rows[0]?.server_version ?? 'unknown',
    };
  } finally {
    await client.end();
  }
};

export const formatMachine = (machine: Machine): string =>
  `${machine.cores} cores (${machine.cpu}), load average ${machine.loadavg.join(' / ')}, node ${machine.node}, PostgreSQL ${machine.postgres}`;
