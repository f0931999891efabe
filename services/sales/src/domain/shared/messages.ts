import { type CommandContract, type CommandData, type EventContract, type EventData } from '@rooftop/contracts';
import { type Command, type DomainEvent } from '@rooftop/eventsourcing';

/** The command envelope of a contract, with its data as the contract parses it. */
export type CommandOf<C extends CommandContract> = Command<C['type'], CommandData<C>>;

/** The domain event of a contract (type and data; ids and metadata are added by the command handler). */
export type EventOf<C extends EventContract> = DomainEvent<C['type'], EventData<C>>;

/** Builds an event with its type checked against the union the decider may emit. */
export const event = <E extends DomainEvent>(type: E['type'], data: E['data']): E => ({ type, data }) as E;
