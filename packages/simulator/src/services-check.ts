import { type NatsConnection, NoRespondersError, RequestError } from '@nats-io/transport-node';
import { commandSubject } from '@rooftop/contracts';
import { type Plan } from './plan.js';

/** A store's context whose command service does not answer. */
export interface MissingService {
  readonly storeId: string;
  readonly context: string;
  readonly subject: string;
  /** `no service` (nobody subscribes to the subject) or `no reply` (subscribed, but no answer in time). */
  readonly problem: 'no service' | 'no reply';
}

/** Thrown by `simulate` when services the plan drives do not answer; the message names each one. */
export class MissingServicesError extends Error {
  constructor(readonly missing: readonly MissingService[]) {
    const byStore = new Map<string, string[]>();
    for (const m of missing)
      byStore.set(m.storeId, [...(byStore.get(m.storeId) ?? []), `${m.context}${m.problem === 'no reply' ? ' (subscribed, no reply)' : ''}`]);
    super(
      `these store services do not answer over NATS: ${[...byStore.entries()].map(([store, contexts]) => `${store}: ${contexts.join(', ')}`).join('; ')}. ` +
        'The simulator drives all five services of every store it simulates (sales, workshop, parts, insurance, hr): start them ' +
        '(`npm start` runs the whole demo group) and point NATS_URL at their NATS, or simulate fewer stores with --stores.',
    );
    this.name = 'MissingServicesError';
  }
}

const probe = new TextEncoder().encode('{}');

/**
 * Asks every store's service of every context the plan sends commands to whether it is there: an empty envelope on
 * one of its command subjects, which a running service refuses without running anything (VALIDATION_FAILED). No
 * subscriber is "no service"; no answer within `timeoutMs` is "no reply".
 */
export const missingServices = async (nc: NatsConnection, plan: Pick<Plan, 'setup' | 'journeys'>, timeoutMs = 3_000): Promise<MissingService[]> => {
  const targets = new Map<string, { storeId: string; context: string; subject: string }>();
  for (const journey of [...plan.setup, ...plan.journeys]) {
    for (const s of journey.steps) {
      const key = `${journey.storeId}/${s.contract.context}`;
      if (!targets.has(key))
        targets.set(key, {
          storeId: journey.storeId,
          context: s.contract.context,
          subject: commandSubject(journey.storeId, s.contract.context, s.contract.name),
        });
    }
  }
  const answers = await Promise.all(
    [...targets.values()].map(async (target): Promise<MissingService | undefined> => {
      try {
        await nc.request(target.subject, probe, { timeout: timeoutMs });
        return undefined;
      } catch (error) {
        const chain = [error, (error as { cause?: unknown })?.cause];
        const none = chain.some((e) => e instanceof NoRespondersError || (e instanceof RequestError && e.isNoResponders()));
        return { ...target, problem: none ? 'no service' : 'no reply' };
      }
    }),
  );
  return answers.filter((a): a is MissingService => a !== undefined).sort((a, b) => (a.storeId + a.context < b.storeId + b.context ? -1 : 1));
};
