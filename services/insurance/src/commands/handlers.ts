import { insurance as i, parseWith, type CommandContract } from '@rooftop/contracts';
import { type Command, type CommandHandler, type CommandResult, commandHandler, type Decider, type DomainEvent, type EventStore } from '@rooftop/eventsourcing';
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

export type InsuranceCommandType = (typeof i.insuranceCommands)[number]['type'];

/** Command type → handler. The transport, the timer dispatcher and the reaction all call these. */
export type InsuranceHandlers = Readonly<Record<InsuranceCommandType, (command: Command) => Promise<CommandResult>>>;

const schemaVersions = new Map<string, number>(i.insuranceEvents.map((e) => [e.type, e.schemaVersion]));

/** Re-validates data against the contract, so in-process callers get the transport's typed ValidationError. */
const validated =
  <C extends Command>(contract: CommandContract, handle: CommandHandler<C>) =>
  async (command: Command): Promise<CommandResult> =>
    handle({ ...command, data: parseWith(contract.schema, command.data, `${contract.type} data`) } as C);

export const insuranceHandlers = (options: InsuranceHandlerOptions): InsuranceHandlers => {
  const { store, groupId, settings } = options;
  const base = { store, context: i.INSURANCE_CONTEXT, groupId, schemaVersionOf: (type: string) => schemaVersions.get(type) ?? 1 };
  const handler = <C extends Command, S, E extends DomainEvent>(decider: Decider<C, S, E>, streamOf: (c: C) => string) =>
    commandHandler(decider, { ...base, streamOf }) as CommandHandler<Command>;

  const policies = handler(policyDecider(settings.timeZone), (c: PolicyCommand) => streams.policy(c.data.policyId));
  const claims = handler(claimDecider(settings.timeZone), (c: ClaimCommand) => streams.claim(c.data.claimId));
  const entries: Array<[CommandContract, CommandHandler<Command>]> = [
    ...i.policyCommands.map((c) => [c, policies] as [CommandContract, CommandHandler<Command>]),
    ...i.claimCommands.map((c) => [c, claims] as [CommandContract, CommandHandler<Command>]),
  ];
  return Object.fromEntries(entries.map(([contract, handle]) => [contract.type, validated(contract, handle)])) as InsuranceHandlers;
};
