import { createRegistry, defineCommand, defineContext } from '@rooftop/contracts';
import { RooftopError } from '@rooftop/eventsourcing';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type AdmittedCommand, CommandGate } from './command-gate.js';

const OpenTab = defineCommand({
  context: 'bar',
  type: 'OpenTab',
  schema: z.object({ table: z.number().int().positive(), guests: z.number().int().default(2) }),
  description: 'Open a tab.',
  roles: ['waiter'],
});
const CloseTab = defineCommand({ context: 'bar', type: 'CloseTab', schema: z.object({}), description: 'Close.', roles: ['waiter'] });
const registry = createRegistry([defineContext({ context: 'bar', description: 'test', events: [], commands: [OpenTab, CloseTab] })]);
const gate = new CommandGate({ context: 'bar', storeId: 's1', registry, handledTypes: new Set(['OpenTab']) });

const subject = 'rooftop.s1.bar.cmd.open-tab';
const valid = {
  commandId: 'c-1',
  type: 'OpenTab',
  storeId: 's1',
  actor: { kind: 'user', id: 'u1', roles: ['waiter'] },
  data: { table: 4 },
  metadata: { now: '2025-01-01T08:00:00+08:00', correlationId: 'c-1' },
};
const bytes = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
const failure = (result: AdmittedCommand | RooftopError) => {
  if (!(result instanceof RooftopError)) throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return result.toBody();
};

describe('CommandGate', () => {
  it('subscribes to the whole cmd.* of its context and store', () => {
    expect(gate.subjectFilter).toBe('rooftop.s1.bar.cmd.*');
  });

  it('admits a valid command with data parsed by the contract', () => {
    const admitted = gate.admit(subject, bytes(valid));
    expect(admitted).not.toBeInstanceOf(RooftopError);
    expect((admitted as AdmittedCommand).command).toEqual({ ...valid, data: { table: 4, guests: 2 } });
    expect((admitted as AdmittedCommand).contract).toBe(OpenTab);
  });

  it('treats a name without a contract, a contract without a handler and a foreign subject as unknown', () => {
    for (const s of ['rooftop.s1.bar.cmd.nope', 'rooftop.s1.bar.cmd.close-tab', 'rooftop.s2.bar.cmd.open-tab']) {
      expect(failure(gate.admit(s, bytes(valid))).code).toBe('UNKNOWN_COMMAND');
    }
  });

  it('answers undecodable bytes with VALIDATION_FAILED', () => {
    for (const payload of [new Uint8Array([0xc3, 0x28]), bytes('{"a":'), new Uint8Array()]) {
      expect(failure(gate.admit(subject, payload))).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: '(root)' }] } });
    }
  });

  it('lists every envelope problem by path', () => {
    const body = failure(gate.admit(subject, bytes({ ...valid, commandId: '', actor: { kind: 'robot', id: 'x' }, metadata: { now: 'yesterday' } })));
    const paths = (body.details!.issues as Array<{ path: string }>).map((i) => i.path).sort();
    expect(paths).toEqual(['actor.kind', 'commandId', 'metadata.correlationId', 'metadata.now']);
  });

  it('requires data and a W3C traceparent when one is given', () => {
    const { data: _data, ...withoutData } = valid;
    expect(failure(gate.admit(subject, bytes(withoutData))).details).toMatchObject({ issues: [{ path: 'data' }] });
    const badTrace = { ...valid, metadata: { ...valid.metadata, traceparent: 'abc' } };
    expect(failure(gate.admit(subject, bytes(badTrace))).details).toMatchObject({ issues: [{ path: 'metadata.traceparent' }] });
  });

  it('checks, in order, type against subject, store, roles, then data', () => {
    expect(failure(gate.admit(subject, bytes({ ...valid, type: 'CloseTab', storeId: 's9' })))).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(failure(gate.admit(subject, bytes({ ...valid, storeId: 's9', data: {} })))).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'WRONG_STORE' },
    });
    const noRole = { ...valid, actor: { kind: 'system', id: 'reaction' }, data: {} };
    expect(failure(gate.admit(subject, bytes(noRole)))).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'MISSING_ROLE', required: ['waiter'] } });
    expect(failure(gate.admit(subject, bytes({ ...valid, data: { table: -1 } })))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [{ path: 'data.table' }] },
    });
  });
});
