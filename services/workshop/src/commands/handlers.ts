import { type HandlerMap, mergeRoutes, route, workshop as w } from '@rooftop/contracts';
import { type Command, type CommandResult, commandHandler, type Decider, type DomainEvent, type EventStore, fold } from '@rooftop/eventsourcing';
import { appointmentDecider, type AppointmentCommand } from '../domain/appointment/appointment.decider.js';
import { complaintDecider, type ComplaintCommand } from '../domain/complaint/complaint.decider.js';
import { followUpDecider, type FollowUpCommand } from '../domain/follow-up/follow-up.decider.js';
import { type RepairOrder, type RepairOrderCommand, type RepairOrderContext, repairOrderDecider } from '../domain/repair-order/repair-order.decider.js';
import { activeTechnicians, rosterDecider, type RosterCommand } from '../domain/roster/roster.decider.js';
import { type WorkshopSettings } from '../domain/settings.js';
import { vehicleDecider, type VehicleCommand } from '../domain/vehicle/vehicle.decider.js';
import { warrantyClaimDecider, type WarrantyClaimCommand } from '../domain/warranty-claim/warranty-claim.decider.js';
import { streams } from './streams.js';

export interface WorkshopHandlerOptions {
  /** The scheduling store (src/commands/scheduling-event-store.ts), or any EventStore in unit tests. */
  readonly store: EventStore;
  readonly groupId: string;
  readonly settings: WorkshopSettings;
}

/** Command type → handler, one per workshop command contract. The transport, the timers and the reactions call these. */
export type WorkshopHandlers = HandlerMap<typeof w.workshopCommands>;

const schemaVersions = new Map<string, number>(w.workshopEvents.map((e) => [e.type, e.schemaVersion]));

const load = async <S, E extends DomainEvent>(
  store: EventStore,
  decider: Pick<Decider<never, S, E>, 'evolve' | 'initialState'>,
  streamId: string,
): Promise<S> => fold(decider, (await store.readStream(streamId)).events as unknown as E[]);

export const workshopHandlers = (options: WorkshopHandlerOptions): WorkshopHandlers => {
  const { store, groupId, settings } = options;
  const base = { store, context: w.WORKSHOP_CONTEXT, groupId, schemaVersionOf: (type: string) => schemaVersions.get(type) ?? 1 };
  const handler = <C extends Command, S, E extends DomainEvent>(decider: Decider<C, S, E>, streamOf: (c: C) => string) =>
    commandHandler(decider, { ...base, streamOf });

  const appointments = handler(appointmentDecider(settings.timeZone), (c: AppointmentCommand) => streams.appointment(c.data.appointmentId));
  const roster = handler(rosterDecider, (c: RosterCommand) => streams.roster(c.storeId));
  const claims = handler(warrantyClaimDecider, (c: WarrantyClaimCommand) => streams.warrantyClaim(c.data.claimId));
  const complaints = handler(complaintDecider, (c: ComplaintCommand) => streams.complaint(c.data.complaintId));
  const vehicles = handler(vehicleDecider(settings), (c: VehicleCommand) => streams.vehicle(c.data.vin));
  const followUps = handler(followUpDecider(settings), (c: FollowUpCommand) => streams.followUp(c.data.repairOrderId));

  // Repair-order commands that need other streams read them first; the decider stays pure and the append
  // still checks the RO stream's version.
  const repairOrders = async (command: RepairOrderCommand): Promise<CommandResult> => {
    let ctx: RepairOrderContext = { timeZone: settings.timeZone, technicians: new Set() };
    if (command.type === 'DispatchJob') {
      ctx = { ...ctx, technicians: activeTechnicians(await load(store, rosterDecider, streams.roster(command.storeId))) };
    }
    if (command.type === 'OpenRepairOrder' && command.data.appointmentId !== undefined) {
      const appointment = await load(store, appointmentDecider(settings.timeZone), streams.appointment(command.data.appointmentId));
      ctx = { ...ctx, appointment: appointment.status };
    }
    if (command.type === 'OpenRepairOrder' && command.data.comebackOf !== undefined) {
      const original = await load<RepairOrder, never>(store, repairOrderDecider(ctx), streams.repairOrder(command.data.comebackOf));
      ctx = { ...ctx, original: original.status === 'none' ? undefined : { status: original.status, vin: original.vin } };
    }
    return handler(repairOrderDecider(ctx), (c: RepairOrderCommand) => streams.repairOrder(c.data.repairOrderId))(command);
  };

  return mergeRoutes(
    route(w.appointmentCommands, appointments),
    route(w.repairOrderCommands, repairOrders),
    route(w.rosterCommands, roster),
    route(w.warrantyClaimCommands, claims),
    route(w.complaintCommands, complaints),
    route(w.vehicleCommands, vehicles),
    route(w.followUpCommands, followUps),
  );
};
