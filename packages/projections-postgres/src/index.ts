export * from './context.js';
export * from './errors.js';
export { type Checkpoint, type CheckpointStatus, migrateProjections } from './checkpoints.js';
export { ProjectionMetrics } from './metrics.js';
export { generationSchema } from './names.js';
export { ProjectionRunner, type ProjectionRunnerOptions, type ProjectionStatus } from './runner.js';
export { type KeyedRows, keyedRows, rowKey } from './keyed-rows.js';
