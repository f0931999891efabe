export * from './commands/index.js';
export * from './cloudevents/index.js';
export * from './jetstream/index.js';
export * from './topology/index.js';
