import { type CommandUnion, event, type EventOf, type EventUnion, workshop as w } from '@rooftop/contracts';
import { type Decider, type DomainError, invalidTransition, notFound } from '@rooftop/eventsourcing';

// The store's technician roster: one stream per store, read by the dispatch handler.

export type RosterEvent = EventUnion<typeof w.rosterEvents>;
export type RosterCommand = CommandUnion<typeof w.rosterCommands>;

type Technician = Omit<EventOf<typeof w.TechnicianRegistered>['data'], 'technicianId'> & { readonly active: boolean };

export interface Roster {
  readonly technicians: ReadonlyMap<string, Technician>;
}

export const activeTechnicians = (roster: Roster): ReadonlySet<string> => new Set([...roster.technicians].filter(([, t]) => t.active).map(([id]) => id));

const decide = (command: RosterCommand, state: Roster): RosterEvent[] | DomainError => {
  const current = state.technicians.get(command.data.technicianId);
  if (command.type === 'RegisterTechnician') {
    const { technicianId, name, trade, grade } = command.data;
    // Registering the same person with the same details again changes nothing.
    if (current?.active && current.name === name && current.trade === trade && current.grade === grade) return [];
    return [event(w.TechnicianRegistered, { technicianId, name, trade, grade })];
  }
  if (!current) return notFound('UNKNOWN_TECHNICIAN', `no technician ${command.data.technicianId} on the roster`);
  if (!current.active) return invalidTransition('TECHNICIAN_ALREADY_INACTIVE', `technician ${command.data.technicianId} already left the roster`);
  return [event(w.TechnicianDeactivated, { technicianId: command.data.technicianId })];
};

const evolve = (state: Roster, e: RosterEvent): Roster => {
  const technicians = new Map(state.technicians);
  if (e.type === 'TechnicianRegistered') {
    const { technicianId, ...rest } = e.data;
    technicians.set(technicianId, { ...rest, active: true });
  } else {
    const t = technicians.get(e.data.technicianId);
    if (t) technicians.set(e.data.technicianId, { ...t, active: false });
  }
  return { technicians };
};

export const rosterDecider: Decider<RosterCommand, Roster, RosterEvent> = {
  decide,
  evolve,
  initialState: () => ({ technicians: new Map() }),
};
