// The measurements behind docs/adr/0002-command-transport.md: the built-in Nest NATS transporter against
// CommandTransport, on behaviour (what a caller sees) and on request/reply latency. Not a test and not a
// benchmark gate; run by hand:
//   npx tsx --conditions @rooftop/source packages/messaging/test/adr-0002/compare-transports.ts
import 'reflect-metadata';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Transport } from '@nestjs/microservices';
import { RooftopError } from '@rooftop/eventsourcing';
import { ASSERTION_HEADER, bootstrapCommandService, CommandGate, sendCommand } from '../../src/index.js';
import { lotRegistry, ReserveBay } from '../fixtures/lot-context.js';
import { envelope, identity, natsUrl, signer, uniqueStoreId } from '../fixtures/nats.js';

const SLOW_MS = 1_500;

@Controller()
class BuiltInController {
  @MessagePattern('builtin.reserve')
  reserve(command: { commandId: string }) {
    return { commandId: command.commandId };
  }
  @MessagePattern('builtin.reject')
  reject(): never {
    throw new RooftopError('FORBIDDEN', 'no');
  }
  @MessagePattern('builtin.slow')
  async slow() {
    await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
    return 'done';
  }
}
@Module({ controllers: [BuiltInController] })
class BuiltInModule {}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const measure = async (label: string, call: () => Promise<unknown>) => {
  for (let i = 0; i < 500; i++) await call();
  const samples: number[] = [];
  for (let i = 0; i < 3_000; i++) {
    const start = performance.now();
    await call();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const concurrentStart = performance.now();
  for (let batch = 0; batch < 50; batch++) await Promise.all(Array.from({ length: 100 }, call));
  const perSecond = Math.round(5_000 / ((performance.now() - concurrentStart) / 1000));
  console.log(
    `${label}: sequential p50 ${percentile(samples, 50).toFixed(3)} ms, p99 ${percentile(samples, 99).toFixed(3)} ms; 100 in flight: ${perSecond} req/s`,
  );
};

const outcome = async (nc: NatsConnection, subject: string, body: string | Uint8Array, assertion?: string) => {
  try {
    const h = headers();
    if (assertion) h.set(ASSERTION_HEADER, assertion);
    const reply = await nc.request(subject, body, { timeout: 2_000, headers: h });
    return reply.string();
  } catch (error) {
    return `no reply (${(error as Error).message})`;
  }
};

const builtIn = async (nc: NatsConnection, gracePeriod: number) => {
  const app = await NestFactory.createMicroservice(BuiltInModule, {
    transport: Transport.NATS,
    options: { servers: natsUrl(), queue: 'builtin', gracefulShutdown: true, gracePeriod },
    logger: false,
  });
  await app.listen();
  await nc.flush();
  return app;
};

const main = async () => {
  const nc = await connect({ servers: natsUrl() });
  const framed = (pattern: string, data: unknown) => JSON.stringify({ pattern, data, id: String(Math.random()) });

  const nest = await builtIn(nc, 10_000);
  console.log('built-in, bare envelope:', await outcome(nc, 'builtin.reserve', JSON.stringify({ commandId: 'c1' })));
  console.log('built-in, Nest-framed:', await outcome(nc, 'builtin.reserve', framed('builtin.reserve', { commandId: 'c1' })));
  console.log('built-in, garbage:', await outcome(nc, 'builtin.reserve', new Uint8Array([0xff, 0x00])));
  console.log('built-in, RooftopError:', await outcome(nc, 'builtin.reject', framed('builtin.reject', {})));
  console.log('built-in, unknown subject:', await outcome(nc, 'builtin.nope', framed('builtin.nope', {})));
  await measure('built-in ServerNats', () => nc.request('builtin.reserve', framed('builtin.reserve', { commandId: 'c1' }), { timeout: 5_000 }));
  let started = performance.now();
  await nest.close();
  console.log(`built-in close with nothing in flight: ${Math.round(performance.now() - started)} ms (gracePeriod 10000)`);

  const short = await builtIn(nc, 500);
  const slow = outcome(nc, 'builtin.slow', framed('builtin.slow', {}));
  await new Promise((resolve) => setTimeout(resolve, 100));
  started = performance.now();
  await short.close();
  console.log(`built-in, gracePeriod 500 < handler ${SLOW_MS}: close ${Math.round(performance.now() - started)} ms, caller got:`, await slow);

  const storeId = uniqueStoreId('adr');
  const service = await bootstrapCommandService({
    identity,
    context: 'lot',
    storeId,
    registry: lotRegistry,
    handlers: {
      ReserveBay: (command: { commandId: string }) => ({ commandId: command.commandId }),
      ReleaseBay: async () => {
        await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
        return 'done';
      },
    },
    logger: { log: () => undefined, warn: () => undefined, error: () => undefined },
  });
  const subject = `rooftop.${storeId}.lot.cmd.reserve-bay`;
  console.log('CommandTransport, garbage:', await outcome(nc, subject, new Uint8Array([0xff, 0x00])));
  console.log('CommandTransport, unknown subject:', await outcome(nc, `rooftop.${storeId}.lot.cmd.nope`, '{}'));
  const command = envelope('ReserveBay', storeId, { bayId: 'A1', plate: 'ABCDE1' });
  const gate = new CommandGate({ context: 'lot', storeId, registry: lotRegistry, handledTypes: new Set(['ReserveBay']), identity });
  const bytes = new TextEncoder().encode(JSON.stringify(command));
  const assertion = await signer.sign(command, 'lot');
  for (let i = 0; i < 2_000; i++) await gate.admit(subject, bytes, assertion);
  const gateStart = performance.now();
  for (let i = 0; i < 20_000; i++) await gate.admit(subject, bytes, assertion);
  console.log(
    `CommandGate.admit (decode + envelope + assertion + contract checks): ${(((performance.now() - gateStart) / 20_000) * 1000).toFixed(1)} µs per command`,
  );
  const signStart = performance.now();
  for (let i = 0; i < 20_000; i++) await signer.sign(command, 'lot');
  console.log(`CommandSigner.sign: ${(((performance.now() - signStart) / 20_000) * 1000).toFixed(1)} µs per command`);
  const h = headers();
  h.set(ASSERTION_HEADER, assertion);
  await measure('CommandTransport, raw request', () => nc.request(subject, JSON.stringify(command), { timeout: 5_000, headers: h }));
  await measure('CommandTransport, via sendCommand', () => sendCommand(nc, { signer, contract: ReserveBay, command }));
  const release = envelope('ReleaseBay', storeId, { bayId: 'A1' });
  const inFlight = outcome(nc, `rooftop.${storeId}.lot.cmd.release-bay`, JSON.stringify(release), await signer.sign(release, 'lot'));
  await new Promise((resolve) => setTimeout(resolve, 100));
  started = performance.now();
  await service.close();
  console.log(`CommandTransport, handler ${SLOW_MS} ms in flight: close ${Math.round(performance.now() - started)} ms, caller got:`, await inFlight);
  await nc.close();
};

await main();
