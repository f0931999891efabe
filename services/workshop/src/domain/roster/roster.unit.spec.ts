import { deciderSpec } from '@rooftop/testkit';
import { describe, expect, it } from 'vitest';
import { command } from '../../../test/builders.js';
import { activeTechnicians, rosterDecider, type RosterEvent } from './roster.decider.js';

const spec = deciderSpec(rosterDecider);
const data = { technicianId: 'tech-1', name: '李强', trade: 'mechanical' as const, grade: 'senior' as const };
const registered: RosterEvent = { type: 'TechnicianRegistered', data };
const left: RosterEvent = { type: 'TechnicianDeactivated', data: { technicianId: 'tech-1' } };

describe('roster decider', () => {
  it('registers, re-registers idempotently, updates and deactivates technicians', () => {
    spec.given([]).when(command('RegisterTechnician', data)).thenEvents([registered]);
    spec.given([registered]).when(command('RegisterTechnician', data)).thenEvents([]);
    spec
      .given([registered])
      .when(command('RegisterTechnician', { ...data, grade: 'intermediate' as const }))
      .thenEvents([{ type: 'TechnicianRegistered', data: { ...data, grade: 'intermediate' } }]);
    spec
      .given([registered])
      .when(command('DeactivateTechnician', { technicianId: 'tech-1' }))
      .thenEvents([left]);
    spec.given([registered, left]).when(command('RegisterTechnician', data)).thenEvents([registered]);
  });

  it('refuses to deactivate an unknown or inactive technician', () => {
    spec
      .given([])
      .when(command('DeactivateTechnician', { technicianId: 'tech-1' }))
      .thenError('UNKNOWN_TECHNICIAN', 'NOT_FOUND');
    spec
      .given([registered, left])
      .when(command('DeactivateTechnician', { technicianId: 'tech-1' }))
      .thenError('TECHNICIAN_ALREADY_INACTIVE');
  });

  it('lists only active technicians', () => {
    const other: RosterEvent = { type: 'TechnicianRegistered', data: { ...data, technicianId: 'tech-2' } };
    const state = [registered, other, left].reduce(rosterDecider.evolve, rosterDecider.initialState());
    expect([...activeTechnicians(state)]).toEqual(['tech-2']);
  });
});
