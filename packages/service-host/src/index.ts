export { storeServiceConfig, type StoreServiceConfig } from './config.js';
export {
  type HostOptions,
  runStoreService,
  type ServiceHost,
  type StoreServiceHandle,
  type StoreServiceSpec,
  type TimerOptions,
  type Timers,
  PostgresLogRequiredError,
} from './host.js';
export { PinoNestLogger } from './nest-logger.js';
export {
  defineReaction,
  type Reaction,
  type ReactionCommand,
  reactionActor,
  reactionCommand,
  reactionHandler,
  type ReactionRunOptions,
  runReaction,
} from './reactions.js';
export { scheduledCommandsOf, timerActor, timerSender, type TimerSenderLogger } from './timers.js';
