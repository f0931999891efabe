import { type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapCommandService, CommandClient, type CommandService } from '../src/index.js';
import { createLot, LOT, lotRegistry, ReleaseBay, ReserveBay } from './fixtures/lot-context.js';
import { CapturingLogger, connectNats, identity, manager, natsUrl, signer, uniqueStoreId } from './fixtures/nats.js';
import { LotTransportModule } from './fixtures/transport/lot.controller.js';

describe('a Nest controller with @CommandPattern methods', () => {
  const storeId = uniqueStoreId('ctrl');
  const lot = createLot();
  let service: CommandService;
  let nc: NatsConnection;
  let client: CommandClient;

  beforeAll(async () => {
    service = await bootstrapCommandService({
      identity,
      context: LOT,
      storeId,
      natsUrl: natsUrl(),
      registry: lotRegistry,
      logger: new CapturingLogger(),
      module: LotTransportModule.forHandler(lot.handle),
    });
    nc = await connectNats();
    client = new CommandClient(nc, { signer, timeoutMs: 10_000 });
  });
  afterAll(async () => {
    await service?.close();
    await nc?.close();
  });

  it('routes each command to its decorated method with injected dependencies', async () => {
    const reserved = await client.send(ReserveBay, { storeId, actor: manager, data: { bayId: 'C1', plate: '苏E55555' } });
    expect(reserved).toMatchObject({ ok: true, result: { streamId: 'lot-bay-C1', streamVersion: 1 } });

    const released = await client.send(ReleaseBay, { storeId, actor: manager, data: { bayId: 'C1' } });
    expect(released).toEqual({ ok: true, result: { released: 'C1', streamVersion: 2 } });
  });

  it('keeps a RooftopError thrown inside a Nest handler typed (Nest would make it "Internal server error")', async () => {
    const reply = await client.send(ReleaseBay, { storeId, actor: manager, data: { bayId: 'C2' } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION', details: { reason: 'BAY_NOT_RESERVED' } } });
  });

  it('answers a contract of the context that no controller handles with UNKNOWN_COMMAND', async () => {
    const subject = `rooftop.${storeId}.${LOT}.cmd.audit-bay`;
    const reply = await nc.request(subject, JSON.stringify({}), { timeout: 10_000 });
    expect(reply.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
  });
});

describe('bootstrap guards', () => {
  it('refuses a handler for a command the context does not define', async () => {
    await expect(
      bootstrapCommandService({
        identity,
        context: LOT,
        storeId: uniqueStoreId('guard'),
        natsUrl: natsUrl(),
        registry: lotRegistry,
        logger: new CapturingLogger(),
        handlers: { ReserveBay: () => null, ReserveBayTypo: () => null },
      }),
    ).rejects.toMatchObject({ code: 'UNKNOWN_COMMAND', details: { pattern: 'ReserveBayTypo' } });
  });

  it('refuses a store id that is not a subject token, and a service with nothing to serve', async () => {
    const base = { context: LOT, natsUrl: natsUrl(), registry: lotRegistry, logger: new CapturingLogger() };
    await expect(
      bootstrapCommandService({
        identity,
        ...base,
        storeId: 'store.*',
        handlers: {},
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      bootstrapCommandService({
        identity,
        ...base,
        storeId: uniqueStoreId('empty'),
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
