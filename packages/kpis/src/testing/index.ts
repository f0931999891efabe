export * from './sales-events.js';
export * from './workshop-events.js';
export * from './parts-events.js';
export * from './insurance-events.js';
export * from './hr-events.js';
