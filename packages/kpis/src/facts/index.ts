export * from './business-date.js';
export { FactDeltas, type FactRowDelta, entityKey, factColumns, factTableDdl, saveFactDeltas } from './fact-table.js';
export { type HelperTable, helperTable } from './helper-table.js';
