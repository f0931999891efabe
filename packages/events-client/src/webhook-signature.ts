import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Standard Webhooks (standardwebhooks.com): `webhook-id`, `webhook-timestamp` (unix seconds) and
// `webhook-signature` = `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`, the key being the base64
// after `whsec_` in the secret. Several space-separated signatures are allowed (a secret being rotated).

export const WEBHOOK_HEADERS = { id: 'webhook-id', timestamp: 'webhook-timestamp', signature: 'webhook-signature' } as const;

export class WebhookVerificationError extends Error {
  readonly code = 'WEBHOOK_SIGNATURE_INVALID';
  constructor(detail: string) {
    super(`webhook refused: ${detail}`);
    this.name = 'WebhookVerificationError';
  }
}

const keyOf = (secret: string): Buffer => {
  if (!secret.startsWith('whsec_')) throw new WebhookVerificationError('the secret must start with whsec_');
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  if (key.length < 24) throw new WebhookVerificationError('the secret must hold at least 24 bytes');
  return key;
};

/** A new secret (32 random bytes) in the Standard Webhooks form. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

export const signWebhook = (secret: string, id: string, timestampSeconds: number, body: string): string =>
  `v1,${createHmac('sha256', keyOf(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;

/**
 * What a receiver runs before trusting a delivery: the signature must match one of `webhook-signature`'s and the
 * timestamp be within `toleranceSeconds` (default 5 minutes) of `now`, which refuses replays of old deliveries.
 */
export const verifyWebhook = (
  secret: string,
  headers: { readonly get: (name: string) => string | null | undefined },
  body: string,
  options: { readonly toleranceSeconds?: number; readonly now?: Date } = {},
): { readonly id: string; readonly timestamp: number } => {
  const id = headers.get(WEBHOOK_HEADERS.id);
  const timestamp = headers.get(WEBHOOK_HEADERS.timestamp);
  const signatures = headers.get(WEBHOOK_HEADERS.signature);
  if (!id || !timestamp || !signatures) throw new WebhookVerificationError('webhook-id, webhook-timestamp and webhook-signature are required');
  if (!/^\d{1,12}$/.test(timestamp)) throw new WebhookVerificationError('webhook-timestamp is not unix seconds');
  const seconds = Number(timestamp);
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - seconds) > (options.toleranceSeconds ?? 300)) throw new WebhookVerificationError('webhook-timestamp is outside the tolerance');
  const expected = Buffer.from(signWebhook(secret, id, seconds, body).slice(3), 'base64');
  const match = signatures.split(' ').some((s) => {
    if (!s.startsWith('v1,')) return false;
    const given = Buffer.from(s.slice(3), 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!match) throw new WebhookVerificationError('no signature matches');
  return { id, timestamp: seconds };
};
