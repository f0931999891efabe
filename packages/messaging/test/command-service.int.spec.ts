import { type NatsConnection } from '@nats-io/transport-node';
import { defineCommand } from '@rooftop/contracts';
import { type CommandResult } from '@rooftop/eventsourcing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bootstrapCommandService, type CommandService, sendCommand } from '../src/index.js';
import { AuditBay, CountBays, createLot, LOT, lotRegistry, ReleaseBay, ReserveBay } from './fixtures/lot-context.js';
import { advisor, CapturingLogger, connectNats, envelope, identity, natsUrl, signer, uniqueStoreId } from './fixtures/nats.js';

describe('command service over NATS', () => {
  const storeId = uniqueStoreId('svc');
  const lot = createLot();
  const logger = new CapturingLogger();
  let service: CommandService;
  let nc: NatsConnection;

  beforeAll(async () => {
    service = await bootstrapCommandService({
      identity,
      context: LOT,
      storeId,
      natsUrl: natsUrl(),
      registry: lotRegistry,
      logger,
      handlers: {
        ReserveBay: lot.handle,
        ReleaseBay: lot.handle,
        AuditBay: () => {
          throw new Error('audit database is gone');
        },
        CountBays: () => ({ count: 10n }),
      },
    });
    nc = await connectNats();
  });

  afterAll(async () => {
    await service?.close();
    await nc?.close();
  });

  const request = (subject: string, body: string | Uint8Array) => nc.request(subject, body, { timeout: 10_000 }).then((m) => m.json<unknown>());

  it('answers a valid command with the handler result, data parsed by the contract', async () => {
    const command = envelope('ReserveBay', storeId, { bayId: 'A1', plate: '沪A12345' });
    const reply = await sendCommand(nc, { signer, storeId, context: LOT, contract: ReserveBay, command, timeoutMs: 10_000 });

    expect(reply.ok).toBe(true);
    const result = (reply as { result: CommandResult }).result;
    expect(result).toMatchObject({ commandId: command.commandId, streamId: 'lot-bay-A1', streamVersion: 1 });
    expect(result.events.map((e) => e.type)).toEqual(['BayReserved']);
    const { events } = await lot.store.readStream('lot-bay-A1');
    // `hours` was filled in by the contract's default before the decider saw the command.
    expect(events[0]!.data).toEqual({ bayId: 'A1', plate: '沪A12345', hours: 1 });
  });

  it('returns the first result for a repeated commandId and appends once', async () => {
    const command = envelope('ReserveBay', storeId, { bayId: 'A2', plate: '粤B99999' });
    const first = await sendCommand(nc, { signer, contract: ReserveBay, command, timeoutMs: 10_000 });
    const second = await sendCommand(nc, { signer, contract: ReserveBay, command, timeoutMs: 10_000 });

    expect(first.ok).toBe(true);
    expect(second).toEqual(first);
    expect((await lot.store.readStream('lot-bay-A2')).events).toHaveLength(1);
  });

  it('returns a domain rule violation as its typed error', async () => {
    await sendCommand(nc, { signer, contract: ReserveBay, command: envelope('ReserveBay', storeId, { bayId: 'A3', plate: 'AAAAA1' }) });
    const reply = await sendCommand(nc, { signer, contract: ReserveBay, command: envelope('ReserveBay', storeId, { bayId: 'A3', plate: 'BBBBB2' }) });
    expect(reply).toEqual({
      ok: false,
      error: { code: 'RULE_VIOLATION', message: 'bay A3 is taken by AAAAA1', details: { reason: 'BAY_TAKEN', bayId: 'A3' } },
    });
  });

  it('rejects data that breaks the contract with VALIDATION_FAILED and every failing path', async () => {
    const command = envelope('ReserveBay', storeId, { bayId: 'nope', plate: 'x', hours: 500 });
    const reply = await sendCommand(nc, { signer, contract: ReserveBay, command });

    if (reply.ok) throw new Error('expected a validation error');
    expect(reply.error.code).toBe('VALIDATION_FAILED');
    const issues = reply.error.details?.issues as Array<{ path: string }>;
    expect(issues.map((i) => i.path).sort()).toEqual(['data.bayId', 'data.hours', 'data.plate']);
    expect((await lot.store.readStream('lot-bay-nope')).events).toHaveLength(0);
  });

  it('rejects a broken envelope and a type that does not match the subject', async () => {
    const subject = `rooftop.${storeId}.${LOT}.cmd.reserve-bay`;
    const noMeta = await request(subject, JSON.stringify({ commandId: 'c1', type: 'ReserveBay', storeId, actor: advisor, data: {} }));
    expect(noMeta).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: 'metadata' }] } } });

    const wrongType = envelope('ReleaseBay', storeId, { bayId: 'A9' });
    expect(await request(subject, JSON.stringify(wrongType))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: 'type' }] } },
    });
  });

  it('answers an unknown command subject with UNKNOWN_COMMAND', async () => {
    const Nope = defineCommand({ context: LOT, type: 'Nope', schema: z.object({}), description: 'not served', roles: ['manager'] });
    const reply = await sendCommand(nc, { signer, contract: Nope, command: envelope('Nope', storeId, {}) });
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND', details: { subject: `rooftop.${storeId}.${LOT}.cmd.nope` } } });
  });

  it('answers garbage bytes with a typed error and keeps serving', async () => {
    const subject = `rooftop.${storeId}.${LOT}.cmd.release-bay`;
    for (const garbage of [new Uint8Array([0xff, 0xfe, 0x00, 0x81]), 'not json {', '', '42', 'null', '[1,2]']) {
      expect(await request(subject, garbage)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    const after = await sendCommand(nc, { signer, contract: ReserveBay, command: envelope('ReserveBay', storeId, { bayId: 'A4', plate: 'CCCCC3' }) });
    expect(after.ok).toBe(true);
  });

  it('forbids a command for another store', async () => {
    const command = envelope('ReserveBay', uniqueStoreId('other'), { bayId: 'A5', plate: 'DDDDD4' });
    const reply = await sendCommand(nc, { signer, storeId, contract: ReserveBay, command });
    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'WRONG_STORE' } } });
    expect((await lot.store.readStream('lot-bay-A5')).events).toHaveLength(0);
  });

  it('forbids an actor without one of the contract roles', async () => {
    await sendCommand(nc, { signer, contract: ReserveBay, command: envelope('ReserveBay', storeId, { bayId: 'A6', plate: 'EEEEE5' }, { actor: advisor }) });
    const reply = await sendCommand(nc, { signer, contract: ReleaseBay, command: envelope('ReleaseBay', storeId, { bayId: 'A6' }, { actor: advisor }) });
    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'MISSING_ROLE', required: ['manager'] } } });
    expect((await lot.store.readStream('lot-bay-A6')).events).toHaveLength(1);
  });

  it('maps a plain Error to INTERNAL without the stack, and logs the stack', async () => {
    const command = envelope('AuditBay', storeId, { bayId: 'A7' });
    const reply = await sendCommand(nc, { signer, contract: AuditBay, command });

    expect(reply).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'audit database is gone', details: { commandId: command.commandId } } });
    expect(JSON.stringify(reply)).not.toContain('at ');
    const logged = logger.errors.find((e) => e.message.includes(command.commandId));
    expect(logged?.trace).toContain('audit database is gone');
    expect(logged?.trace).toMatch(/\n\s+at /);
  });

  it('answers INTERNAL when the result cannot be encoded as JSON, and keeps serving', async () => {
    const reply = await sendCommand(nc, { signer, contract: CountBays, command: envelope('CountBays', storeId, {}) });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'the handler result is not JSON-serialisable' } });
    const after = await sendCommand(nc, { signer, contract: ReserveBay, command: envelope('ReserveBay', storeId, { bayId: 'A9', plate: 'GGGGG7' }) });
    expect(after.ok).toBe(true);
  });

  it('reports a service nobody runs as UNAVAILABLE instead of throwing', async () => {
    const command = envelope('ReserveBay', uniqueStoreId('nobody'), { bayId: 'A8', plate: 'FFFFF6' });
    const reply = await sendCommand(nc, { signer, contract: ReserveBay, command, timeoutMs: 2_000 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });
});
