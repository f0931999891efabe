import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signWebhook, verifyWebhook, WebhookVerificationError } from './webhook-signature.js';

// The example of the Standard Webhooks specification: same secret, id, timestamp and body, same signature.
const SPEC_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const SPEC_ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const SPEC_TIMESTAMP = 1614265330;
const SPEC_BODY = '{"test": 2432232314}';
const SPEC_SIGNATURE = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';

const headersOf = (h: Record<string, string>) => ({ get: (name: string) => h[name] });

describe('Standard Webhooks signatures', () => {
  it("matches the specification's example", () => {
    expect(signWebhook(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)).toBe(SPEC_SIGNATURE);
    const h = headersOf({ 'webhook-id': SPEC_ID, 'webhook-timestamp': String(SPEC_TIMESTAMP), 'webhook-signature': `v1,bm90IGl0 ${SPEC_SIGNATURE}` });
    expect(verifyWebhook(SPEC_SECRET, h, SPEC_BODY, { now: new Date(SPEC_TIMESTAMP * 1000 + 60_000) })).toEqual({ id: SPEC_ID, timestamp: SPEC_TIMESTAMP });
  });

  it('refuses a changed body, another secret, an old timestamp and missing headers', () => {
    const h = headersOf({ 'webhook-id': SPEC_ID, 'webhook-timestamp': String(SPEC_TIMESTAMP), 'webhook-signature': SPEC_SIGNATURE });
    const at = { now: new Date(SPEC_TIMESTAMP * 1000) };
    expect(() => verifyWebhook(SPEC_SECRET, h, `${SPEC_BODY} `, at)).toThrow(WebhookVerificationError);
    expect(() => verifyWebhook(newWebhookSecret(), h, SPEC_BODY, at)).toThrow(/no signature matches/);
    expect(() => verifyWebhook(SPEC_SECRET, h, SPEC_BODY, { now: new Date((SPEC_TIMESTAMP + 301) * 1000) })).toThrow(/tolerance/);
    expect(() => verifyWebhook(SPEC_SECRET, headersOf({}), SPEC_BODY, at)).toThrow(/required/);
  });
});
