import type pg from 'pg';
import { readStoreDirectory, UnknownStoreError } from '../directory/store-directory.js';

/**
 * Each store's time zone from the store directory, for the projections' business dates. Reloaded when an
 * event names a store it does not know yet (a store added while the projector runs).
 */
export class StoreZones {
  private zones = new Map<string, string>();

  constructor(private readonly schema: string) {}

  readonly zoneOf = (storeId: string): string => {
    const zone = this.zones.get(storeId);
    if (zone === undefined) throw new UnknownStoreError([storeId]);
    return zone;
  };

  async ensure(db: Pick<pg.PoolClient, 'query'>, storeIds: Iterable<string>): Promise<void> {
    const wanted = [...new Set(storeIds)];
    if (wanted.every((id) => this.zones.has(id))) return;
    this.zones = new Map((await readStoreDirectory(db, this.schema)).map((s) => [s.storeId, s.timeZone]));
    const unknown = wanted.filter((id) => !this.zones.has(id));
    if (unknown.length > 0) throw new UnknownStoreError(unknown);
  }
}
