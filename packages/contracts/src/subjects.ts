// NATS subjects and stream names, derived here once and never typed by hand elsewhere.

const token = (value: string, what: string): string => {
  if (!/^[A-Za-z0-9_-]+$/.test(value)) throw new Error(`${what} "${value}" is not a valid NATS subject token`);
  return value;
};

/** `rooftop.<groupId>.<storeId>.<context>.<EventType>` */
export const eventSubject = (groupId: string, storeId: string, context: string, eventType: string): string =>
  eventAddress(token(groupId, 'groupId'), token(storeId, 'storeId'), context, eventType);

const eventAddress = (groupId: string, storeId: string, context: string, eventType: string): string =>
  `rooftop.${groupId}.${storeId}.${token(context, 'context')}.${token(eventType, 'eventType')}`;

/** The event subject with `{groupId}` and `{storeId}` left as parameters (AsyncAPI channel address, catalog). */
export const eventSubjectTemplate = (context: string, eventType: string): string => eventAddress('{groupId}', '{storeId}', context, eventType);

/** Every event of one store: `rooftop.<groupId>.<storeId>.>` */
export const storeEventsFilter = (groupId: string, storeId: string): string => `rooftop.${token(groupId, 'groupId')}.${token(storeId, 'storeId')}.>`;

/** `rooftop.<storeId>.<context>.cmd.<command-name>` */
export const commandSubject = (storeId: string, context: string, commandName: string): string =>
  commandAddress(token(storeId, 'storeId'), context, commandName);

const commandAddress = (storeId: string, context: string, commandName: string): string =>
  `rooftop.${storeId}.${token(context, 'context')}.cmd.${token(commandName, 'command name')}`;

/** The command subject with `{storeId}` left as a parameter (catalog, JSON Schema annotations). */
export const commandSubjectTemplate = (context: string, commandName: string): string => commandAddress('{storeId}', context, commandName);

/** Every command of one context in one store: `rooftop.<storeId>.<context>.cmd.*` */
export const contextCommandsFilter = (storeId: string, context: string): string => `rooftop.${token(storeId, 'storeId')}.${token(context, 'context')}.cmd.*`;

/** Every command of one store, any context: `rooftop.<storeId>.*.cmd.*` */
export const storeCommandsFilter = (storeId: string): string => `rooftop.${token(storeId, 'storeId')}.*.cmd.*`;

/** The JetStream stream holding one store's events. */
export const storeStreamName = (groupId: string, storeId: string): string =>
  `STORE_EVENTS_${token(groupId, 'groupId')}_${token(storeId, 'storeId')}`.toUpperCase().replace(/-/g, '_');

export const GROUP_STREAM_NAME = 'GROUP_EVENTS';

/** Where durable consumers park messages they gave up on: the `DEAD_LETTERS` stream over `rooftop.dlq.>`. */
export const DEAD_LETTER_STREAM = 'DEAD_LETTERS';
export const DEAD_LETTER_SUBJECTS = 'rooftop.dlq.>';

/**
 * Where the consumer that sources a store's stream into GROUP_EVENTS delivers at the hub: the source's `deliver`
 * prefix. A subject of its own per store, so the hub's accounts can let exactly it cross from the store to HQ.
 */
export const groupSourceDeliverPrefix = (storeId: string): string => `rooftop.deliver.${token(storeId, 'storeId')}`;

// What an integrator reads at HQ (docs/integrators.md): its own stream, filtered and masked from GROUP_EVENTS.

/** `INTEGRATOR_<NAME>`: the integrator's masked stream at HQ (`-` becomes `_`). */
export const integratorStreamName = (name: string): string => `INTEGRATOR_${token(name, 'integrator').toUpperCase().replace(/-/g, '_')}`;

/** Subjects of the integrator's stream: `integrator.<name>.events.<groupId>.<storeId>.<context>.<EventType>`. */
export const integratorEventSubject = (name: string, groupId: string, storeId: string, context: string, eventType: string): string =>
  `integrator.${name}.events.${groupId}.${storeId}.${context}.${eventType}`;

/** Every event of the integrator's stream (the filter its consumers use). */
export const integratorEventsFilter = (name: string): string => `integrator.${name}.events.>`;

/** One store's events in the integrator's stream. */
export const integratorStoreFilter = (name: string, storeId: string): string => `integrator.${name}.events.*.${storeId}.>`;

/** The business-date index: one message per (business date, store), stored just before the first such event. */
export const integratorIndexSubject = (name: string, businessDate: string, storeId: string): string => `integrator.${name}.index.${businessDate}.${storeId}`;

export const integratorIndexFilter = (name: string): string => `integrator.${name}.index.>`;

/**
 * The client must use `inboxPrefix` = `integratorInboxPrefix(name)`: a user allowed to subscribe to `_INBOX.>`
 * would receive every reply in the account (the stores' command replies included).
 */
export const integratorInboxPrefix = (name: string): string => `integrator.${token(name, 'integrator')}.inbox`;

/** Deliver subjects of the integrator's push consumers, if it makes any. */
export const integratorDeliverPrefix = (name: string): string => `integrator.${name}.deliver`;
