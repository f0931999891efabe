export * from './checkpoint.js';
export * from './event.js';
export * from './client.js';
export * from './replay.js';
export * from './generated/events.js';
export * from './webhook-signature.js';
