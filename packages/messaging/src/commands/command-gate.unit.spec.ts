import { createRegistry, defineCommand, defineContext } from '@rooftop/contracts';
import { type Command, dataHash, RooftopError } from '@rooftop/eventsourcing';
import { createTestCommandIssuer } from '@rooftop/testkit';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ASSERTION_TYPE, type CommandIssuer, createCommandSigner } from './assertion.js';
import { type AdmittedCommand, CommandGate, reservedRoles } from './command-gate.js';

const OpenTab = defineCommand({
  context: 'bar',
  type: 'OpenTab',
  schema: z.object({ table: z.number().int().positive(), guests: z.number().int().default(2) }),
  description: 'Open a tab.',
  roles: ['waiter'],
});
const CloseTab = defineCommand({ context: 'bar', type: 'CloseTab', schema: z.object({}), description: 'Close.', roles: ['waiter', 'admin'] });
const SweepTabs = defineCommand({
  context: 'bar',
  type: 'SweepTabs',
  schema: z.object({}),
  description: 'Timer.',
  roles: ['system', 'admin', 'night_timer'],
  internal: true,
});
const registry = createRegistry([defineContext({ context: 'bar', description: 'test', events: [], commands: [OpenTab, CloseTab, SweepTabs] })]);

// The service's wall clock, and a business time far from it that only a clock authority may set.
const serviceNow = new Date('2026-06-01T00:00:00.000Z');
const clock = () => serviceNow;
const signerClock = { clock };
const authority = createTestCommandIssuer({ kid: 'sim', clock: true });
const gatewayIssuer = createTestCommandIssuer({ kid: 'gw', clock: false, roles: ['waiter', 'admin'], stores: ['s1', 's2'] });
const stranger = createTestCommandIssuer({ kid: 'gw' });
const issuers = new Map<string, CommandIssuer>([
  ['sim', authority.issuer],
  ['gw', gatewayIssuer.issuer],
]);
const gate = new CommandGate({ context: 'bar', storeId: 's1', registry, handledTypes: new Set(['OpenTab', 'SweepTabs']), identity: { issuers, clock } });
const sim = createCommandSigner(authority.signingKey, signerClock);
const gw = createCommandSigner(gatewayIssuer.signingKey, signerClock);

const subject = 'rooftop.s1.bar.cmd.open-tab';
const valid = {
  commandId: 'c-1',
  type: 'OpenTab',
  storeId: 's1',
  actor: { kind: 'user', id: 'u1', roles: ['waiter'] },
  data: { table: 4 },
  metadata: { now: '2025-01-01T08:00:00+08:00', correlationId: 'c-1' },
} as const;
const bytes = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
const signed = (command: unknown, signer = sim) => signer.sign(command as Command, 'bar');
const admit = async (command: unknown, options: { subject?: string; signer?: typeof sim; assertion?: string } = {}) =>
  gate.admit(options.subject ?? subject, bytes(command), options.assertion ?? (await signed(command, options.signer)));
/** `valid`'s assertion from the sim issuer, made with jose, living `lifetimeS` seconds from the service's now. */
const joseAssertion = (lifetimeS: number) => {
  const iat = Math.floor(serviceNow.getTime() / 1000);
  return new SignJWT({
    act: valid.actor,
    stores: ['s1'],
    cmd: { id: 'c-1', type: 'OpenTab', ctx: 'bar', store: 's1', data: dataHash(valid.data), now: valid.metadata.now },
  })
    .setProtectedHeader({ alg: 'EdDSA', kid: 'sim', typ: ASSERTION_TYPE })
    .setIssuer('sim')
    .setSubject('u1')
    .setIssuedAt(iat)
    .setExpirationTime(iat + lifetimeS)
    .sign(authority.signingKey.privateKey);
};
const failure = async (result: Promise<AdmittedCommand | RooftopError>) => {
  const settled = await result;
  if (!(settled instanceof RooftopError)) throw new Error(`expected an error, got ${JSON.stringify(settled)}`);
  return settled.toBody();
};

describe('CommandGate', () => {
  it('subscribes to the whole cmd.* of its context and store', () => {
    expect(gate.subjectFilter).toBe('rooftop.s1.bar.cmd.*');
  });

  it('admits a command with a valid assertion: data parsed by the contract, actor as asserted', async () => {
    const admitted = await admit(valid);
    expect(admitted).not.toBeInstanceOf(RooftopError);
    expect((admitted as AdmittedCommand).command).toEqual({ ...valid, data: { table: 4, guests: 2 } });
    expect((admitted as AdmittedCommand).contract).toBe(OpenTab);
    expect((admitted as AdmittedCommand).issuer).toBe('sim');
  });

  it('treats a name without a contract, a contract without a handler and a foreign subject as unknown', async () => {
    for (const s of ['rooftop.s1.bar.cmd.nope', 'rooftop.s1.bar.cmd.close-tab', 'rooftop.s2.bar.cmd.open-tab']) {
      expect((await failure(admit(valid, { subject: s }))).code).toBe('UNKNOWN_COMMAND');
    }
  });

  it('answers undecodable bytes with VALIDATION_FAILED', async () => {
    for (const payload of [new Uint8Array([0xc3, 0x28]), bytes('{"a":'), new Uint8Array()]) {
      expect(await failure(gate.admit(subject, payload, await signed(valid)))).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { issues: [{ path: '(root)' }] },
      });
    }
  });

  it('lists every envelope problem by path', async () => {
    const body = await failure(admit({ ...valid, commandId: '', actor: { kind: 'robot', id: 'x' }, metadata: { now: 'yesterday' } }, { assertion: 'x' }));
    const paths = (body.details!.issues as Array<{ path: string }>).map((i) => i.path).sort();
    expect(paths).toEqual(['actor.kind', 'commandId', 'metadata.correlationId', 'metadata.now']);
  });

  it('requires data and a W3C traceparent when one is given', async () => {
    const { data: _data, ...withoutData } = valid;
    expect((await failure(admit(withoutData, { assertion: 'x' }))).details).toMatchObject({ issues: [{ path: 'data' }] });
    const badTrace = { ...valid, metadata: { ...valid.metadata, traceparent: 'abc' } };
    expect((await failure(admit(badTrace))).details).toMatchObject({ issues: [{ path: 'metadata.traceparent' }] });
  });

  it('checks, in order, type against subject, store, assertion, roles, then data', async () => {
    expect(await failure(admit({ ...valid, type: 'CloseTab', storeId: 's9' }))).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await failure(admit({ ...valid, storeId: 's9', data: {} }))).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'WRONG_STORE' } });
    expect(await failure(admit({ ...valid, data: {} }, { assertion: '' }))).toMatchObject({
      code: 'UNAUTHENTICATED',
      details: { reason: 'MISSING_ASSERTION' },
    });
    const noRole = { ...valid, actor: { kind: 'user', id: 'u2', roles: ['cook'] }, data: {} };
    expect(await failure(admit(noRole))).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'MISSING_ROLE', required: ['waiter'] } });
    expect(await failure(admit({ ...valid, data: { table: -1 } }))).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: 'data.table' }] } });
  });

  it('refuses an internal command whoever signs it', async () => {
    const sweep = { ...valid, type: 'SweepTabs', data: {}, actor: { kind: 'system', id: 'timer', roles: ['system'] } };
    expect(await failure(admit(sweep, { subject: 'rooftop.s1.bar.cmd.sweep-tabs' }))).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'INTERNAL_COMMAND' },
    });
  });

  it('admits an assertion made by another JOSE implementation (jose) from the same claims', async () => {
    const byJose = await joseAssertion(60);
    expect(await admit(valid, { assertion: byJose })).toMatchObject({ issuer: 'sim', command: { actor: valid.actor } });
  });

  it('refuses a missing, unparsable, unknown-key, forged, expired, future or too long-lived assertion as UNAUTHENTICATED', async () => {
    const reasonOf = async (assertion: string) => (await failure(admit(valid, { assertion }))).details?.reason;
    expect(await reasonOf('')).toBe('MISSING_ASSERTION');
    expect(await reasonOf('not.a.jws')).toBe('MALFORMED_ASSERTION');
    expect(await reasonOf('x'.repeat(5_000))).toBe('MALFORMED_ASSERTION');
    const unknown = createTestCommandIssuer({ kid: 'who' });
    expect(await reasonOf(await signed(valid, createCommandSigner(unknown.signingKey, signerClock)))).toBe('UNKNOWN_ISSUER');
    // Signed by another key that claims the gateway's kid.
    expect(await reasonOf(await signed(valid, createCommandSigner(stranger.signingKey, signerClock)))).toBe('BAD_SIGNATURE');
    const at = (date: string, ttlSeconds = 60) => createCommandSigner(authority.signingKey, { clock: () => new Date(date), ttlSeconds });
    expect(await reasonOf(await signed(valid, at('2026-05-31T23:58:00.000Z')))).toBe('EXPIRED');
    expect(await reasonOf(await signed(valid, at('2026-06-01T00:05:00.000Z')))).toBe('NOT_YET_VALID');
    expect(await reasonOf(await joseAssertion(3_600))).toBe('TOO_LONG_LIVED');
    const iat = Math.floor(serviceNow.getTime() / 1000);
    const otherType = await new SignJWT({})
      .setProtectedHeader({ alg: 'EdDSA', kid: 'sim', typ: 'JWT' })
      .setIssuedAt(iat)
      .setExpirationTime(iat + 60)
      .sign(authority.signingKey.privateKey);
    expect(await reasonOf(otherType)).toBe('MALFORMED_ASSERTION');
  });

  it('refuses an assertion made for another command, store, data, time or actor', async () => {
    const fieldsOf = async (sent: object, assertedFor: object) =>
      (await failure(gate.admit(subject, bytes(sent), await signed(assertedFor)))).details as { reason: string; fields: string[] };
    expect(await fieldsOf(valid, { ...valid, commandId: 'c-2' })).toEqual({ reason: 'ASSERTION_MISMATCH', fields: ['commandId'] });
    expect(await fieldsOf(valid, { ...valid, type: 'CloseTab' })).toMatchObject({ fields: ['type'] });
    expect(await fieldsOf(valid, { ...valid, storeId: 's2' })).toMatchObject({ fields: ['storeId'] });
    expect(await fieldsOf(valid, { ...valid, data: { table: 5 } })).toMatchObject({ fields: ['data'] });
    expect(await fieldsOf(valid, { ...valid, metadata: { ...valid.metadata, now: '2024-01-01T00:00:00Z' } })).toMatchObject({ fields: ['metadata.now'] });
    // Roles added to the envelope after signing are refused, not ignored.
    expect(await fieldsOf({ ...valid, actor: { ...valid.actor, roles: ['waiter', 'admin'] } }, valid)).toMatchObject({ fields: ['actor'] });
    expect(await failure(gate.admit(subject, bytes(valid), await sim.sign(valid as unknown as Command, 'kitchen')))).toMatchObject({
      details: { fields: ['context'] },
    });
  });

  it("refuses reserved roles, roles and stores the issuer or the actor's scope lacks", async () => {
    expect([...reservedRoles(registry)].sort()).toEqual(['night_timer', 'system']);
    const as = (roles: string[]) => ({ ...valid, actor: { kind: 'user', id: 'u1', roles }, metadata: { ...valid.metadata, now: serviceNow.toISOString() } });
    expect(await failure(admit(as(['waiter', 'system'])))).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'RESERVED_ROLE', roles: ['system'] } });
    expect(await failure(admit(as(['night_timer'])))).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'RESERVED_ROLE' } });
    expect(await failure(admit(as(['waiter', 'cook']), { signer: gw }))).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'ROLE_NOT_GRANTED', roles: ['cook'] },
    });
    const elsewhere = new CommandGate({ context: 'bar', storeId: 's3', registry, handledTypes: new Set(['OpenTab']), identity: { issuers, clock } });
    const inS3 = { ...as(['waiter']), storeId: 's3' };
    expect(await failure(elsewhere.admit('rooftop.s3.bar.cmd.open-tab', bytes(inS3), await signed(inS3, gw)))).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'STORE_NOT_GRANTED' },
    });
    const scoped = await sim.sign(as(['waiter']) as unknown as Command, 'bar', { stores: ['s2'] });
    expect(await failure(gate.admit(subject, bytes(as(['waiter'])), scoped))).toMatchObject({ details: { reason: 'STORE_NOT_GRANTED' } });
  });

  it("takes metadata.now from a clock authority only: others get the service's clock, and are refused beyond the skew", async () => {
    const at = (now: string) => ({ ...valid, metadata: { ...valid.metadata, now } });
    expect(((await admit(at('2025-01-01T00:00:00.000Z'))) as AdmittedCommand).command.metadata.now).toBe('2025-01-01T00:00:00.000Z');
    const near = (await admit(at('2026-06-01T00:01:30.000Z'), { signer: gw })) as AdmittedCommand;
    expect(near.command.metadata.now).toBe(serviceNow.toISOString());
    expect(await failure(admit(at('2026-05-31T23:57:00.000Z'), { signer: gw }))).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'CLOCK_NOT_TRUSTED', allowedSkewMs: 120_000 },
    });
  });
});
