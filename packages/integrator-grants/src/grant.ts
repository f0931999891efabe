import { type ContractRegistry, parseWith } from '@rooftop/contracts';
import { ValidationError } from '@rooftop/eventsourcing';
import { z } from 'zod';

// A grant is what one integrator may read: which stores, contexts and event types, and whether it sees personal
// data. Everything an integrator gets (its stream, its NATS user, its webhook) is derived from it.

const NAME = /^[a-z][a-z0-9-]{0,31}$/;
const TOKEN = /^[A-Za-z0-9_-]+$/;

const everyOr = <T extends z.ZodType>(item: T) => z.union([z.literal('*'), z.array(item).min(1)]);

export const grantSchema = z.strictObject({
  /** Lowercase letters, digits and `-`, starting with a letter: it names the stream and the NATS subjects. */
  name: z.string().regex(NAME, 'lowercase letters, digits and -, starting with a letter, at most 32'),
  groupId: z.string().regex(TOKEN, 'letters, digits, - and _'),
  /** Store ids, or `*` for every store of the group (now and later). */
  stores: everyOr(z.string().regex(TOKEN, 'letters, digits, - and _')),
  /** Bounded contexts (`sales`, `workshop`, …), or `*`. */
  contexts: everyOr(z.string().regex(TOKEN, 'letters, digits, - and _')),
  /** Event types as `<context>.<EventType>` (`sales.VehicleDelivered`), or `*` for every type of the granted contexts. */
  eventTypes: everyOr(z.string().regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'must be <context>.<EventType>')).default('*'),
  /** `false` (default): personal-data fields are masked; `true`: all of them in clear; a list: only those fields in clear. */
  personalData: z.union([z.boolean(), z.array(z.string().min(1)).min(1)]).default(false),
});

export type Grant = z.output<typeof grantSchema>;
export type GrantInput = z.input<typeof grantSchema>;

/**
 * Validates a grant (typed ValidationError naming each bad field) and checks its event types and contexts
 * against the contracts, so a typo cannot silently grant nothing.
 */
export const parseGrant = (input: unknown, registry: ContractRegistry): Grant => {
  const grant = parseWith(grantSchema, input, 'integrator grant');
  const issues: { path: string; message: string }[] = [];
  const contexts = new Set(registry.contexts.map((c) => c.context));
  if (grant.contexts !== '*') {
    grant.contexts.forEach((c, i) => {
      if (!contexts.has(c)) issues.push({ path: `contexts.${i}`, message: `no context ${c}` });
    });
  }
  if (grant.eventTypes !== '*') {
    grant.eventTypes.forEach((t, i) => {
      const [context, type] = t.split('.') as [string, string];
      const contract = registry.event(type);
      if (!contract || contract.context !== context) issues.push({ path: `eventTypes.${i}`, message: `no event type ${t}` });
      else if (grant.contexts !== '*' && !grant.contexts.includes(context))
        issues.push({ path: `eventTypes.${i}`, message: `context ${context} is not granted` });
    });
  }
  if (issues.length > 0) throw new ValidationError(`integrator grant is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  return grant;
};

/** Whether an event of this store, context and type is inside the grant. */
export const grantAdmits = (grant: Grant, storeId: string, context: string, eventType: string): boolean =>
  (grant.stores === '*' || grant.stores.includes(storeId)) &&
  (grant.contexts === '*' || grant.contexts.includes(context)) &&
  (grant.eventTypes === '*' || grant.eventTypes.includes(`${context}.${eventType}`));
