export * from './config.js';
export * from './directory/store-directory.js';
export * from './directory/group-targets.js';
export { type BatchOutcome } from './projector/apply-batch.js';
export { type GroupConsumer } from './projector/group-consumer.js';
export { migrateHqSchema, ProjectionVersionError, readCheckpoint } from './projector/hq-schema.js';
export { hqKpiProjections } from './projector/projections.js';
export { provisionGroupStream } from './topology.js';
export { GroupStreamMissingError, type HqProjectorHandle, startHqProjector, type StartHqOptions } from './service.js';
