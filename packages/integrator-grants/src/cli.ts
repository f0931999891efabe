// Integrators at HQ: `npm run -w @rooftop/integrator-grants integrators -- <command>`; configuration from the
// environment (INTEGRATORS_* below, NATS_URL, DATABASE_URL of HQ).
//   run <grants.json>            feed every grant's stream from GROUP_EVENTS and run its webhook, until SIGTERM
//   issue <grants.json> <name>   a new nkey for the grant (prints the seed once; an older key stops working)
//   revoke <name>                remove the integrator's user; its connections are closed at once
//   list                         integrators that have a user
// Prints the outcome as JSON; on failure prints the typed error ({ code, message, details }) and exits 1.
import { readFileSync } from 'node:fs';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { GROUP_STREAM_NAME, platformRegistry } from '@rooftop/contracts';
import { ValidationError } from '@rooftop/eventsourcing';
import { defineConfig, loadConfig, urlVar } from '@rooftop/platform';
import pg from 'pg';
import { z } from 'zod';
import { signalReload, StaticConfigCredentialsIssuer } from './credentials/static-config-issuer.js';
import { readGrantsFile } from './grants-file.js';
import { directoryTimeZones, startIntegrators } from './service.js';

export const integratorsConfig = defineConfig({
  NATS_URL: urlVar('nats', 'tls').default('nats://127.0.0.1:4222').describe("HQ hub's NATS URL."),
  DATABASE_URL: urlVar('postgres', 'postgresql').default('postgres://postgres@127.0.0.1:5432/rooftop_hq').describe('HQ PostgreSQL (the store directory).'),
  HQ_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).default('hq').describe('Schema of the HQ directory (`<schema>.stores`).'),
  GROUP_STREAM: z.string().min(1).default(GROUP_STREAM_NAME).describe('The hub stream the feeds read.'),
  INTEGRATORS_AUTH_CONF: z.string().min(1).default('integrators.auth.conf').describe("The nats-server config file of the integrators' users (the hub includes it)."),
  INTEGRATORS_NATS_PID_FILE: z.string().min(1).optional().describe("The hub's pid_file: issue and revoke send it SIGHUP (a config reload)."),
});

const usage = 'usage: integrators run <grants.json> | issue <grants.json> <name> | revoke <name> | list';

const issuerOf = (config: z.output<typeof integratorsConfig>) =>
  new StaticConfigCredentialsIssuer({
    configFile: config.INTEGRATORS_AUTH_CONF,
    reload: () => {
      if (!config.INTEGRATORS_NATS_PID_FILE) throw new ValidationError('INTEGRATORS_NATS_PID_FILE is needed to reload the hub', [{ path: 'INTEGRATORS_NATS_PID_FILE', message: 'not set' }]);
      return signalReload(Number(readFileSync(config.INTEGRATORS_NATS_PID_FILE, 'utf8').trim()))();
    },
  });

/** Runs one command; `run` resolves once started and returns what stops it. */
export const runIntegratorsCli = async (args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<unknown> => {
  const config = loadConfig(integratorsConfig, env);
  const [command, first, second] = args;
  if (command === 'list') return { integrators: await issuerOf(config).list() };
  if (command === 'revoke' && first) return { revoked: await issuerOf(config).revoke(first) };
  if (command === 'issue' && first && second) {
    const entry = readGrantsFile(first, platformRegistry, env).find((e) => e.grant.name === second);
    if (!entry) throw new ValidationError(`no grant ${second} in ${first}`, [{ path: 'name', message: `${second} is not in the file` }]);
    return issuerOf(config).issue(entry.grant);
  }
  if (command === 'run' && first) {
    const grants = readGrantsFile(first, platformRegistry, env);
    const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 2 });
    const nc = await connect({ servers: config.NATS_URL, name: 'integrators', maxReconnectAttempts: -1, noAsyncTraces: true });
    const running = await startIntegrators({
      js: jetstream(nc),
      jsm: await jetstreamManager(nc),
      registry: platformRegistry,
      grants,
      groupStream: config.GROUP_STREAM,
      timeZoneOf: directoryTimeZones(pool, config.HQ_SCHEMA),
    });
    return {
      grants: grants.map((g) => g.grant.name),
      async close() {
        await running.close();
        await nc.close();
        await pool.end();
      },
    };
  }
  throw new ValidationError(usage, [{ path: 'command', message: `unknown command ${args.join(' ')}` }]);
};

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  try {
    const result = (await runIntegratorsCli(process.argv.slice(2))) as { close?: () => Promise<void> };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (typeof result.close === 'function') {
      const stop = () => void result.close!().then(() => process.exit(0));
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    }
  } catch (error) {
    const body = error instanceof Error && 'toBody' in error ? (error as { toBody(): unknown }).toBody() : { code: 'INTERNAL', message: String(error) };
    process.stdout.write(`${JSON.stringify(body)}\n`);
    process.exit(1);
  }
}
