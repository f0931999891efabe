import { type CommandContract, type ContractRegistry, parseWith } from '@rooftop/contracts';
import { type CommandResult, type ErrorBody, RooftopError } from '@rooftop/eventsourcing';
import { authorizeCommand, requirePrincipal } from '../../auth/scope.js';
import { builder } from '../../builder.js';
import { type GatewayContext } from '../../context.js';
import { fromErrorBody, gatewayError } from '../../errors.js';
import { commandInputType, withoutNulls } from './command-inputs.js';

export interface CommandPayload {
  readonly commandId: string;
  readonly result: unknown;
}

const CommandEvent = builder.objectRef<CommandResult['events'][number]>('CommandEvent').implement({
  fields: (t) => ({
    eventId: t.exposeID('eventId'),
    type: t.exposeString('type'),
    globalPosition: t.float({ description: "Position in the store's log.", resolve: (e) => e.globalPosition }),
  }),
});

const asCommandResult = (result: unknown): Partial<CommandResult> => (result !== null && typeof result === 'object' ? (result as Partial<CommandResult>) : {});

const CommandPayloadRef = builder.objectRef<CommandPayload>('CommandPayload').implement({
  description: "A handled command: the service's result (a retried idempotency key returns the first result again).",
  fields: (t) => ({
    commandId: t.exposeID('commandId'),
    streamId: t.string({ nullable: true, resolve: (p) => asCommandResult(p.result).streamId ?? null }),
    streamVersion: t.int({ nullable: true, resolve: (p) => asCommandResult(p.result).streamVersion ?? null }),
    events: t.field({
      type: [CommandEvent],
      description: 'Events the command appended (none when it changed nothing).',
      resolve: (p) => [...(asCommandResult(p.result).events ?? [])],
    }),
    result: t.field({ type: 'JSON', nullable: true, description: "The service's full result.", resolve: (p) => p.result ?? null }),
  }),
});

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,200}$/;

export interface CommandArgs {
  readonly input?: unknown;
  readonly storeId?: string | number | null;
  readonly idempotencyKey?: string | null;
}

const codeOf = (error: unknown): string => {
  const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
  return typeof code === 'string' ? code : 'INTERNAL';
};

/**
 * Every handled command leaves one audit line, and so does every refused one — by the gateway or by the
 * service — up to the per-principal rate of `ctx.audit` (past it a refusal is only counted): the caller, the
 * command, the store and the outcome (never the command's data: it may hold personal data).
 */
export const sendCommand = async (contract: CommandContract, args: CommandArgs, ctx: GatewayContext): Promise<CommandPayload> => {
  const requestedStore = args.storeId === null || args.storeId === undefined ? undefined : String(args.storeId);
  const entry = {
    audit: 'command',
    type: contract.type,
    context: contract.context,
    actor: ctx.auth.principal?.subject ?? null,
    storeId: requestedStore ?? null,
  };
  try {
    const payload = await authorizeAndSend(contract, args, ctx);
    ctx.logger?.info(
      { ...entry, storeId: entry.storeId ?? (ctx.deployment.kind === 'store' ? ctx.deployment.storeId : null), commandId: payload.commandId, outcome: 'OK' },
      'command handled',
    );
    return payload;
  } catch (error) {
    const outcome = codeOf(error);
    const decision = ctx.audit.refused(entry.actor, outcome);
    if (decision.write) {
      const reason = (error as { extensions?: { reason?: unknown } }).extensions?.reason ?? null;
      ctx.logger?.warn(
        { ...entry, outcome, reason, ...(decision.suppressedBefore > 0 ? { suppressedBefore: decision.suppressedBefore } : {}) },
        'command refused',
      );
    }
    throw error;
  }
};

/**
 * The service's error as the caller's. A service that does not accept this gateway's assertion (its key not
 * in COMMAND_ISSUER_KEYS, clocks apart) is a fault of the deployment, not of the caller's token: INTERNAL.
 */
const refusalOf = (error: ErrorBody, ctx: GatewayContext) => {
  if (error.code !== 'UNAUTHENTICATED') return fromErrorBody(error);
  ctx.logger?.error(
    { serviceError: error },
    "a service refused this gateway's command assertion: check COMMAND_SIGNING_KEY and the services' COMMAND_ISSUER_KEYS",
  );
  return gatewayError('INTERNAL', "the service does not accept this gateway's command signature", { reason: 'COMMAND_ASSERTION_REFUSED' });
};

/** Authorize → validate against the contract → send over NATS → the result, or the service's typed error. */
const authorizeAndSend = async (contract: CommandContract, args: CommandArgs, ctx: GatewayContext): Promise<CommandPayload> => {
  const principal = requirePrincipal(ctx.auth);
  const grant = authorizeCommand(ctx.auth, ctx.deployment, contract, args.storeId === null || args.storeId === undefined ? null : String(args.storeId));
  if (args.idempotencyKey !== null && args.idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(args.idempotencyKey)) {
    throw gatewayError('VALIDATION_FAILED', 'idempotencyKey is 1–200 letters, digits or _ . : -', { reason: 'BAD_IDEMPOTENCY_KEY' });
  }
  let data: unknown;
  try {
    data = parseWith(contract.schema, withoutNulls(args.input ?? {}), `${contract.type} input`);
  } catch (error) {
    if (error instanceof RooftopError) throw fromErrorBody(error.toBody());
    throw error;
  }
  const reply = await ctx.commands.send(contract, {
    storeId: grant.storeId,
    actor: { kind: 'user', id: principal.subject, roles: grant.roles },
    // The signed assertion carries the token's store scope beside the actor (docs/adr/0020).
    actorStores: principal.storeIds,
    data: data as never,
    ...(args.idempotencyKey ? { idempotencyKey: args.idempotencyKey } : {}),
    ...(ctx.traceparent ? { traceparent: ctx.traceparent } : {}),
  });
  if (!reply.ok) throw refusalOf(reply.error, ctx);
  const commandId = asCommandResult(reply.result).commandId;
  return { commandId: typeof commandId === 'string' ? commandId : (args.idempotencyKey ?? ''), result: reply.result };
};

const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

/** Internal commands (only the services' own timers and reactions send them) are not mutations at all. */
const sentByUsers = (contract: CommandContract): boolean => !contract.internal;

/**
 * One mutation per user-sendable command of every registered context, named after the command
 * (`captureLead`), or `<context><Command>` when two contexts share a command name.
 */
export const addCommandMutations = (registry: ContractRegistry): string[] => {
  const contracts = registry.contexts.flatMap((c) => c.commands).filter(sentByUsers);
  const counts = new Map<string, number>();
  for (const c of contracts) counts.set(c.type, (counts.get(c.type) ?? 0) + 1);
  return contracts.map((contract) => {
    const fieldName = (counts.get(contract.type) ?? 0) > 1 ? `${contract.context}${contract.type}` : lowerFirst(contract.type);
    const input = commandInputType(contract);
    builder.mutationField(fieldName, (t) =>
      t.field({
        nullable: true,
        type: CommandPayloadRef,
        description: `${contract.description} (${contract.context} command ${contract.type}; roles: ${contract.roles.join(', ')})`,
        args: {
          // eslint-disable-next-line @typescript-eslint/no-explicit-any -- generated input type, see command-inputs.ts
          ...(input ? { input: t.arg({ type: input as any, required: true }) } : {}),
          storeId: t.arg.id({ required: false, description: "The store it is for (default: a store gateway's own store)." }),
          idempotencyKey: t.arg.string({ required: false, description: 'Becomes the commandId: a retry with the same key is handled once.' }),
        },
        resolve: (_root, args, ctx) => sendCommand(contract, args as CommandArgs, ctx),
      }),
    );
    return fieldName;
  });
};
