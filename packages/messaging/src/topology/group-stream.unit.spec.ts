import { DiscardPolicy } from '@nats-io/jetstream';
import { ValidationError } from '@rooftop/eventsourcing';
import { describe, expect, it } from 'vitest';
import { domainApiPrefix, groupStreamConfig } from './group-stream.js';

describe('groupStreamConfig', () => {
  it('sources every store stream through its JetStream domain and captures no subject of its own', () => {
    const config = groupStreamConfig({ groupId: 'acme', stores: [{ storeId: 'bj-01' }, { storeId: 'sh02', domain: 'shanghai_02' }] });
    expect(config.name).toBe('GROUP_EVENTS');
    expect(config.subjects).toEqual([]);
    expect(config.discard).toBe(DiscardPolicy.New);
    expect(config.sources).toEqual([
      { name: 'STORE_EVENTS_ACME_BJ_01', external: { api: '$JS.bj-01.API', deliver: 'rooftop.deliver.bj-01' } },
      { name: 'STORE_EVENTS_ACME_SH02', external: { api: '$JS.shanghai_02.API', deliver: 'rooftop.deliver.sh02' } },
    ]);
  });

  it('rejects a store listed twice and a domain that is not a subject token, with typed errors', () => {
    expect(() => groupStreamConfig({ groupId: 'acme', stores: [{ storeId: 'a' }, { storeId: 'a' }] })).toThrow(ValidationError);
    expect(() => domainApiPrefix('hq.>')).toThrow(ValidationError);
    expect(() => groupStreamConfig({ groupId: 'acme', stores: [{ storeId: 'a', domain: 'bad domain' }] })).toThrow(ValidationError);
  });
});
