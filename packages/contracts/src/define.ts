import { RooftopError, ValidationError } from '@rooftop/eventsourcing';
import { type z } from 'zod';

/** The contracts contradict themselves (duplicate type, broken history); raised when they are defined, at start-up. */
export class ContractDefinitionError extends RooftopError {
  constructor(message: string) {
    super('INVALID_CONTRACT', message);
  }
}

/** An older published schema of an event and how to lift its data one version up. Never edited once published. */
export interface EventSchemaVersion {
  readonly schemaVersion: number;
  readonly schema: z.ZodType;
  /** Turns data of this version into data of `schemaVersion + 1`. */
  readonly upcast: (data: unknown) => unknown;
}

export interface EventContract<TType extends string = string, TSchema extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly context: string;
  readonly type: TType;
  /** The current schema version; events are written with it. */
  readonly schemaVersion: number;
  readonly schema: TSchema;
  readonly description: string;
  /** Older versions, oldest first. */
  readonly history: readonly EventSchemaVersion[];
  /** Top-level data fields holding personal data (masked for integrators without the grant). */
  readonly personalData: readonly string[];
}

export interface CommandContract<TType extends string = string, TSchema extends z.ZodType = z.ZodType> {
  readonly kind: 'command';
  readonly context: string;
  readonly type: TType;
  /** kebab-case name used in the NATS subject (`OpenRepairOrder` → `open-repair-order`). */
  readonly name: string;
  readonly schema: TSchema;
  readonly description: string;
  /** Roles allowed to send it (checked by the gateway and the transport). */
  readonly roles: readonly string[];
  /**
   * Sent only by the services' own timers and reactions, never by a user or an integrator: the gateway offers
   * no mutation for it, no token may carry a role only such commands name (ADR 0010), and the command bus
   * refuses it over NATS whatever the sender (ADR 0020).
   */
  readonly internal: boolean;
}

export type EventData<C> = C extends EventContract<string, infer S> ? z.infer<S> : never;
export type CommandData<C> = C extends CommandContract<string, infer S> ? z.infer<S> : never;

export const kebabCase = (pascal: string): string =>
  pascal
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();

export const defineEvent = <TType extends string, TSchema extends z.ZodType>(spec: {
  context: string;
  type: TType;
  schema: TSchema;
  description: string;
  schemaVersion?: number;
  history?: readonly EventSchemaVersion[];
  personalData?: readonly string[];
}): EventContract<TType, TSchema> => {
  const schemaVersion = spec.schemaVersion ?? 1;
  const history = spec.history ?? [];
  history.forEach((h, i) => {
    if (h.schemaVersion !== i + 1) throw new ContractDefinitionError(`${spec.type}: history must list versions 1..${schemaVersion - 1} in order`);
  });
  if (history.length !== schemaVersion - 1)
    throw new ContractDefinitionError(`${spec.type}: schema version ${schemaVersion} needs ${schemaVersion - 1} older versions`);
  return {
    kind: 'event',
    context: spec.context,
    type: spec.type,
    schemaVersion,
    schema: spec.schema,
    description: spec.description,
    history,
    personalData: spec.personalData ?? [],
  };
};

export const defineCommand = <TType extends string, TSchema extends z.ZodType>(spec: {
  context: string;
  type: TType;
  schema: TSchema;
  description: string;
  roles: readonly string[];
  /** Every contract of the platform states it; absent (tests' ad-hoc contracts) means a user may send it. */
  internal?: boolean;
}): CommandContract<TType, TSchema> => ({
  kind: 'command',
  context: spec.context,
  type: spec.type,
  name: kebabCase(spec.type),
  schema: spec.schema,
  description: spec.description,
  roles: spec.roles,
  internal: spec.internal ?? false,
});

const toValidationError = (what: string, error: z.ZodError): ValidationError =>
  new ValidationError(
    `${what} is invalid: ${error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  );

/** Validates data against a schema; a mismatch is a typed ValidationError listing every failing path. */
export const parseWith = <TSchema extends z.ZodType>(schema: TSchema, data: unknown, what: string): z.infer<TSchema> => {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw toValidationError(what, parsed.error);
  return parsed.data;
};

/**
 * Reads event data written with any published schema version: validates it against that version's
 * schema, upcasts step by step to the current version, and validates the result.
 */
export const upcastEvent = <C extends EventContract>(contract: C, schemaVersion: number, data: unknown): EventData<C> => {
  if (schemaVersion > contract.schemaVersion || schemaVersion < 1) {
    throw new ValidationError(`${contract.type} has no schema version ${schemaVersion} (current ${contract.schemaVersion})`, [
      { path: 'schemaVersion', message: `unknown version ${schemaVersion}` },
    ]);
  }
  let current = data;
  for (let v = schemaVersion; v < contract.schemaVersion; v++) {
    const older = contract.history[v - 1]!;
    current = older.upcast(parseWith(older.schema, current, `${contract.type} v${v}`));
  }
  return parseWith(contract.schema, current, `${contract.type} v${contract.schemaVersion}`) as EventData<C>;
};
