export * from './dictionary/index.js';
export * from './query/index.js';
export * from './sales/index.js';
