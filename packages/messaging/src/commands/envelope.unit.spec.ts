import { DomainError, RooftopError, ValidationError } from '@rooftop/eventsourcing';
import { describe, expect, it } from 'vitest';
import { commandReplySchema, encodeReply, okReply, replyForThrown } from './envelope.js';

const decode = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes)) as unknown;

describe('command replies', () => {
  it('keeps a RooftopError as its body', () => {
    expect(replyForThrown(new DomainError('LEAD_LOST', 'lead is lost', { leadId: 'l1' }))).toEqual({
      ok: false,
      error: { code: 'RULE_VIOLATION', message: 'lead is lost', details: { reason: 'LEAD_LOST', leadId: 'l1' } },
    });
    expect(replyForThrown(new ValidationError('bad', [{ path: 'x', message: 'y' }]))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: 'x', message: 'y' }] } },
    });
  });

  it('turns anything else into INTERNAL with the message only', () => {
    const reply = replyForThrown(new TypeError('x is undefined'), 'c-9');
    expect(reply).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'x is undefined', details: { commandId: 'c-9' } } });
    expect(replyForThrown({ status: 'error', message: 'Internal server error' })).toMatchObject({
      error: { code: 'INTERNAL', message: 'Internal server error' },
    });
    expect(replyForThrown(undefined)).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'internal error' } });
  });

  it('always encodes a result key, and replies round-trip through the reply schema', () => {
    expect(decode(encodeReply(okReply(undefined)))).toEqual({ ok: true, result: null });
    for (const reply of [okReply({ n: 1 }), replyForThrown(new RooftopError('FORBIDDEN', 'no'))]) {
      expect(commandReplySchema.parse(decode(encodeReply(reply)))).toEqual(reply);
    }
    expect(commandReplySchema.safeParse({ ok: true, result: null }).success).toBe(true);
    expect(commandReplySchema.safeParse({ ok: true }).success).toBe(false);
    expect(commandReplySchema.safeParse({ ok: false, error: { message: 'x' } }).success).toBe(false);
  });
});
