export * from './envelope.js';
export * from './decode.js';
export * from './mask.js';
