export * from './sales-events.js';
export * from './workshop-events.js';
