import { type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import {
  type CommandContract,
  type CommandData,
  type EventContract,
  type EventData,
  eventSubject,
  handleInProcess,
  platformRegistry,
  storeStreamName,
} from '@rooftop/contracts';
import { type Actor, type Command, DomainError } from '@rooftop/eventsourcing';
import {
  type DecodedEvent,
  type DurableConsumerHandle,
  ensureStoreStream,
  type EventHandler,
  type MessagingLogger,
  runDurableConsumer,
} from '@rooftop/messaging';
import type pg from 'pg';

/** The actor of the commands a context's reactions send (`workshop-reactions`). */
export const reactionActor = (context: string): Actor => ({ kind: 'system', id: `${context}-reactions`, roles: ['system'] });

/** The command a reaction sends for an event: its id (derived from the event, so a replay appends nothing) and data. */
export interface ReactionCommand<C extends CommandContract> {
  readonly commandId: string;
  readonly data: CommandData<C>;
}

/**
 * A process manager: an event of another context (or of a sister store) → one command of this context. The
 * subject comes from the event's contract, the command's type from its contract, and the compiler checks the
 * data against both.
 */
export interface Reaction<E extends EventContract = EventContract, C extends CommandContract = CommandContract> {
  /** `<context>-<name>` is the durable consumer's name (and the inbox's consumer). */
  readonly name: string;
  readonly on: E;
  readonly send: C;
  /** This store's stream (default), or each sister store's (a transfer shipped to this store). */
  readonly from?: 'this-store' | 'sister-stores';
  /** The command for an event, or undefined when the event asks nothing of this context. */
  readonly command: (event: DecodedEvent<EventData<E>>, storeId: string) => ReactionCommand<C> | undefined;
  /** What a refused command (a DomainError) is logged as. */
  readonly refused: string;
}

/**
 * `defineReaction(sales.VehicleDelivered, workshop.RegisterVehicle)({ name, refused, command })`. Two steps, so
 * both contracts are fixed before `command` is checked: its data then keeps its literal types (`roType:
 * 'insurance_claim'`) against the command's contract.
 */
export const defineReaction =
  <E extends EventContract, C extends CommandContract>(on: E, send: C) =>
  (spec: Omit<Reaction<E, C>, 'on' | 'send'>): Reaction<E, C> => ({ ...spec, on, send });

/** The envelope of a reaction's command: its actor, and the event's time, correlation and id as cause. */
export const reactionCommand = <C extends CommandContract>(
  context: string,
  reaction: Reaction<EventContract, C>,
  event: DecodedEvent,
  storeId: string,
): Command<C['type'], CommandData<C>> | undefined => {
  const command = reaction.command(event, storeId);
  if (!command) return undefined;
  return {
    commandId: command.commandId,
    type: reaction.send.type,
    storeId,
    actor: reactionActor(context),
    data: command.data,
    metadata: { now: event.occurredAt, correlationId: event.correlationId, causationId: event.eventId },
  };
};

export interface ReactionRunOptions {
  readonly context: string;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly pool: pg.Pool;
  readonly groupId: string;
  readonly storeId: string;
  /** The group's stores (for `from: 'sister-stores'`). */
  readonly groupStores?: readonly string[];
  /** The service's handlers on the store bound to the consumer's inbox transaction. */
  readonly handlersIn: (tx: pg.PoolClient) => object;
  /** Prefix of the durable names instead of the context (tests give each run its own). */
  readonly durablePrefix?: string;
  readonly logger?: MessagingLogger;
}

/**
 * What a reaction does with one delivered event inside the consumer's inbox transaction `tx`: its command, in
 * process, on the handlers bound to `tx`. A command refused by a rule is logged and acknowledged (redelivery
 * cannot change a rule's answer); anything else is thrown, so the message is retried and then dead-lettered.
 */
export const reactionHandler =
  (reaction: Reaction, options: Pick<ReactionRunOptions, 'context' | 'storeId' | 'handlersIn' | 'logger'>): EventHandler =>
  async (event, tx) => {
    const command = reactionCommand(options.context, reaction, event, options.storeId);
    if (!command) return;
    try {
      await handleInProcess(options.context, options.handlersIn(tx), command);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      options.logger?.warn({ eventId: event.eventId, reason: error.reason }, reaction.refused);
    }
  };

/**
 * Runs one reaction: a durable JetStream consumer per source stream, filtered on the event's subject; the
 * command runs in process inside the consumer's inbox transaction, so the append and the inbox row commit
 * together; a redelivered event is skipped by the inbox.
 */
export const runReaction = async (reaction: Reaction, options: ReactionRunOptions): Promise<DurableConsumerHandle[]> => {
  const { context, groupId, storeId } = options;
  const sources = reaction.from === 'sister-stores' ? (options.groupStores ?? []).filter((s) => s !== storeId) : [storeId];
  const handles: DurableConsumerHandle[] = [];
  for (const source of sources) {
    // A sister store's stream may not exist yet if it has never started; provisioning is idempotent.
    if (source !== storeId) await ensureStoreStream(options.jsm, { groupId, storeId: source });
    const base = `${options.durablePrefix ?? context}-${reaction.name}`;
    handles.push(
      await runDurableConsumer({
        js: options.js,
        jsm: options.jsm,
        stream: storeStreamName(groupId, source),
        durable: source === storeId ? base : `${base}-${storeId}-from-${source}`,
        filterSubjects: eventSubject(groupId, source, reaction.on.context, reaction.on.type),
        pool: options.pool,
        inboxSchema: context,
        registry: platformRegistry,
        // The handler appends to the event store: one message per transaction (one append per transaction).
        messagesPerTransaction: 1,
        ...(options.logger ? { logger: options.logger } : {}),
        handler: reactionHandler(reaction, options),
      }),
    );
  }
  return handles;
};
