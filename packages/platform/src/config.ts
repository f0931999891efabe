import { RooftopError } from '@rooftop/eventsourcing';
import { z } from 'zod';
import { describeIssue } from './config-issues.js';
import { describeVariable, type ConfigVariable } from './config-describe.js';

export type ConfigShape = Record<string, z.ZodType>;
export type ConfigSchema<S extends ConfigShape = ConfigShape> = z.ZodObject<S>;
export type Env = Readonly<Record<string, string | undefined>>;

export interface ConfigProblem {
  /** The environment variable, by name. */
  readonly variable: string;
  /** What is wrong with it, without its value (values may be secrets). */
  readonly problem: string;
}

/** The environment does not satisfy the process's config schema: start-up must stop. */
export class ConfigError extends RooftopError {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      'CONFIG_INVALID',
      `invalid configuration (${problems.length} variable${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p.variable}: ${p.problem}`).join('\n'),
      { problems },
    );
  }
}

/** The schema itself is unusable (a programming error, found at the first load or describe). */
export class ConfigSchemaError extends RooftopError {
  constructor(message: string) {
    super('CONFIG_SCHEMA_INVALID', message);
  }
}

const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

/**
 * One zod object per process, keyed by environment variable name. Every variable must carry `.describe()` so the
 * operations docs and deployment checks can be generated from the schema instead of drifting from it.
 */
export const defineConfig = <S extends ConfigShape>(shape: S): ConfigSchema<S> => {
  for (const [name, schema] of Object.entries(shape)) {
    if (!ENV_NAME.test(name)) throw new ConfigSchemaError(`config variable ${name} is not an UPPER_SNAKE_CASE name`);
    if (describeVariable(name, schema).description === '') {
      throw new ConfigSchemaError(`config variable ${name} has no .describe() text`);
    }
  }
  return z.object(shape);
};

/**
 * Reads exactly the schema's variables from `env`. An empty value counts as unset, because `FOO=` in a compose file
 * or an env file almost always means "not configured" and should fall back to the default, not fail as "".
 */
export const loadConfig = <S extends ConfigShape>(schema: ConfigSchema<S>, env: Env = process.env): z.output<ConfigSchema<S>> => {
  const input: Record<string, string | undefined> = {};
  for (const name of Object.keys(schema.shape)) {
    const value = env[name];
    input[name] = value === '' ? undefined : value;
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = new Map<string, string[]>();
  for (const issue of result.error.issues) {
    const variable = String(issue.path[0] ?? '(config)');
    const raw = input[variable];
    problems.set(variable, [...(problems.get(variable) ?? []), describeIssue(issue, raw)]);
  }
  throw new ConfigError(
    [...problems.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([variable, list]) => ({ variable, problem: [...new Set(list)].join('; ') })),
  );
};

/** The variables of a schema, in declaration order, for docs and deployment checks. */
export const describeConfig = (schema: ConfigSchema): ConfigVariable[] =>
  Object.entries(schema.shape).map(([name, variable]) => describeVariable(name, variable as z.ZodType));

export { type ConfigVariable } from './config-describe.js';
