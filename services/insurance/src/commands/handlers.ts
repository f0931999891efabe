import { type HandlerMap, insurance as i, mergeRoutes, route } from '@rooftop/contracts';
import { type Command, commandHandler, type Decider, type DomainEvent, type EventStore } from '@rooftop/eventsourcing';
import { claimDecider, type ClaimCommand } from '../domain/claim/claim.decider.js';
import { policyDecider, type PolicyCommand } from '../domain/policy/policy.decider.js';
import { type InsuranceSettings } from '../domain/settings.js';
import { streams } from './streams.js';

export interface InsuranceHandlerOptions {
  /** The scheduling store (appends and timers in one transaction), or any EventStore in unit tests. */
  readonly store: EventStore;
  readonly groupId: string;
  readonly settings: InsuranceSettings;
}

/** Command type → handler, one per insurance command contract. The transport, the timers and the reactions call these. */
export type InsuranceHandlers = HandlerMap<typeof i.insuranceCommands>;

const schemaVersions = new Map<string, number>(i.insuranceEvents.map((e) => [e.type, e.schemaVersion]));

export const insuranceHandlers = (options: InsuranceHandlerOptions): InsuranceHandlers => {
  const { store, groupId, settings } = options;
  const base = { store, context: i.INSURANCE_CONTEXT, groupId, schemaVersionOf: (type: string) => schemaVersions.get(type) ?? 1 };
  const handler = <C extends Command, S, E extends DomainEvent>(decider: Decider<C, S, E>, streamOf: (c: C) => string) =>
    commandHandler(decider, { ...base, streamOf });

  const policies = handler(policyDecider(settings.timeZone), (c: PolicyCommand) => streams.policy(c.data.policyId));
  const claims = handler(claimDecider(settings.timeZone), (c: ClaimCommand) => streams.claim(c.data.claimId));
  return mergeRoutes(route(i.policyCommands, policies), route(i.claimCommands, claims));
};
