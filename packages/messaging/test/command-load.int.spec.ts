import { type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapCommandService, CommandClient, type CommandService } from '../src/index.js';
import { type BayCommand, createLot, LOT, lotRegistry, ReleaseBay, ReserveBay } from './fixtures/lot-context.js';
import { CapturingLogger, connectNats, identity, manager, natsUrl, signer, uniqueStoreId } from './fixtures/nats.js';

const bay = (i: number) => `${String.fromCharCode(65 + (i % 26))}${Math.floor(i / 26) + 1}`;

describe('replicas and load', () => {
  let nc: NatsConnection;
  let client: CommandClient;
  const services: CommandService[] = [];

  beforeAll(async () => {
    nc = await connectNats();
    client = new CommandClient(nc, { signer, timeoutMs: 30_000 });
  });
  afterAll(async () => {
    for (const service of services) await service.close();
    await nc?.close();
  });

  it('spreads 200 requests over two replicas in one queue group', async () => {
    const storeId = uniqueStoreId('replicas');
    const lot = createLot();
    const served = [0, 0];
    for (const replica of [0, 1]) {
      const handle = (command: BayCommand) => {
        served[replica]! += 1;
        return lot.handle(command);
      };
      services.push(
        await bootstrapCommandService({
          identity,
          context: LOT,
          storeId,
          natsUrl: natsUrl(),
          registry: lotRegistry,
          logger: new CapturingLogger(),
          handlers: { ReserveBay: handle, ReleaseBay: handle },
        }),
      );
    }

    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, i) => client.send(ReserveBay, { storeId, actor: manager, data: { bayId: bay(i), plate: `R${100000 + i}` } })),
    );

    expect(replies.filter((r) => r.ok)).toHaveLength(200);
    expect(served[0]! + served[1]!).toBe(200);
    expect(served[0]).toBeGreaterThan(0);
    expect(served[1]).toBeGreaterThan(0);
    expect(await lot.store.headPosition()).toBe(200);
  });

  it('handles 1,000 requests, sequential then concurrent, with exact outcomes', async () => {
    const storeId = uniqueStoreId('smoke');
    const lot = createLot();
    services.push(
      await bootstrapCommandService({
        identity,
        context: LOT,
        storeId,
        natsUrl: natsUrl(),
        registry: lotRegistry,
        logger: new CapturingLogger(),
        handlers: { ReserveBay: lot.handle, ReleaseBay: lot.handle },
      }),
    );

    // 500 sequential: reserve and release one bay in turn, so every command must see the previous one.
    for (let i = 0; i < 500; i++) {
      const reply =
        i % 2 === 0
          ? await client.send(ReserveBay, { storeId, actor: manager, data: { bayId: 'Z999', plate: `SEQ${1000 + i}` } })
          : await client.send(ReleaseBay, { storeId, actor: manager, data: { bayId: 'Z999' } });
      expect(reply.ok, JSON.stringify(reply)).toBe(true);
    }
    expect((await lot.store.readStream('lot-bay-Z999')).streamVersion).toBe(500);

    // 500 concurrent: two plates race for each of 250 bays; exactly one wins each race.
    const replies = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        client.send(ReserveBay, { storeId, actor: manager, data: { bayId: bay(Math.floor(i / 2)), plate: `CON${10000 + i}` } }),
      ),
    );
    const codes = replies.map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(250);
    expect(codes.filter((c) => c === 'RULE_VIOLATION')).toHaveLength(250);
    for (let b = 0; b < 250; b++) expect((await lot.store.readStream(`lot-bay-${bay(b)}`)).streamVersion).toBe(1);
  });
});
