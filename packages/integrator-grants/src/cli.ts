// Integrators at HQ: `npm run -w @rooftop/integrator-grants integrators -- <command>`; configuration from the
// environment (below; DATABASE_URL of HQ).
//   run <grants.json>            feed every grant's stream from GROUP_EVENTS and run its webhook, until SIGTERM;
//                                connects as the INTEGRATORS account's `integrator-feed` user (NATS_*) and reads
//                                GROUP_EVENTS as HQ's `integrator-feed` user (HQ_NATS_*)
//   issue <grants.json> <name>   a new nkey for the grant in the bus's credentials (NATS_CREDENTIALS_DIR), the hub
//                                reloaded; prints the seed (an older key stops working)
//   revoke <name>                remove the integrator's user; its connections are closed at once
//   list                         integrators that have a user
// Prints the outcome as JSON; on failure prints the typed error ({ code, message, details }) and exits 1.
import { readFileSync } from 'node:fs';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { platformRegistry } from '@rooftop/contracts';
import { ValidationError } from '@rooftop/eventsourcing';
import { loadConfig, natsConnectionOptions } from '@rooftop/platform';
import pg from 'pg';
import { type z } from 'zod';
import { integratorsConfig } from './config.js';
import { deploymentStore, NatsSecurityCredentialsIssuer } from './credentials/issuer.js';
import { readGrantsFile } from './grants-file.js';
import { directoryTimeZones, startIntegrators } from './service.js';

const usage = 'usage: integrators run <grants.json> | issue <grants.json> <name> | revoke <name> | list';

type IntegratorsConfig = z.output<typeof integratorsConfig>;

const required = (config: IntegratorsConfig, name: 'NATS_CREDENTIALS_DIR' | 'INTEGRATORS_NATS_PID_FILE'): string => {
  const value = config[name];
  if (value === undefined) throw new ValidationError(`${name} is needed to issue and revoke integrators' credentials`, [{ path: name, message: 'not set' }]);
  return value;
};

const issuerOf = (config: IntegratorsConfig) => {
  const pidFile = required(config, 'INTEGRATORS_NATS_PID_FILE');
  return new NatsSecurityCredentialsIssuer(
    deploymentStore(required(config, 'NATS_CREDENTIALS_DIR'), {
      pid: () => Number(readFileSync(pidFile, 'utf8').trim()),
      ...(config.NATS_MONITOR_URL ? { monitorUrl: config.NATS_MONITOR_URL } : {}),
    }),
  );
};

/** HQ's side (GROUP_EVENTS) as its own user; none given: the same settings as the integrators' side. */
const hqSide = (config: IntegratorsConfig) =>
  config.HQ_NATS_NKEY_SEED === undefined && config.HQ_NATS_NKEY_SEED_FILE === undefined
    ? undefined
    : natsConnectionOptions(
        {
          NATS_URL: config.NATS_URL,
          NATS_NKEY_SEED: config.HQ_NATS_NKEY_SEED,
          NATS_NKEY_SEED_FILE: config.HQ_NATS_NKEY_SEED_FILE,
          NATS_TLS_CA: config.NATS_TLS_CA,
          NATS_INBOX_PREFIX: config.HQ_NATS_INBOX_PREFIX,
        },
        'integrators-hq',
      );

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
    const nc = await connect({ ...natsConnectionOptions(config, 'integrators'), maxReconnectAttempts: -1, noAsyncTraces: true });
    const hqOptions = hqSide(config);
    const hq = hqOptions ? await connect({ ...hqOptions, maxReconnectAttempts: -1, noAsyncTraces: true }) : undefined;
    const running = await startIntegrators({
      js: jetstream(nc),
      ...(hq ? { sourceJs: jetstream(hq) } : {}),
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
        await hq?.close();
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
