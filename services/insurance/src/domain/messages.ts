import { type CommandContract, type CommandData, type EventContract, type EventData } from '@rooftop/contracts';
import { type Command, type DomainEvent } from '@rooftop/eventsourcing';

/** The domain event a contract describes. */
export type EventOf<C extends EventContract> = DomainEvent<C['type'], EventData<C>>;

/** The command a contract describes, with data as the contract parses it. */
export type CommandOf<C extends CommandContract> = Command<C['type'], CommandData<C>>;

export const event = <C extends EventContract>(contract: C, data: EventData<C>): EventOf<C> => ({ type: contract.type, data });
