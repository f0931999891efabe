import { isRooftopError } from '@rooftop/eventsourcing';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { baseConfig } from './base-config.js';
import { ConfigError, ConfigSchemaError, defineConfig, describeConfig, loadConfig } from './config.js';
import { booleanVar, urlVar } from './config-vars.js';

const ids = { GROUP_ID: 'acme', STORE_ID: 'store-01' };

const failure = (run: () => unknown): ConfigError => {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('applies every default when only the ids are set', () => {
    expect(loadConfig(baseConfig, ids)).toEqual({
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      GROUP_ID: 'acme',
      STORE_ID: 'store-01',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/rooftop',
      NATS_URL: 'nats://127.0.0.1:4222',
      HTTP_HOST: '0.0.0.0',
      HTTP_PORT: 9464,
      STORE_TIME_ZONE: 'Asia/Shanghai',
      SHUTDOWN_TIMEOUT_MS: 10_000,
      READINESS_TIMEOUT_MS: 2_000,
    });
  });

  it('coerces numbers, keeps given values, ignores unrelated variables and treats empty values as unset', () => {
    const config = loadConfig(baseConfig, {
      ...ids,
      HTTP_PORT: '9100',
      SHUTDOWN_TIMEOUT_MS: '2500',
      STORE_TIME_ZONE: 'Europe/Berlin',
      LOG_LEVEL: '',
      PATH: '/usr/bin',
    });
    expect(config).toMatchObject({ HTTP_PORT: 9100, SHUTDOWN_TIMEOUT_MS: 2500, STORE_TIME_ZONE: 'Europe/Berlin', LOG_LEVEL: 'info' });
    expect(config).not.toHaveProperty('PATH');
  });

  it('names every missing required variable in one typed error', () => {
    const error = failure(() => loadConfig(baseConfig, {}));
    expect(isRooftopError(error)).toBe(true);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.problems).toEqual([
      { variable: 'GROUP_ID', problem: 'is required but not set' },
      { variable: 'STORE_ID', problem: 'is required but not set' },
    ]);
    expect(error.message).toContain('GROUP_ID: is required but not set');
    expect(error.message).toContain('STORE_ID: is required but not set');
  });

  it('names wrong types, bad URLs, bad ports, bad enums and bad time zones without echoing the values', () => {
    const secretUrl = 'mysql://admin:S3cr3t-Passw0rd@db.internal/rooftop';
    const error = failure(() =>
      loadConfig(baseConfig, {
        ...ids,
        DATABASE_URL: secretUrl,
        NATS_URL: 'not a url at all',
        HTTP_PORT: 'eighty',
        SHUTDOWN_TIMEOUT_MS: '-5',
        LOG_LEVEL: 'loud',
        STORE_TIME_ZONE: 'Mars/Olympus_Mons',
        GROUP_ID: 'acme.group',
      }),
    );
    const byName = Object.fromEntries(error.problems.map((p) => [p.variable, p.problem]));
    expect(byName).toEqual({
      DATABASE_URL: 'must be a valid URL starting with postgres:// or postgresql://',
      NATS_URL: 'must be a valid URL starting with nats:// or tls:// or ws:// or wss://',
      HTTP_PORT: 'must be a number',
      SHUTDOWN_TIMEOUT_MS: 'must be > 0',
      LOG_LEVEL: 'must be one of fatal, error, warn, info, debug, trace, silent',
      STORE_TIME_ZONE: 'must be an IANA time zone name such as Asia/Shanghai',
      GROUP_ID: 'must match /^[A-Za-z0-9_-]+$/',
    });
    const everything = `${error.message}\n${JSON.stringify(error.toBody())}`;
    for (const value of [secretUrl, 'S3cr3t-Passw0rd', 'not a url at all', 'eighty', 'loud', 'Mars/Olympus_Mons', 'acme.group']) {
      expect(everything).not.toContain(value);
    }
  });

  it('rejects offsets and out-of-range ports that Intl or Number would accept', () => {
    const error = failure(() => loadConfig(baseConfig, { ...ids, STORE_TIME_ZONE: '+08:00', HTTP_PORT: '70000' }));
    expect(error.problems.map((p) => p.variable)).toEqual(['HTTP_PORT', 'STORE_TIME_ZONE']);
    expect(error.problems[0]?.problem).toBe('must be <= 65535');
  });

  it('scrubs the value even from a custom refinement message that echoes it', () => {
    const schema = defineConfig({
      API_TOKEN: z
        .string()
        .superRefine((value, ctx) => ctx.addIssue({ code: 'custom', message: `token ${value} is revoked` }))
        .describe('Token for the upstream API.'),
    });
    const error = failure(() => loadConfig(schema, { API_TOKEN: 'tok_live_123456' }));
    expect(error.problems).toEqual([{ variable: 'API_TOKEN', problem: 'token [value hidden] is revoked' }]);
    expect(error.message).not.toContain('tok_live_123456');
  });

  it('lets a process extend the base schema with its own variables', () => {
    const workshop = defineConfig({
      ...baseConfig.shape,
      REMINDERS_ENABLED: booleanVar().default(true).describe('Send first-service reminders.'),
      DMS_URL: urlVar('https').describe('Dealer management system endpoint.'),
    });
    expect(loadConfig(workshop, { ...ids, REMINDERS_ENABLED: 'false', DMS_URL: 'https://dms.example/api' })).toMatchObject({
      REMINDERS_ENABLED: false,
      DMS_URL: 'https://dms.example/api',
      HTTP_PORT: 9464,
    });
    expect(failure(() => loadConfig(workshop, { ...ids, REMINDERS_ENABLED: 'maybe' })).problems).toEqual([
      { variable: 'DMS_URL', problem: 'is required but not set' },
      { variable: 'REMINDERS_ENABLED', problem: 'must be true or false' },
    ]);
  });

  it('lets HQ processes drop STORE_ID', () => {
    const hq = baseConfig.omit({ STORE_ID: true });
    expect(loadConfig(hq, { GROUP_ID: 'acme' })).not.toHaveProperty('STORE_ID');
  });
});

describe('defineConfig', () => {
  it('refuses variables without a description or with a non env-style name', () => {
    expect(() => defineConfig({ PORT: z.string() })).toThrow(ConfigSchemaError);
    expect(() => defineConfig({ PORT: z.string() })).toThrow('PORT has no .describe() text');
    expect(() => defineConfig({ httpPort: z.string().describe('x') })).toThrow('httpPort is not an UPPER_SNAKE_CASE name');
  });
});

describe('describeConfig', () => {
  it('lists each variable with its description, default and whether it is required', () => {
    const variables = describeConfig(baseConfig);
    expect(variables.map((v) => v.name)).toEqual(Object.keys(baseConfig.shape));
    expect(variables.every((v) => v.description.length > 0)).toBe(true);
    expect(variables.find((v) => v.name === 'GROUP_ID')).toEqual({
      name: 'GROUP_ID',
      description: 'Dealer group id (letters, digits, - and _); part of every NATS subject.',
      required: true,
    });
    expect(variables.find((v) => v.name === 'HTTP_PORT')).toMatchObject({ required: false, default: '9464' });
    expect(variables.find((v) => v.name === 'LOG_LEVEL')).toMatchObject({
      required: false,
      default: 'info',
      values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    });
  });

  it('finds the description whether .describe() comes before or after .default()/.optional()', () => {
    const schema = defineConfig({
      A: z.string().describe('described first').default('x'),
      B: z.string().default('y').describe('described last'),
      C: z.string().optional().describe('optional one'),
    });
    expect(describeConfig(schema)).toEqual([
      { name: 'A', description: 'described first', required: false, default: 'x' },
      { name: 'B', description: 'described last', required: false, default: 'y' },
      { name: 'C', description: 'optional one', required: false },
    ]);
  });
});
