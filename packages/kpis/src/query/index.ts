export { type KpiQuery, MAX_QUERY_DAYS, kpiQuerySchema, periodEnd } from './params.js';
export { type KpiPoint, type QueryKpisOptions, queryKpis } from './query-kpis.js';
export { type Queryable } from './sql.js';
export { KpiQueryCache, type KpiQueryCacheOptions } from './cache.js';
export {
  STORE_TARGET_LOADS_TABLE,
  STORE_TARGETS_TABLE,
  type StoreTargetRow,
  replaceStoreTargets,
  storeTargetsDdl,
  storeTargetsGeneration,
} from './store-targets.js';
