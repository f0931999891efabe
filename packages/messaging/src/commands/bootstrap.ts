import 'reflect-metadata';
import { type NatsConnection } from '@nats-io/transport-node';
import { Controller, type DynamicModule, type INestMicroservice, type LoggerService, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NatsContext } from '@nestjs/microservices';
import { type ContractRegistry, contextCommandsFilter } from '@rooftop/contracts';
import { RooftopError } from '@rooftop/eventsourcing';
import { type CommandIdentityOptions } from './command-gate.js';
import { CommandPattern } from './command-pattern.js';
import { CommandTransport } from './command-transport.js';

/**
 * Handles one command type. `never` keeps the map assignable from handlers typed for their own command
 * (e.g. the kernel's `CommandHandler<Command<'CaptureLead', …>>`); the transport only calls it with a
 * command that passed that type's contract.
 */
export type CommandHandlerFn = (command: never, context: NatsContext) => unknown;

/** Command type → handler, e.g. `{ CaptureLead: leads, QualifyLead: leads }`. */
export type CommandHandlerMap = Readonly<Record<string, CommandHandlerFn>>;

export interface CommandServiceOptions {
  readonly context: string;
  readonly storeId: string;
  readonly registry: ContractRegistry;
  /** The issuers whose signed assertions admit a command: nothing is handled without one (docs/adr/0020). */
  readonly identity: CommandIdentityOptions;
  /** Default NATS_URL, then nats://127.0.0.1:4222. Ignored when `connection` is given. */
  readonly natsUrl?: string;
  readonly connection?: NatsConnection;
  /** Plain handlers; served by one generated controller. */
  readonly handlers?: CommandHandlerMap;
  /** A Nest module (from the service's `src/transport/`) whose controllers use `@CommandPattern`. */
  readonly module?: Type<unknown> | DynamicModule;
  readonly logger?: LoggerService;
  readonly queue?: string;
}

export interface CommandService {
  readonly app: INestMicroservice;
  readonly transport: CommandTransport;
  /** Drains in-flight commands, then shuts the Nest app and the NATS connection down. */
  close(): Promise<void>;
}

const handlerMapController = (handlers: CommandHandlerMap): Type<unknown> => {
  class CommandMapController {}
  for (const [type, handle] of Object.entries(handlers)) {
    const descriptor: PropertyDescriptor = {
      value: (command: never, context: NatsContext) => handle(command, context),
      writable: true,
      configurable: true,
    };
    Object.defineProperty(CommandMapController.prototype, type, descriptor);
    CommandPattern(type)(CommandMapController.prototype, type, descriptor);
  }
  Controller()(CommandMapController);
  return CommandMapController;
};

const assertTokens = (storeId: string, context: string): void => {
  try {
    contextCommandsFilter(storeId, context);
  } catch (error) {
    throw new RooftopError('VALIDATION_FAILED', (error as Error).message, { storeId, context });
  }
};

/**
 * Starts the Nest microservice every Rooftop service uses to answer its commands: one context, one store,
 * request/reply on `rooftop.<storeId>.<context>.cmd.*`, with a queue group so replicas share the load.
 */
export const bootstrapCommandService = async (options: CommandServiceOptions): Promise<CommandService> => {
  assertTokens(options.storeId, options.context);
  if (!options.handlers && !options.module) {
    throw new RooftopError('VALIDATION_FAILED', 'a command service needs handlers or a module with @CommandPattern controllers');
  }
  const transport = new CommandTransport({
    context: options.context,
    storeId: options.storeId,
    registry: options.registry,
    identity: options.identity,
    natsUrl: options.natsUrl ?? process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    ...(options.connection ? { connection: options.connection } : {}),
    ...(options.queue ? { queue: options.queue } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });

  class CommandServiceModule {}
  Module({
    imports: options.module ? [options.module] : [],
    controllers: options.handlers ? [handlerMapController(options.handlers)] : [],
  })(CommandServiceModule);

  const app = await NestFactory.createMicroservice(CommandServiceModule, {
    strategy: transport,
    // Nest would otherwise call process.exit on a bootstrap error; the caller decides what a failure means.
    abortOnError: false,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  try {
    await app.listen();
  } catch (error) {
    await app.close();
    throw error;
  }
  return { app, transport, close: () => app.close() };
};
