export * from './define.js';
export * from './messages.js';
export * from './registry.js';
export * from './subjects.js';
export * from './common.js';
// Contexts are namespaces (`sales.LeadCaptured`) so value schemas with the same name in two contexts never clash;
// each is also importable as `@rooftop/contracts/<context>`.
export * as sales from './sales/index.js';
export { salesContracts } from './sales/index.js';
export * as workshop from './workshop/index.js';
export { workshopContracts } from './workshop/index.js';
export * as hr from './hr/index.js';
export { hrContracts } from './hr/index.js';
export * as insurance from './insurance/index.js';
export { insuranceContracts } from './insurance/index.js';
export * as parts from './parts/index.js';
export { partsContracts } from './parts/index.js';
export * from './platform.js';
