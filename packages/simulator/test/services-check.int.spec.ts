import { randomBytes } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { contextCommandsFilter } from '@rooftop/contracts';
import { natsUrl, sharedTestCommandIssuer } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planSimulation } from '../src/plan.js';
import { MissingServicesError, missingServices } from '../src/services-check.js';
import { simulate } from '../src/simulate.js';
import { createCommandSigner } from '@rooftop/messaging';

// Against the real NATS: with no service listening every store's five contexts are named; a context whose command
// subjects have a responder is not. Store ids carry a random prefix, so no other test's services answer.

const prefix = `t${randomBytes(3).toString('hex')}-`;
const options = { stores: 2, months: 1, seed: 5, end: '2026-01-01', scale: 0.02, storeIdPrefix: prefix };
let nc: NatsConnection;

beforeAll(async () => {
  nc = await connect({ servers: natsUrl(), name: 'simulator-services-check' });
});
afterAll(async () => {
  await nc?.close();
});

describe('missingServices', () => {
  it('names every store context nobody answers, and not one that answers', async () => {
    const plan = planSimulation(options);
    const store = plan.stores[0]!.storeId;
    // A stand-in for the parts service of the first store: it answers whatever it is sent.
    const sub = nc.subscribe(contextCommandsFilter(store, 'parts'), {
      callback: (_error, msg) => {
        msg.respond('{"ok":false}');
      },
    });
    try {
      const missing = await missingServices(nc, plan, 1_000);
      const named = missing.map((m) => `${m.storeId} ${m.context} ${m.problem}`);
      expect(named).toHaveLength(9);
      expect(named).not.toContain(`${store} parts no service`);
      expect(named).toContain(`${store} hr no service`);
      expect(named).toContain(`${plan.stores[1]!.storeId} parts no service`);
    } finally {
      sub.unsubscribe();
    }
  });

  it('stops simulate before the first command with an error that names what is missing', async () => {
    const error = await simulate({ ...options, signer: createCommandSigner(sharedTestCommandIssuer().signingKey), nc }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingServicesError);
    expect((error as Error).message).toMatch(new RegExp(`${prefix}sh-001: hr, insurance, parts, sales, workshop`));
  });
});
