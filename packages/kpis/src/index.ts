export * from './dictionary/index.js';
export * from './facts/index.js';
export * from './query/index.js';
export * from './sales/index.js';
export * from './workshop/index.js';
export * from './insurance/index.js';
export * from './parts/index.js';
export * from './hr/index.js';
