import { describe, expect, it } from 'vitest';
import { ConfigError, defineConfig, loadConfig } from './config.js';
import { eventStoreSelection, eventStoreVars } from './event-store-config.js';

const schema = defineConfig(eventStoreVars);

describe('event store selection', () => {
  it('defaults to PostgreSQL and selects EventStoreDB with its URL', () => {
    expect(eventStoreSelection(loadConfig(schema, {}))).toEqual({ kind: 'postgres' });
    const url = 'kurrentdb://127.0.0.1:2113?tls=false';
    expect(eventStoreSelection(loadConfig(schema, { EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: url }))).toEqual({ kind: 'eventstoredb', url });
  });

  it('refuses an unknown store, a URL of another scheme, and EventStoreDB without a URL', () => {
    expect(() => loadConfig(schema, { EVENT_STORE: 'mongodb' })).toThrow(ConfigError);
    expect(() => loadConfig(schema, { EVENTSTORE_URL: 'http://127.0.0.1:2113' })).toThrow(/EVENTSTORE_URL: must be a valid URL starting with kurrentdb:\/\//);
    const error = (() => {
      try {
        eventStoreSelection(loadConfig(schema, { EVENT_STORE: 'eventstoredb' }));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', problems: [{ variable: 'EVENTSTORE_URL', problem: 'is required when EVENT_STORE=eventstoredb' }] });
  });
});
