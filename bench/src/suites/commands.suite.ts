import { connect } from '@nats-io/transport-node';
import { type LoggerService } from '@nestjs/common';
import { platformRegistry } from '@rooftop/contracts';
import { CaptureLead } from '@rooftop/contracts/sales';
import { bootstrapCommandService, CommandClient, createCommandSigner } from '@rooftop/messaging';
import { createTestCommandIssuer, uniqueStreamSuffix } from '@rooftop/testkit';
import { benchNatsOptions } from '../messaging/nats.js';
import { runPaced } from '../messaging/paced.js';
import { percentile, perSecond } from '../stats.js';
import { type BenchContext, type BenchSuite, toRow } from '../suite.js';

export const commandRate = 1_000;
/** The measured window is 1.25 × `--duration` (10 s at the default 8 s). */
export const commandDurationFactor = 1.25;

/** Nest's own log lines would land in the table on stdout; errors go to the progress log instead. */
const benchLogger = (context: BenchContext): LoggerService => ({
  log: () => undefined,
  warn: (message: unknown) => context.log(`  nest warn: ${String(message)}`),
  error: (message: unknown) => context.log(`  nest error: ${String(message)}`),
});

export const commandsSuite: BenchSuite = {
  name: 'commands',
  description: `command request/reply through the NestJS NATS transport (bootstrapCommandService, CaptureLead signed and verified, trivial handler) at ${commandRate.toLocaleString('en-US')} req/s`,
  async run(context) {
    const storeId = `bench-${uniqueStreamSuffix()}`;
    // The transport is what is measured: the assertion signed and verified, envelope and contract checks, Nest
    // routing, the reply; the handler only answers. Service and client have their own connections, as in
    // production (gateway ≠ service), and the client signs as a gateway would (no clock authority).
    const serviceNc = await connect(benchNatsOptions('rooftop-bench-command-service'));
    context.defer(async () => {
      if (!serviceNc.isClosed()) await serviceNc.drain();
    });
    const issuer = createTestCommandIssuer({ kid: 'bench-gateway', clock: false });
    const service = await bootstrapCommandService({
      context: CaptureLead.context,
      storeId,
      registry: platformRegistry,
      connection: serviceNc,
      identity: { issuers: issuer.issuers },
      logger: benchLogger(context),
      handlers: { CaptureLead: (command: { data: { leadId: string } }) => ({ leadId: command.data.leadId }) },
    });
    context.defer(() => service.close());
    const nc = await connect(benchNatsOptions('rooftop-bench-commands'));
    context.defer(async () => {
      if (!nc.isClosed()) await nc.drain();
    });
    const client = new CommandClient(nc, { signer: createCommandSigner(issuer.signingKey), timeoutMs: 10_000 });
    const actor = { kind: 'user' as const, id: 'emp-1', roles: ['consultant'] };

    const samples: number[] = [];
    const failures: string[] = [];
    const result = await runPaced({
      ratePerSecond: commandRate,
      warmupMs: context.options.warmupMs,
      durationMs: context.options.durationMs * commandDurationFactor,
      operation: async (index, measured) => {
        const sent = performance.now();
        const reply = await client.send(CaptureLead, {
          storeId,
          actor,
          data: {
            leadId: `lead${index}`,
            customerId: `cust${index}`,
            channel: 'walk_in',
            customerName: 'Wang Fang',
            customerPhone: '13800138000',
            brand: 'Changan',
          },
        });
        const elapsed = performance.now() - sent;
        if (!reply.ok) failures.push(`${reply.error.code}: ${reply.error.message}`);
        else if (measured) samples.push(elapsed);
      },
    });
    if (failures.length > 0 || result.errors.length > 0) {
      throw new Error(`${failures.length + result.errors.length} commands failed, first: ${failures[0] ?? String(result.errors[0])}`);
    }
    const p50 = percentile(samples, 50);
    const p99 = percentile(samples, 99);
    const achieved = perSecond(result.completedInWindow, result.elapsedMs);
    context.log(
      `  ${samples.length} commands, ${Math.round(achieved)} replies/s: p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms, max ${Math.max(...samples).toFixed(1)} ms (max start lag ${result.maxStartLagMs.toFixed(1)} ms)`,
    );
    return [
      toRow({ name: `command p50 (@${commandRate}/s)`, value: p50, unit: 'ms', target: { op: '<=', value: 2 } }),
      toRow({ name: `command p99 (@${commandRate}/s)`, value: p99, unit: 'ms', target: { op: '<=', value: 10 } }),
      toRow({ name: 'command rate achieved', value: achieved, unit: 'req/s', target: { op: '>=', value: commandRate * 0.98 } }),
    ];
  },
};
