export * from './suite.js';
export * from './stats.js';
export * from './args.js';
export * from './table.js';
export * from './report.js';
export * from './machine.js';
export { RunContext } from './context.js';
export { runSuites, type RunOutcome } from './run.js';
export { registry } from './registry.js';
