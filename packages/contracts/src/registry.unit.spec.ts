import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ContractDefinitionError, defineCommand, defineEvent } from './define.js';
import { platformContexts, platformRegistry } from './platform.js';
import { createRegistry, defineContext, internalOnlyRoles } from './registry.js';
import { salesCommands, salesEvents } from './sales/index.js';

const schema = z.object({ id: z.string() });
const event = (context: string, type: string) => defineEvent({ context, type, description: 'd', schema });
const command = (context: string, type: string) => defineCommand({ context, type, description: 'd', roles: ['admin'], schema });
const context = (name: string, events: string[], commands: string[] = []) =>
  defineContext({ context: name, description: name, events: events.map((t) => event(name, t)), commands: commands.map((t) => command(name, t)) });

describe('createRegistry', () => {
  it('finds events by type and commands by context and name', () => {
    const registry = createRegistry([context('alpha', ['ThingHappened'], ['DoThing']), context('beta', ['OtherHappened'], ['DoThing'])]);
    expect(registry.event('ThingHappened')?.context).toBe('alpha');
    expect(registry.event('Nope')).toBeUndefined();
    expect(registry.command('beta', 'do-thing')?.context).toBe('beta');
    expect(registry.command('gamma', 'do-thing')).toBeUndefined();
  });

  it('rejects an event type defined in two contexts', () => {
    expect(() => createRegistry([context('alpha', ['Same']), context('beta', ['Same'])])).toThrow(ContractDefinitionError);
    expect(() => createRegistry([context('alpha', ['Same', 'Same'])])).toThrow(/Same is defined twice/);
  });

  it('rejects a command defined twice in one context', () => {
    expect(() => createRegistry([context('alpha', [], ['DoThing', 'DoThing'])])).toThrow(/alpha.do-thing is defined twice/);
  });

  it('rejects a context registered twice', () => {
    const alpha = context('alpha', ['A']);
    expect(() => createRegistry([alpha, context('alpha', ['B'])])).toThrow(/context alpha is registered twice/);
  });

  it('rejects a contract placed in the wrong context', () => {
    expect(() => defineContext({ context: 'alpha', description: 'd', events: [event('beta', 'X')], commands: [] })).toThrow(ContractDefinitionError);
  });
});

describe('platformRegistry', () => {
  it('holds the sales context with every sales event and command', () => {
    expect(platformContexts.map((c) => c.context)).toContain('sales');
    for (const e of salesEvents) expect(platformRegistry.event(e.type)).toBe(e);
    for (const c of salesCommands) expect(platformRegistry.command('sales', c.name)).toBe(c);
  });
});

describe('internal commands', () => {
  const commands = platformRegistry.contexts.flatMap((c) => c.commands);

  it('are exactly the commands only system (with at most admin beside it) may send', () => {
    const sentBySystemOnly = (roles: readonly string[]) => roles.includes('system') && roles.every((r) => r === 'system' || r === 'admin');
    for (const c of commands) expect([c.type, c.internal]).toEqual([c.type, sentBySystemOnly(c.roles)]);
    expect(
      commands
        .filter((c) => c.internal)
        .map((c) => c.type)
        .sort(),
    ).toEqual([
      'CheckAppointmentNoShow',
      'CheckCustomerLapsed',
      'CheckFollowUpDue',
      'CheckMaintenanceReminder',
      'CheckOnboardingTraining',
      'OpenFollowUp',
      'ReceiveTransferredParts',
      'RecordDeliveryPolicy',
      'RecordServiceVisit',
    ]);
  });

  it('leave system as the one role no user may hold', () => {
    expect(internalOnlyRoles(platformRegistry)).toEqual(['system']);
    const timerOnly = defineCommand({ context: 'alpha', type: 'Tick', description: 'd', roles: ['clock', 'admin'], internal: true, schema });
    const registry = createRegistry([defineContext({ context: 'alpha', description: 'a', events: [], commands: [timerOnly, command('alpha', 'DoThing')] })]);
    expect(internalOnlyRoles(registry)).toEqual(['clock', 'system']);
  });
});
