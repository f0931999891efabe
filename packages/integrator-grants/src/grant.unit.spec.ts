import { readFileSync } from 'node:fs';
import { platformRegistry } from '@rooftop/contracts';
import { ValidationError } from '@rooftop/eventsourcing';
import { describe, expect, it } from 'vitest';
import { integratorsConfig } from './config.js';
import { grantAdmits, parseGrant } from './grant.js';

describe('integrator grants', () => {
  it('admits exactly the stores, contexts and event types granted', () => {
    const grant = parseGrant(
      {
        name: 'oem-vw',
        groupId: 'g1',
        stores: ['sh-001'],
        contexts: ['sales', 'workshop'],
        eventTypes: ['sales.VehicleDelivered', 'workshop.RepairOrderOpened'],
      },
      platformRegistry,
    );
    expect(grant.personalData).toBe(false);
    expect(grantAdmits(grant, 'sh-001', 'sales', 'VehicleDelivered')).toBe(true);
    expect(grantAdmits(grant, 'sh-001', 'sales', 'LeadCaptured')).toBe(false);
    expect(grantAdmits(grant, 'sz-002', 'sales', 'VehicleDelivered')).toBe(false);
    expect(grantAdmits(grant, 'sh-001', 'hr', 'EmployeeHired')).toBe(false);
    const all = parseGrant({ name: 'insurer', groupId: 'g1', stores: '*', contexts: '*', personalData: true }, platformRegistry);
    expect(grantAdmits(all, 'any', 'hr', 'EmployeeHired')).toBe(true);
  });

  it('refuses a bad name, an unknown context or event type, and a type outside the granted contexts, naming each', () => {
    const refused = (input: unknown) => {
      try {
        parseGrant(input, platformRegistry);
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return (error as ValidationError).issues.map((i) => i.path);
      }
      throw new Error('accepted');
    };
    expect(refused({ name: 'Bad Name', groupId: 'g1', stores: '*', contexts: '*' })).toEqual(['name']);
    expect(refused({ name: 'x', groupId: 'g1', stores: [], contexts: '*' })).toEqual(['stores']);
    expect(refused({ name: 'x', groupId: 'g1', stores: '*', contexts: ['salez'], eventTypes: ['sales.NoSuch', 'hr.EmployeeHired'] })).toEqual([
      'contexts.0',
      'eventTypes.0',
      'eventTypes.1',
    ]);
    expect(refused({ name: 'x', groupId: 'g1', stores: '*', contexts: '*', extra: 1 })).toEqual(['']);
  });
});

describe('docs/integrators.md', () => {
  it('lists every variable of the integrators command', () => {
    const doc = readFileSync(new URL('../../../docs/integrators.md', import.meta.url), 'utf8');
    for (const name of Object.keys(integratorsConfig.shape)) expect(doc, name).toContain(`| \`${name}\` |`);
  });
});
