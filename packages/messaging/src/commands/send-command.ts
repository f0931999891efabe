import { headers, type NatsConnection, NoRespondersError, RequestError, TimeoutError } from '@nats-io/transport-node';
import { type CommandContract, commandSubject } from '@rooftop/contracts';
import { type Actor, type Command, type CommandResult, type IdGenerator, RooftopError, uuidv7Generator } from '@rooftop/eventsourcing';
import { type z } from 'zod';
import { ASSERTION_HEADER, type CommandSigner } from './assertion.js';
import { type CommandReply, commandReplySchema, errorReply } from './envelope.js';

export interface SendCommandOptions<C extends CommandContract> {
  readonly contract: C;
  readonly command: Command<C['type'], z.input<C['schema']>>;
  /** Signs the assertion that tells the service who sends it (docs/adr/0020). */
  readonly signer: CommandSigner;
  /** The stores the actor may act in, as asserted (default: only the command's store). */
  readonly actorStores?: readonly string[] | '*';
  /** The store whose service should answer (default: the command's own storeId). */
  readonly storeId?: string;
  /** Default: the contract's context. */
  readonly context?: string;
  /** Default 5,000 ms. */
  readonly timeoutMs?: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const causes = (error: unknown): unknown[] => {
  const chain: unknown[] = [];
  for (let e = error; e !== undefined && chain.length < 5; e = e instanceof Error ? e.cause : undefined) chain.push(e);
  return chain;
};

const unavailable = (error: unknown, subject: string): CommandReply<never> => {
  const chain = causes(error);
  const noResponders = chain.some((e) => e instanceof NoRespondersError || (e instanceof RequestError && e.isNoResponders()));
  const timedOut = chain.some((e) => e instanceof TimeoutError);
  const reason = noResponders ? 'NO_RESPONDERS' : timedOut ? 'TIMEOUT' : 'TRANSPORT';
  const message = noResponders
    ? `no service answers ${subject}`
    : timedOut
      ? `no reply from ${subject} in time`
      : `could not reach ${subject}: ${error instanceof Error ? error.message : String(error)}`;
  return errorReply(new RooftopError('UNAVAILABLE', message, { reason, subject }));
};

/**
 * Sends one command and waits for the service's reply. Never throws: a typed error reply is returned as
 * is, and a timeout, no responders or a broken connection become `UNAVAILABLE` (the command may or may
 * not have run, so callers retry with the same commandId and rely on idempotency).
 */
export const sendCommand = async <C extends CommandContract, TResult = CommandResult>(
  nc: NatsConnection,
  options: SendCommandOptions<C>,
): Promise<CommandReply<TResult>> => {
  let subject: string;
  try {
    subject = commandSubject(options.storeId ?? options.command.storeId, options.context ?? options.contract.context, options.contract.name);
  } catch (error) {
    return errorReply(new RooftopError('VALIDATION_FAILED', (error as Error).message));
  }
  let payload: Uint8Array;
  const h = headers();
  try {
    payload = encoder.encode(JSON.stringify(options.command));
    const context = options.context ?? options.contract.context;
    h.set(ASSERTION_HEADER, await options.signer.sign(options.command, context, options.actorStores ? { stores: options.actorStores } : {}));
  } catch (error) {
    if (error instanceof RooftopError) return errorReply(error);
    return errorReply(new RooftopError('VALIDATION_FAILED', `the command is not JSON-serialisable: ${(error as Error).message}`));
  }
  let body: string;
  try {
    const msg = await nc.request(subject, payload, { timeout: options.timeoutMs ?? 5_000, headers: h });
    body = decoder.decode(msg.data);
  } catch (error) {
    return unavailable(error, subject);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const reply = commandReplySchema.safeParse(parsed);
  if (!reply.success) {
    return errorReply(new RooftopError('INTERNAL', `the reply from ${subject} is not a command reply`, { subject }));
  }
  return reply.data as CommandReply<TResult>;
};

export interface CommandClientOptions {
  /** Signs each command's assertion: the gateway's, the simulator's, a test issuer's key. */
  readonly signer: CommandSigner;
  /** Default 5,000 ms per command. */
  readonly timeoutMs?: number;
  /** Command ids when the caller gives no idempotency key (default UUIDv7). */
  readonly ids?: IdGenerator;
  /** The command's business time (default the wall clock). */
  readonly clock?: () => Date;
}

export interface SendInput<C extends CommandContract> {
  readonly storeId: string;
  readonly actor: Actor;
  readonly data: z.input<C['schema']>;
  /** Becomes the commandId, so a retried request with the same key is handled once. */
  readonly idempotencyKey?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly traceparent?: string;
  readonly timeoutMs?: number;
  /** The stores the actor may act in, as asserted (default: only `storeId`). */
  readonly actorStores?: readonly string[] | '*';
}

/** Builds the envelope (commandId, now, correlationId) and sends it; used by the gateway and tests. */
export class CommandClient {
  constructor(
    private readonly nc: NatsConnection,
    private readonly options: CommandClientOptions,
  ) {}

  envelope<C extends CommandContract>(contract: C, input: SendInput<C>): Command<C['type'], z.input<C['schema']>> {
    const commandId = input.idempotencyKey ?? (this.options.ids ?? uuidv7Generator).next();
    return {
      commandId,
      type: contract.type,
      storeId: input.storeId,
      actor: input.actor,
      data: input.data,
      metadata: {
        now: (this.options.clock?.() ?? new Date()).toISOString(),
        correlationId: input.correlationId ?? commandId,
        ...(input.causationId ? { causationId: input.causationId } : {}),
        ...(input.traceparent ? { traceparent: input.traceparent } : {}),
      },
    };
  }

  send<C extends CommandContract, TResult = CommandResult>(contract: C, input: SendInput<C>): Promise<CommandReply<TResult>> {
    return sendCommand<C, TResult>(this.nc, {
      contract,
      command: this.envelope(contract, input),
      signer: this.options.signer,
      ...(input.actorStores ? { actorStores: input.actorStores } : {}),
      timeoutMs: input.timeoutMs ?? this.options.timeoutMs ?? 5_000,
    });
  }
}
