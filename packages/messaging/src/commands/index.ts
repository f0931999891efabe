export * from './envelope.js';
export * from './assertion.js';
export * from './command-gate.js';
export * from './command-pattern.js';
export * from './command-transport.js';
export * from './bootstrap.js';
export * from './send-command.js';
