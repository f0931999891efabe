import { type HandlerMap, mergeRoutes, parts as p, route } from '@rooftop/contracts';
import { type Command, type CommandResult, commandHandler, type Decider, type DomainEvent, type EventStore, fold } from '@rooftop/eventsourcing';
import { type PartCommand, type PartContext, partDecider } from '../domain/part/part.decider.js';
import { lineFor, purchaseOrderDecider, type PurchaseOrderCommand } from '../domain/purchase-order/purchase-order.decider.js';
import { type PartsSettings } from '../domain/settings.js';
import { type RepairOrderStatuses } from './repair-orders.js';
import { streams } from './streams.js';

export interface PartsHandlerOptions {
  readonly store: EventStore;
  readonly groupId: string;
  readonly settings: PartsSettings;
  readonly repairOrders: RepairOrderStatuses;
}

/** Command type → handler, one per parts command contract. The transport and the transfer reaction call these. */
export type PartsHandlers = HandlerMap<typeof p.partsCommands>;

const schemaVersions = new Map<string, number>(p.partsEvents.map((e) => [e.type, e.schemaVersion]));

export const partsHandlers = (options: PartsHandlerOptions): PartsHandlers => {
  const { store, groupId, settings, repairOrders } = options;
  const base = { store, context: p.PARTS_CONTEXT, groupId, schemaVersionOf: (type: string) => schemaVersions.get(type) ?? 1 };
  const handler = <C extends Command, S, E extends DomainEvent>(decider: Decider<C, S, E>, streamOf: (c: C) => string) =>
    commandHandler(decider, { ...base, streamOf });

  const purchaseOrders = handler(purchaseOrderDecider, (c: PurchaseOrderCommand) => streams.purchaseOrder(c.data.purchaseOrderId));

  // Part commands that need other facts read them first (the PO's line, the RO's status); the decider stays
  // pure and the append still checks the part stream's version, so stock never goes negative under races.
  const partCommands = async (command: PartCommand): Promise<CommandResult> => {
    let ctx: PartContext = { settings };
    if (command.type === 'ReceiveParts') {
      const po = fold(purchaseOrderDecider, (await store.readStream(streams.purchaseOrder(command.data.purchaseOrderId))).events as never);
      ctx = { ...ctx, purchaseLine: lineFor(po, command.data.partNumber) };
    }
    if (command.type === 'IssuePartsToRepairOrder' || command.type === 'ReturnPartsFromRepairOrder') {
      ctx = { ...ctx, repairOrder: await repairOrders.statusOf(command.storeId, command.data.repairOrderId) };
    }
    return handler(partDecider(ctx), (c: PartCommand) => streams.part(c.data.partNumber))(command);
  };

  return mergeRoutes(route(p.purchaseOrderCommands, purchaseOrders), route(p.partStreamCommands, partCommands));
};
