import { ValidationError } from '@rooftop/eventsourcing';

export const DEFAULT_SCHEDULER_SCHEMA = 'scheduler';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,47}$/;

/** The SQL names of one scheduler schema. The schema is spliced into SQL, so only plain identifiers pass. */
export interface SchedulerNames {
  readonly schema: string;
  readonly table: string;
  readonly migrations: string;
  /** LISTEN/NOTIFY channel that wakes dispatchers when an entry becomes due soon. */
  readonly channel: string;
}

export const schedulerNames = (schema: string = DEFAULT_SCHEDULER_SCHEMA): SchedulerNames => {
  if (typeof schema !== 'string' || !IDENTIFIER.test(schema)) {
    throw new ValidationError(`invalid scheduler schema name ${JSON.stringify(schema)}`, [{ path: 'schema', message: 'must match /^[a-z_][a-z0-9_]{0,47}$/' }]);
  }
  return {
    schema,
    table: `"${schema}".scheduled_commands`,
    migrations: `"${schema}".scheduler_migrations`,
    channel: `${schema}_scheduled_commands`,
  };
};
