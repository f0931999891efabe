#!/usr/bin/env node
// Copies a store's log between PostgreSQL and EventStoreDB/KurrentDB through a checked file, positions and
// their chain (previousposition) unchanged, and verifies a store against a file by count and hash.
//   export --from postgres|eventstoredb --out FILE      import --to postgres|eventstoredb --in FILE
//   verify --against postgres|eventstoredb --in FILE    summary --in FILE
// PostgreSQL: DATABASE_URL (and --schema, default eventstore). EventStoreDB: EVENTSTORE_URL.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isRooftopError } from '@rooftop/eventsourcing';
import pg from 'pg';
import { connectEventStoreDb } from '../connect.js';
import { eventStoreDbLogSource, importIntoEventStoreDb } from './eventstoredb.js';
import { type LogSource, readLogFile, summariseLogFile, writeLogFile } from './log-file.js';
import { importIntoPostgres, postgresLogSource } from './postgres.js';
import { verifyAgainstFile } from './verify.js';

type Kind = 'postgres' | 'eventstoredb';
type Print = (line: string) => void;

const USAGE =
  'usage: rooftop-eventstore-migrate export --from <postgres|eventstoredb> --out FILE | import --to <…> --in FILE | verify --against <…> --in FILE | summary --in FILE [--schema NAME]';

class UsageError extends Error {}

const need = (value: string | undefined, what: string): string => {
  if (!value) throw new UsageError(`missing ${what}`);
  return value;
};

const kindOf = (value: string | undefined, flag: string): Kind => {
  if (value === 'postgres' || value === 'eventstoredb') return value;
  throw new UsageError(`${flag} must be postgres or eventstoredb`);
};

/** Opens the store `kind` names from the environment; `close` releases it. */
const open = async (kind: Kind, env: NodeJS.ProcessEnv, schema?: string) => {
  if (kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: need(env.DATABASE_URL, 'DATABASE_URL'), max: 2 });
    return { kind, pool, source: postgresLogSource(pool, schema), close: () => pool.end() } as const;
  }
  const store = connectEventStoreDb(need(env.EVENTSTORE_URL, 'EVENTSTORE_URL'));
  return { kind, store, source: eventStoreDbLogSource(store), close: () => store.close() } as const;
};

const entriesOf = async function* (path: string) {
  yield* readLogFile(path);
};

export const main = async (argv: readonly string[], env: NodeJS.ProcessEnv, print: Print = console.log): Promise<number> => {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        against: { type: 'string' },
        in: { type: 'string' },
        out: { type: 'string' },
        schema: { type: 'string' },
      },
    });
  } catch (error) {
    print(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  try {
    const command = positionals[0];
    if (command === 'summary') {
      print(JSON.stringify(await summariseLogFile(need(values.in, '--in FILE'))));
      return 0;
    }
    const kind = kindOf(
      command === 'export' ? values.from : command === 'import' ? values.to : command === 'verify' ? values.against : undefined,
      command === 'export' ? '--from' : command === 'import' ? '--to' : '--against',
    );
    if (command !== 'export' && command !== 'import' && command !== 'verify') throw new UsageError(`unknown command ${String(command)}`);
    const file = need(command === 'export' ? values.out : values.in, command === 'export' ? '--out FILE' : '--in FILE');
    const target = await open(kind, env, values.schema);
    try {
      if (command === 'export') {
        print(JSON.stringify({ exported: await writeLogFile(file, kind, target.source as LogSource) }));
        return 0;
      }
      if (command === 'import') {
        const checked = await summariseLogFile(file);
        const imported =
          target.kind === 'postgres'
            ? await importIntoPostgres(target.pool, entriesOf(file), values.schema ? { schema: values.schema } : {})
            : await importIntoEventStoreDb(target.store, entriesOf(file));
        print(JSON.stringify({ file: checked, imported }));
      }
      const verification = await verifyAgainstFile(file, target.source);
      print(JSON.stringify({ verification }));
      return verification.ok ? 0 : 1;
    } finally {
      await target.close();
    }
  } catch (error) {
    if (error instanceof UsageError) {
      print(`${error.message}\n${USAGE}`);
      return 2;
    }
    print(isRooftopError(error) ? JSON.stringify({ error: error.toBody() }) : `error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
};

const invokedDirectly = process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) process.exitCode = await main(process.argv.slice(2), process.env);
