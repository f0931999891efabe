export { EventStoreDbEventStore, type EventStoreDbEventStoreOptions } from './eventstoredb-event-store.js';
export { connectEventStoreDb } from './connect.js';
export { EventStoreDbError, ForeignRecordError, PositionCollisionError, PositionOutOfRangeError } from './errors.js';
export { copiedStore, NATIVE_STORE, rooftopPosition, startOf, type StorePositions } from './positions.js';
export { mapAppendError, streamStateOf, versionOfRevision, revisionOfVersion } from './revisions.js';
export { readStorePositions, writeStorePositions, SETTINGS_STREAM } from './store-settings.js';
