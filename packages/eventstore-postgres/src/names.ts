import { ValidationError } from '@rooftop/eventsourcing';

export const DEFAULT_EVENT_STORE_SCHEMA = 'eventstore';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,47}$/;

/** The SQL names of one event store. The schema is spliced into SQL, so only plain identifiers pass. */
export interface EventStoreNames {
  readonly schema: string;
  readonly events: string;
  readonly streams: string;
  readonly commandResults: string;
  readonly migrations: string;
  /** LISTEN/NOTIFY channel the store notifies after appends commit. */
  readonly channel: string;
}

export const eventStoreNames = (schema: string = DEFAULT_EVENT_STORE_SCHEMA, channel?: string): EventStoreNames => {
  if (typeof schema !== 'string' || !IDENTIFIER.test(schema)) {
    throw new ValidationError(`invalid event store schema name ${JSON.stringify(schema)}`, [{ path: 'schema', message: `must match ${IDENTIFIER.source}` }]);
  }
  // A channel name is quoted in LISTEN, so anything up to the identifier length limit would do; keeping it
  // plain avoids quoting bugs in the many places (psql, other languages) that might LISTEN to it.
  const notifyChannel = channel ?? `${schema}_appended`;
  if (typeof notifyChannel !== 'string' || !/^[A-Za-z_][A-Za-z0-9_.]{0,62}$/.test(notifyChannel)) {
    throw new ValidationError(`invalid notify channel ${JSON.stringify(notifyChannel)}`, [
      { path: 'notifyChannel', message: 'must be a plain identifier of at most 63 characters' },
    ]);
  }
  return {
    schema,
    events: `"${schema}".events`,
    streams: `"${schema}".streams`,
    commandResults: `"${schema}".command_results`,
    migrations: `"${schema}".schema_migrations`,
    channel: notifyChannel,
  };
};
