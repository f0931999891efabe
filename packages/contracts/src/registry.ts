import { ContractDefinitionError, type CommandContract, type EventContract } from './define.js';

export interface ContextContracts {
  readonly context: string;
  readonly description: string;
  readonly events: readonly EventContract[];
  readonly commands: readonly CommandContract[];
}

export const defineContext = (spec: ContextContracts): ContextContracts => {
  for (const c of [...spec.events, ...spec.commands]) {
    if (c.context !== spec.context) throw new ContractDefinitionError(`${c.type} belongs to ${c.context}, not ${spec.context}`);
  }
  return spec;
};

export interface ContractRegistry {
  readonly contexts: readonly ContextContracts[];
  event(type: string): EventContract | undefined;
  command(context: string, name: string): CommandContract | undefined;
}

/** Indexes contexts by event type (unique across the platform) and by `<context>.<command-name>`. */
export const createRegistry = (contexts: readonly ContextContracts[]): ContractRegistry => {
  const events = new Map<string, EventContract>();
  const commands = new Map<string, CommandContract>();
  const names = new Set<string>();
  for (const ctx of contexts) {
    if (names.has(ctx.context)) throw new ContractDefinitionError(`context ${ctx.context} is registered twice`);
    names.add(ctx.context);
    for (const e of ctx.events) {
      if (events.has(e.type)) throw new ContractDefinitionError(`event type ${e.type} is defined twice`);
      events.set(e.type, e);
    }
    for (const c of ctx.commands) {
      const key = `${c.context}.${c.name}`;
      if (commands.has(key)) throw new ContractDefinitionError(`command ${key} is defined twice`);
      commands.set(key, c);
    }
  }
  return {
    contexts,
    event: (type) => events.get(type),
    command: (context, name) => commands.get(`${context}.${name}`),
  };
};

/**
 * Roles no user may hold: `system` (the services' own timers and reactions act as it) and any role that only
 * internal commands name. A bearer token carrying one is refused by the gateway (ADR 0010).
 */
export const internalOnlyRoles = (registry: ContractRegistry): string[] => {
  const commands = registry.contexts.flatMap((c) => c.commands);
  const userRoles = new Set(commands.filter((c) => !c.internal).flatMap((c) => c.roles));
  const internal = commands.filter((c) => c.internal).flatMap((c) => c.roles);
  return [...new Set(['system', ...internal.filter((r) => !userRoles.has(r))])].sort();
};
