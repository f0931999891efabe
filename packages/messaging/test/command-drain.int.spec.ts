import { type NatsConnection } from '@nats-io/transport-node';
import { type CommandResult } from '@rooftop/eventsourcing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapCommandService, type CommandReply, sendCommand } from '../src/index.js';
import { createLot, LOT, lotRegistry, ReleaseBay, ReserveBay } from './fixtures/lot-context.js';
import { CapturingLogger, connectNats, envelope, identity, natsUrl, signer, uniqueStoreId, waitFor } from './fixtures/nats.js';

describe('graceful shutdown', () => {
  let nc: NatsConnection;
  beforeAll(async () => {
    nc = await connectNats();
  });
  afterAll(async () => {
    await nc?.close();
  });

  it('stops taking requests, lets the in-flight command finish and reply, then closes', async () => {
    const storeId = uniqueStoreId('drain');
    const lot = createLot();
    let started = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const service = await bootstrapCommandService({
      identity,
      context: LOT,
      storeId,
      natsUrl: natsUrl(),
      registry: lotRegistry,
      logger: new CapturingLogger(),
      handlers: {
        ReserveBay: async (command: Parameters<typeof lot.handle>[0]) => {
          started += 1;
          await gate;
          return lot.handle(command);
        },
        ReleaseBay: lot.handle,
      },
    });

    let answered: CommandReply<CommandResult> | undefined;
    const inFlight = sendCommand(nc, {
      signer,
      contract: ReserveBay,
      command: envelope('ReserveBay', storeId, { bayId: 'D1', plate: '京A00001' }),
      timeoutMs: 60_000,
    }).then((reply) => (answered = reply));
    await waitFor(() => started === 1, 'the slow handler to start');

    let closed = false;
    const closing = service.close().then(() => (closed = true));

    // Until the UNSUB reaches the server a request may still be taken (and answered); after it, nobody answers.
    for (;;) {
      const probe = await sendCommand(nc, { signer, contract: ReleaseBay, command: envelope('ReleaseBay', storeId, { bayId: 'D9' }), timeoutMs: 30_000 });
      if (!probe.ok && probe.error.code === 'UNAVAILABLE') {
        expect(probe.error.details).toMatchObject({ reason: 'NO_RESPONDERS' });
        break;
      }
      expect(probe).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
    }

    expect(answered).toBeUndefined();
    expect(closed).toBe(false);
    expect(service.transport.inFlightCount).toBe(1);

    release();
    await inFlight;
    await closing;
    expect(answered).toMatchObject({ ok: true, result: { streamId: 'lot-bay-D1', streamVersion: 1 } });
    expect((await lot.store.readStream('lot-bay-D1')).events).toHaveLength(1);
    expect(service.transport.inFlightCount).toBe(0);
  });
});
