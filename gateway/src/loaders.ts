import { type KpiGranularity, type KpiPoint, type KpiQueryCache, type Queryable, queryKpis } from '@rooftop/kpis';
import { type KpiDimension } from '@rooftop/kpis';
import DataLoader from 'dataloader';

/** One store's KPIs for one query shape. */
export interface StoreKpiKey {
  readonly storeId: string;
  readonly names: readonly string[];
  readonly from: string;
  readonly to: string;
  readonly granularity: KpiGranularity;
  readonly by: readonly Exclude<KpiDimension, 'store'>[];
}

export interface Loaders {
  readonly storeKpis: DataLoader<StoreKpiKey, KpiPoint[], string>;
}

const shapeOf = (key: StoreKpiKey): string => JSON.stringify([key.names, key.from, key.to, key.granularity, key.by]);

/**
 * Batches every store's KPI request of the same shape into one `queryKpis` broken down by store, then hands
 * each store its own points: the value of a point is the same either way (sums per store, then the ratio).
 */
const batchStoreKpis =
  (db: Queryable, readSchema: string, cache?: KpiQueryCache) =>
  async (keys: readonly StoreKpiKey[]): Promise<(KpiPoint[] | Error)[]> => {
    const shapes = new Map<string, StoreKpiKey[]>();
    for (const key of keys) shapes.set(shapeOf(key), [...(shapes.get(shapeOf(key)) ?? []), key]);
    const results = new Map<string, KpiPoint[] | Error>();
    await Promise.all(
      [...shapes.entries()].map(async ([shape, group]) => {
        const first = group[0]!;
        const storeIds = [...new Set(group.map((k) => k.storeId))];
        try {
          const points = await queryKpis(
            db,
            { names: [...first.names], storeIds, from: first.from, to: first.to, granularity: first.granularity, by: ['store', ...first.by] },
            { readSchema, cache },
          );
          for (const storeId of storeIds)
            results.set(
              `${shape}|${storeId}`,
              points.filter((p) => p.storeId === storeId),
            );
        } catch (error) {
          for (const storeId of storeIds) results.set(`${shape}|${storeId}`, error instanceof Error ? error : new Error(String(error)));
        }
      }),
    );
    return keys.map((key) => results.get(`${shapeOf(key)}|${key.storeId}`)!);
  };

export const createLoaders = (db: Queryable, readSchema: string, cache?: KpiQueryCache): Loaders => ({
  storeKpis: new DataLoader(batchStoreKpis(db, readSchema, cache), { cacheKeyFn: (key) => `${shapeOf(key)}|${key.storeId}` }),
});
