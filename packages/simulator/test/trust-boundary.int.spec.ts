import { randomBytes } from 'node:crypto';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import { type CommandContract, commandSubject, platformRegistry } from '@rooftop/contracts';
import { type Actor, type Command } from '@rooftop/eventsourcing';
import { ASSERTION_HEADER, type CommandReply, type CommandSigner, createCommandSigner, sendCommand } from '@rooftop/messaging';
import { createTestCommandIssuer, natsUrl, sharedTestCommandIssuer } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTime } from '../src/journey.js';
import { planSimulation } from '../src/plan.js';
import { type StoreNode, startStoreNode } from './fixtures/store-node.js';

// The trust boundary of the command bus (docs/adr/0020, 0021), against the real five services of one store on
// real PostgreSQL and NATS: every contract command of every context, sent by a NATS client that holds no
// trusted key or only a gateway's, claiming admin and system, is refused with a typed code and appends
// nothing; and a command id is the command's alone, in every one of the five services.

const options = { stores: 1, months: 1, seed: 20_251_201, end: '2026-01-01', scale: 0.06 };
const prefix = `tb${randomBytes(3).toString('hex')}-`;
const plan = planSimulation({ ...options, storeIdPrefix: prefix });
const storeId = plan.stores[0]!.storeId;
const otherStore = `${prefix}sz-002`;

/** A gateway as deployed: any role but the reserved ones, this store only, not a clock authority. */
const gateway = createTestCommandIssuer({ kid: 'gateway', clock: false, stores: [storeId] });
/** An issuer trusted for consultants only. */
const narrow = createTestCommandIssuer({ kid: 'narrow', clock: false, roles: ['consultant'], stores: [storeId] });
/** A key no service trusts, under a name one of them does. */
const forger = createTestCommandIssuer({ kid: 'gateway' });

const contracts = platformRegistry.contexts.flatMap((c) => c.commands);
/** Real data for each command the simulator sends (its first use); `{}` for the rest (internal ones among them). */
const dataOf = new Map<string, unknown>();
for (const s of [...plan.setup, ...plan.journeys].flatMap((j) => j.steps)) {
  const key = `${s.contract.context}.${s.contract.type}`;
  if (!dataOf.has(key)) dataOf.set(key, s.data);
}

const forgedActor: Actor = { kind: 'user', id: 'intruder', roles: ['admin', 'system'] };
const wallNow = () => new Date().toISOString();

let node: StoreNode;
let nc: NatsConnection;
let sequence = 0;

const envelopeFor = (contract: CommandContract, overrides: Partial<Command> = {}): Command => {
  const commandId = `tb-${contract.type}-${++sequence}`;
  return {
    commandId,
    type: contract.type,
    storeId,
    actor: forgedActor,
    data: dataOf.get(`${contract.context}.${contract.type}`) ?? {},
    metadata: { now: wallNow(), correlationId: commandId },
    ...overrides,
  };
};

/** Sends `command` to its contract's subject in this store with `assertion` (none when undefined), as a raw NATS request. */
const raw = async (contract: CommandContract, command: Command, assertion: string | undefined): Promise<CommandReply> => {
  const h = headers();
  if (assertion !== undefined) h.set(ASSERTION_HEADER, assertion);
  const msg = await nc.request(commandSubject(storeId, contract.context, contract.name), JSON.stringify(command), { timeout: 20_000, headers: h });
  return msg.json<CommandReply>();
};

const signedBy = (signer: CommandSigner, contract: CommandContract, command: Command, stores?: readonly string[]) =>
  signer.sign(command, contract.context, stores ? { stores } : {});

const count = async (table: string): Promise<number> => Number((await node.db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);

/** `code/reason` of a refusal; `OK` for an accepted command (which this test must never see). */
const outcome = (reply: CommandReply): string => (reply.ok ? 'OK' : `${reply.error.code}/${String(reply.error.details?.reason ?? '')}`);

beforeAll(async () => {
  node = await startStoreNode('trust_boundary', `t-tb-${randomBytes(4).toString('hex')}`, storeId, localTime('2025-12-01', 0), { issuers: [gateway, narrow] });
  nc = await connect({ servers: natsUrl(), name: 'trust-boundary' });
});

afterAll(async () => {
  await nc?.close();
  await node?.close();
});

describe('the command bus trust boundary', () => {
  it('refuses every command of the five services sent with forged roles, no or a bad assertion, or a forged clock, and appends nothing', async () => {
    expect(new Set(contracts.map((c) => c.context))).toEqual(new Set(['sales', 'workshop', 'parts', 'insurance', 'hr']));
    const gatewaySigner = createCommandSigner(gateway.signingKey);
    const narrowSigner = createCommandSigner(narrow.signingKey);
    const forgerSigner = createCommandSigner(forger.signingKey);
    const unknownSigner = createCommandSigner(createTestCommandIssuer({ kid: 'nobody' }).signingKey);
    const staleSigner = createCommandSigner(gateway.signingKey, { clock: () => new Date(Date.now() - 10 * 60_000) });
    const before = { events: await count('eventstore.events'), results: await count('eventstore.command_results') };
    const accepted: string[] = [];
    const tally = new Map<string, number>();

    for (const contract of contracts) {
      // Roles a user of this command really has: what an honest gateway would assert.
      const honest: Actor = { kind: 'user', id: 'emp-1', roles: contract.roles.filter((role) => role !== 'system') };
      const cases: Array<[string, () => Promise<CommandReply>, readonly string[]]> = [
        ['no assertion, forged roles', () => raw(contract, envelopeFor(contract), undefined), ['UNAUTHENTICATED/MISSING_ASSERTION']],
        [
          'signed by an unknown key',
          async () => {
            const command = envelopeFor(contract);
            return raw(contract, command, await signedBy(unknownSigner, contract, command));
          },
          ['UNAUTHENTICATED/UNKNOWN_ISSUER'],
        ],
        [
          "signed by another key under the gateway's kid",
          async () => {
            const command = envelopeFor(contract);
            return raw(contract, command, await signedBy(forgerSigner, contract, command));
          },
          ['UNAUTHENTICATED/BAD_SIGNATURE'],
        ],
        [
          'the gateway asserting admin and system',
          async () => {
            const command = envelopeFor(contract);
            return raw(contract, command, await signedBy(gatewaySigner, contract, command));
          },
          ['FORBIDDEN/RESERVED_ROLE'],
        ],
        [
          'an issuer asserting admin, a role it may not',
          async () => {
            const command = envelopeFor(contract, { actor: { kind: 'user', id: 'intruder', roles: ['admin'] } });
            return raw(contract, command, await signedBy(narrowSigner, contract, command));
          },
          ['FORBIDDEN/ROLE_NOT_GRANTED'],
        ],
        [
          'roles added to the envelope after signing',
          async () => {
            const command = envelopeFor(contract, { actor: honest });
            const assertion = await signedBy(gatewaySigner, contract, command);
            return raw(contract, { ...command, actor: forgedActor }, assertion);
          },
          ['UNAUTHENTICATED/ASSERTION_MISMATCH'],
        ],
        [
          'an assertion for another command',
          async () => {
            const command = envelopeFor(contract, { actor: honest });
            return raw(contract, command, await signedBy(gatewaySigner, contract, { ...command, commandId: `${command.commandId}-other` }));
          },
          ['UNAUTHENTICATED/ASSERTION_MISMATCH'],
        ],
        [
          'an assertion for another store',
          async () => {
            const command = envelopeFor(contract, { actor: honest });
            return raw(contract, command, await signedBy(gatewaySigner, contract, { ...command, storeId: otherStore }));
          },
          ['UNAUTHENTICATED/ASSERTION_MISMATCH'],
        ],
        [
          'an assertion for other data',
          async () => {
            const command = envelopeFor(contract, { actor: honest });
            return raw(contract, command, await signedBy(gatewaySigner, contract, { ...command, data: { other: true } }));
          },
          ['UNAUTHENTICATED/ASSERTION_MISMATCH'],
        ],
        [
          "an assertion scoped to another store's actor",
          async () => {
            const command = envelopeFor(contract, { actor: honest });
            return raw(contract, command, await signedBy(gatewaySigner, contract, command, [otherStore]));
          },
          ['FORBIDDEN/STORE_NOT_GRANTED'],
        ],
        [
          'an expired assertion',
          async () => {
            const command = envelopeFor(contract, { actor: honest });
            return raw(contract, command, await signedBy(staleSigner, contract, command));
          },
          ['UNAUTHENTICATED/EXPIRED'],
        ],
        [
          'a backdated clock from an issuer that may not set it',
          () =>
            sendCommand(nc, {
              signer: gatewaySigner,
              contract,
              command: envelopeFor(contract, { actor: honest, metadata: { now: '2025-01-02T03:00:00.000Z', correlationId: `tb-clock-${++sequence}` } }),
              timeoutMs: 20_000,
            }),
          ['FORBIDDEN/CLOCK_NOT_TRUSTED'],
        ],
      ];
      for (const [label, send, expected] of cases) {
        const reply = await send();
        const got = outcome(reply);
        tally.set(got, (tally.get(got) ?? 0) + 1);
        if (got === 'OK') accepted.push(`${contract.context}.${contract.type}: ${label}`);
        // A command only the services' own timers and reactions send is refused before anything else: as internal,
        // or as unknown where the service has no NATS handler for it at all (parts' ReceiveTransferredParts).
        const allowed = contract.internal ? ['FORBIDDEN/INTERNAL_COMMAND', 'UNKNOWN_COMMAND/'] : expected;
        expect({ command: `${contract.context}.${contract.type}`, label, refusedAsExpected: allowed.includes(got), got }).toMatchObject({
          refusedAsExpected: true,
        });
      }
    }
    expect(accepted).toEqual([]);
    expect((tally.get('FORBIDDEN/INTERNAL_COMMAND') ?? 0) + (tally.get('UNKNOWN_COMMAND/') ?? 0)).toBe(contracts.filter((c) => c.internal).length * 12);
    expect(contracts.filter((c) => c.internal).length).toBeGreaterThanOrEqual(9);
    expect({ events: await count('eventstore.events'), results: await count('eventstore.command_results') }).toEqual(before);
  });

  it('accepts the same command with an honest assertion, so the refusals above were for the identity alone', async () => {
    const setUp = plan.setup.find((j) => (j.phase ?? 0) === 0)!.steps[0]!;
    const command: Command = {
      commandId: `tb-honest-${++sequence}`,
      type: setUp.contract.type,
      storeId,
      actor: setUp.actor,
      data: setUp.data,
      metadata: { now: wallNow(), correlationId: 'tb-honest' },
    };
    const before = await count('eventstore.events');
    const reply = await sendCommand(nc, { signer: createCommandSigner(gateway.signingKey), contract: setUp.contract, command, timeoutMs: 20_000 });
    expect(outcome(reply)).toBe('OK');
    expect(await count('eventstore.events')).toBeGreaterThan(before);
    // The gateway is not a clock authority: its events carry the service's time, never one it chose.
    const { rows } = await node.db.pool.query<{ occurred_at: string; actor: Actor }>(
      `SELECT metadata->>'occurredAt' AS occurred_at, metadata->'actor' AS actor FROM eventstore.events WHERE metadata->>'commandId' = $1`,
      [command.commandId],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(Math.abs(Date.parse(rows[0]!.occurred_at) - Date.now())).toBeLessThan(120_000);
    expect(rows[0]!.actor).toEqual(setUp.actor);
  });

  it('ties a command id to its service, command and data in each of the five services: a reuse gets IDEMPOTENCY_KEY_REUSED', async () => {
    const signer = createCommandSigner(sharedTestCommandIssuer().signingKey);
    const send = (step: { contract: CommandContract; actor: Actor; data: unknown; at: Date }, commandId: string) =>
      sendCommand(nc, {
        signer,
        contract: step.contract,
        command: {
          commandId,
          type: step.contract.type,
          storeId,
          actor: step.actor,
          data: step.data,
          metadata: { now: step.at.toISOString(), correlationId: commandId },
        },
        timeoutMs: 20_000,
      });
    // Another use of the same command in the plan, with other (valid: not one of the deliberately wrong) data: the contract's checks come before the
    // handler's, so the reused id must carry data that passes them.
    const steps = [...plan.setup, ...plan.journeys].flatMap((j) => j.steps);
    const otherDataOf = (step: (typeof steps)[number]) =>
      steps.find((s) => s.contract === step.contract && !s.expectRejection && JSON.stringify(s.data) !== JSON.stringify(step.data))?.data;
    // For each context, the simulator's own set-up phase by phase, then its business, until it has handled one
    // command that has such a twin (at most 60 tries per context).
    const firstOk = new Map<string, { step: (typeof steps)[number]; commandId: string; result: unknown; otherData: unknown }>();
    const misses: string[] = [];
    const phases = [...new Set(plan.setup.map((j) => j.phase ?? 0))].sort((a, b) => a - b);
    const ordered = [...phases.flatMap((phase) => plan.setup.filter((j) => (j.phase ?? 0) === phase)), ...plan.journeys].flatMap((j) => j.steps);
    for (const context of ['sales', 'workshop', 'parts', 'insurance', 'hr']) {
      for (const step of ordered.filter((s) => s.contract.context === context && otherDataOf(s) !== undefined).slice(0, 60)) {
        const commandId = `tb-idem-${++sequence}`;
        const reply = await send(step, commandId);
        if (reply.ok) {
          firstOk.set(context, { step, commandId, result: reply.result, otherData: otherDataOf(step) });
          break;
        }
        misses.push(`${step.contract.type}: ${outcome(reply)}`);
      }
    }
    expect({ contexts: [...firstOk.keys()].sort(), misses: firstOk.size === 5 ? [] : misses }).toEqual({
      contexts: ['hr', 'insurance', 'parts', 'sales', 'workshop'],
      misses: [],
    });

    const contexts = [...firstOk.entries()];
    // Reactions to the first commands may still be appending in the background: count what this command id appended.
    const appendedBy = async (commandId: string) =>
      Number(
        (await node.db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM eventstore.events WHERE metadata->>'commandId' = $1`, [commandId])).rows[0]!.n,
      );
    for (const [index, [context, first]] of contexts.entries()) {
      const events = await appendedBy(first.commandId);
      expect(events).toBe((first.result as { events: unknown[] }).events.length);
      // The same command again: its first result, nothing appended.
      expect(await send(first.step, first.commandId)).toEqual({ ok: true, result: first.result });
      // The same id with other data.
      const changed = await send({ ...first.step, data: first.otherData }, first.commandId);
      expect({ context, got: outcome(changed) }).toEqual({ context, got: 'IDEMPOTENCY_KEY_REUSED/OTHER_DATA' });
      // The same id on another service's command (the next context's first command).
      const [, next] = contexts[(index + 1) % contexts.length]!;
      const elsewhere = await send(next.step, first.commandId);
      expect({ context, got: outcome(elsewhere) }).toEqual({ context, got: 'IDEMPOTENCY_KEY_REUSED/OTHER_COMMAND' });
      // The same id on another command of the same service (SetSalesTarget after CaptureLead, say).
      const sibling = steps.find((s) => s.contract.context === context && s.contract !== first.step.contract && !s.expectRejection);
      expect(sibling, `another ${context} command in the plan`).toBeDefined();
      expect({ context, got: outcome(await send(sibling!, first.commandId)) }).toEqual({ context, got: 'IDEMPOTENCY_KEY_REUSED/OTHER_COMMAND' });
      expect(await appendedBy(first.commandId)).toBe(events);
    }
  });
});
