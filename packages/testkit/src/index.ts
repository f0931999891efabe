export * from './database.js';
export * from './decider-spec.js';
export * from './nats-server.js';
export * from './event-store-contract.js';
export * from './ports.js';
export * from './nats-topology.js';
export * from './command-issuer.js';
