export { storeServiceConfig, type StoreServiceConfig } from './config.js';
export { type HostOptions, runStoreService, type ServiceHost, type StoreServiceHandle, type StoreServiceSpec, type TimerOptions, type Timers, PostgresLogRequiredError } from './host.js';
export { PinoNestLogger } from './nest-logger.js';
