import { defineCommand } from '@rooftop/contracts';
import { createTestCommandIssuer } from '@rooftop/testkit';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCommandSigner } from './assertion.js';
import { CommandClient } from './send-command.js';

const Ping = defineCommand({ context: 'ops', type: 'Ping', schema: z.object({ n: z.number() }), description: 'ping', roles: ['ops'] });
const actor = { kind: 'user', id: 'u1', roles: ['ops'] } as const;
const signer = createCommandSigner(createTestCommandIssuer().signingKey);

// envelope() is pure: it never touches the connection, so no NATS is needed here.
const client = (ids: string[]) =>
  new CommandClient(undefined as never, { signer, ids: { next: () => ids.shift()! }, clock: () => new Date('2025-05-05T01:02:03.000Z') });

describe('CommandClient.envelope', () => {
  it('fills commandId, now and correlationId', () => {
    expect(client(['id-1']).envelope(Ping, { storeId: 's1', actor, data: { n: 1 } })).toEqual({
      commandId: 'id-1',
      type: 'Ping',
      storeId: 's1',
      actor,
      data: { n: 1 },
      metadata: { now: '2025-05-05T01:02:03.000Z', correlationId: 'id-1' },
    });
  });

  it("uses the caller's idempotency key and trace fields when given", () => {
    const command = client([]).envelope(Ping, {
      storeId: 's1',
      actor,
      data: { n: 2 },
      idempotencyKey: 'order-77-ping',
      correlationId: 'corr-1',
      causationId: 'evt-1',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    });
    expect(command.commandId).toBe('order-77-ping');
    expect(command.metadata).toEqual({
      now: '2025-05-05T01:02:03.000Z',
      correlationId: 'corr-1',
      causationId: 'evt-1',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    });
  });

  it('makes UUIDv7 ids by default', () => {
    const id = new CommandClient(undefined as never, { signer }).envelope(Ping, { storeId: 's1', actor, data: { n: 3 } }).commandId;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
