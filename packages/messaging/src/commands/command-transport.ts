import { connect, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { Logger, type LoggerService } from '@nestjs/common';
import { type CustomTransportStrategy, NatsContext, Server } from '@nestjs/microservices';
import { type ContractRegistry } from '@rooftop/contracts';
import { RooftopError } from '@rooftop/eventsourcing';
import { lastValueFrom } from 'rxjs';
import { ASSERTION_HEADER } from './assertion.js';
import { CommandGate, type CommandIdentityOptions } from './command-gate.js';
import { type CommandReply, encodeReply, errorReply, okReply, replyForThrown } from './envelope.js';

export interface CommandTransportOptions {
  readonly context: string;
  readonly storeId: string;
  readonly registry: ContractRegistry;
  /** The issuers whose signed assertions admit a command (docs/adr/0020). */
  readonly identity: CommandIdentityOptions;
  /** Used when no `connection` is given; the transport then owns (and closes) its connection. */
  readonly natsUrl?: string;
  /** A connection owned by the caller: drained subscriptions, but left open on close. */
  readonly connection?: NatsConnection;
  /** Replicas of one service share the load in this queue group (default `<context>-commands`). */
  readonly queue?: string;
  readonly logger?: LoggerService;
}

/**
 * A Nest microservice transport for commands over NATS request/reply (see docs/adr/0002). Nest's message
 * patterns are the command types (`@CommandPattern('CaptureLead')`); the transport subscribes once to the
 * context's `cmd.*` wildcard, so it can answer unknown names, bad bytes and wrong stores itself, and it
 * drains instead of dropping work on close.
 */
export class CommandTransport extends Server implements CustomTransportStrategy {
  private connection: NatsConnection | undefined;
  private subscription: Subscription | undefined;
  private gate: CommandGate | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly log: LoggerService;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: CommandTransportOptions) {
    super();
    this.log = options.logger ?? new Logger(CommandTransport.name);
  }

  /** Requests received and not yet answered. */
  get inFlightCount(): number {
    return this.inFlight.size;
  }

  on(): never {
    throw new RooftopError('INTERNAL', 'CommandTransport has no status events');
  }

  unwrap<T>(): T {
    if (!this.connection) throw new RooftopError('UNAVAILABLE', 'CommandTransport is not listening');
    return this.connection as T;
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const gate = new CommandGate({
        context: this.options.context,
        storeId: this.options.storeId,
        registry: this.options.registry,
        handledTypes: this.checkedPatterns(),
        identity: this.options.identity,
      });
      const connection = this.options.connection ?? (await connect({ servers: this.options.natsUrl ?? 'nats://127.0.0.1:4222' }));
      this.gate = gate;
      this.connection = connection;
      this.subscription = connection.subscribe(gate.subjectFilter, {
        queue: this.options.queue ?? `${this.options.context}-commands`,
        callback: (error, msg) => {
          if (error) return this.log.error(`command subscription failed: ${error.message}`, error.stack);
          this.track(this.answer(msg));
        },
      });
      // The SUB must reach the server before callers are told the service is up.
      await connection.flush();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /**
   * Stops taking requests (the subscription drains: messages already delivered are still handled), waits
   * for every in-flight handler to reply, flushes the replies, then closes the connection if it is ours.
   */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    const connection = this.connection;
    if (!connection || connection.isClosed()) return;
    try {
      if (this.subscription && !this.subscription.isClosed()) await this.subscription.drain();
    } catch (error) {
      // The connection died under us: nothing more will arrive, but running handlers still finish.
      this.log.warn(`draining ${this.gate?.subjectFilter} failed: ${(error as Error).message}`);
    }
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
    if (connection.isClosed()) return;
    if (this.options.connection) await connection.flush();
    else await connection.drain();
  }

  private checkedPatterns(): Set<string> {
    const known = new Set(this.options.registry.contexts.filter((c) => c.context === this.options.context).flatMap((c) => c.commands.map((k) => k.type)));
    const handled = new Set<string>();
    for (const pattern of this.messageHandlers.keys()) {
      if (!known.has(pattern)) {
        throw new RooftopError('UNKNOWN_COMMAND', `a handler is registered for ${pattern}, which is not a ${this.options.context} command`, {
          pattern,
          context: this.options.context,
        });
      }
      handled.add(pattern);
    }
    return handled;
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** Never rejects: whatever goes wrong is logged, and answered when there is still a connection to answer on. */
  private async answer(msg: Msg): Promise<void> {
    try {
      const reply = await this.execute(msg);
      let body: Uint8Array;
      try {
        body = encodeReply(reply);
      } catch (error) {
        this.log.error(`reply to ${msg.subject} is not JSON-serialisable`, error instanceof Error ? error.stack : undefined);
        body = encodeReply(replyForThrown(new Error('the handler result is not JSON-serialisable')));
      }
      // A request without a reply subject is a fire-and-forget command: handled, nothing to answer.
      if (msg.reply) msg.respond(body);
    } catch (error) {
      this.log.error(`could not answer ${msg.subject}`, error instanceof Error ? error.stack : String(error));
    }
  }

  private async execute(msg: Msg): Promise<CommandReply> {
    let admitted: Awaited<ReturnType<CommandGate['admit']>>;
    try {
      admitted = await this.gate!.admit(msg.subject, msg.data, msg.headers?.get(ASSERTION_HEADER));
    } catch (error) {
      // Only a contract schema that throws (instead of reporting issues) gets here.
      this.log.error(`checking ${msg.subject} failed`, error instanceof Error ? error.stack : String(error));
      return replyForThrown(error);
    }
    if (admitted instanceof RooftopError) return errorReply(admitted);
    const { command } = admitted;
    try {
      const handler = this.getHandlerByPattern(command.type);
      if (!handler) throw new RooftopError('UNKNOWN_COMMAND', `no handler for ${command.type}`);
      const produced = await handler(command, new NatsContext([msg.subject, msg.headers]));
      return okReply(await lastValueFrom(this.transformToObservable(produced), { defaultValue: null }));
    } catch (error) {
      const reply = replyForThrown(error, command.commandId);
      if (!reply.ok && reply.error.code === 'INTERNAL') {
        this.log.error(`${command.type} ${command.commandId} failed: ${reply.error.message}`, error instanceof Error ? error.stack : String(error));
      }
      return reply;
    }
  }
}
