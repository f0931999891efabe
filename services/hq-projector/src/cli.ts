// HQ administration: `npm run -w @rooftop/hq-projector hq -- <command>`; configuration from the environment.
//   stores load <file.json>    add or update stores of the directory, then source their streams into GROUP_EVENTS
//   targets load <file.json>   load monthly targets per store: the group plan (units, revenue) and the after-sales
//                              store targets (measure, target) that queryKpis shows beside the KPIs
//   topology apply             bring GROUP_EVENTS's sources to the directory
// Prints the outcome as JSON; on failure prints the typed error ({ code, message, details }) and exits 1.
import { readFileSync } from 'node:fs';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { ValidationError } from '@rooftop/eventsourcing';
import { natsConnectionOptions } from '@rooftop/platform';
import pg from 'pg';
import { type HqConfig, loadHqConfig } from './config.js';
import { loadGroupTargets } from './directory/group-targets.js';
import { upsertStores } from './directory/store-directory.js';
import { migrateHqSchema } from './projector/hq-schema.js';
import { hqKpiProjections } from './projector/projections.js';
import { provisionGroupStream } from './topology.js';

const usage = 'usage: hq stores load <file.json> | hq targets load <file.json> | hq topology apply';

const readJson = (file: string | undefined): unknown => {
  if (file === undefined) throw new ValidationError(usage, [{ path: 'file', message: 'missing' }]);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ValidationError(`${file} is not readable JSON`, [{ path: 'file', message: error instanceof Error ? error.message : String(error) }]);
  }
};

const topology = async (config: HqConfig, pool: pg.Pool) => {
  const nc = await connect(natsConnectionOptions(config, 'hq-cli'));
  try {
    return await provisionGroupStream(pool, await jetstreamManager(nc), {
      schema: config.HQ_SCHEMA,
      groupId: config.GROUP_ID,
      stream: config.GROUP_STREAM,
      maxBytes: config.GROUP_STREAM_MAX_BYTES,
    });
  } finally {
    await nc.close();
  }
};

export const runHqCli = async (args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<unknown> => {
  const config = loadHqConfig(env);
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 2 });
  try {
    // The directory and target tables live in the HQ schema; creating it is idempotent.
    await migrateHqSchema(
      pool,
      config.HQ_SCHEMA,
      hqKpiProjections(() => 'UTC'),
    );
    const [noun, verb, file] = args;
    if (noun === 'stores' && verb === 'load') {
      const stores = await upsertStores(pool, config.HQ_SCHEMA, readJson(file));
      return { stores: stores.length, stream: await topology(config, pool) };
    }
    if (noun === 'targets' && verb === 'load') return { targets: await loadGroupTargets(pool, config.HQ_SCHEMA, readJson(file)) };
    if (noun === 'topology' && verb === 'apply') return { stream: await topology(config, pool) };
    throw new ValidationError(usage, [{ path: 'command', message: `unknown command ${args.join(' ')}` }]);
  } finally {
    await pool.end();
  }
};

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  try {
    process.stdout.write(`${JSON.stringify(await runHqCli(process.argv.slice(2)))}\n`);
  } catch (error) {
    const body =
      error instanceof Error
        ? {
            name: error.name,
            message: error.message,
            ...('code' in error ? { code: error.code } : {}),
            ...('details' in error ? { details: error.details } : {}),
          }
        : { message: String(error) };
    process.stderr.write(`${JSON.stringify(body)}\n`);
    process.exit(1);
  }
}
