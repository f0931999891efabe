/** The parts rules a store configures (docs/services/parts.md). */
export interface PartsSettings {
  /**
   * Largest accessory discount a seller may grant alone, in basis points of the sale amount (1000 = 10 %);
   * above it the sale must be sent by an approving manager (docs/domain/parts.md: "一定的销售权限").
   */
  readonly accessoryDiscountAuthorityBps: number;
  /** Store ids of the group this store may transfer parts to (its sister stores). */
  readonly groupStores: readonly string[];
}

export const DEFAULT_PARTS_SETTINGS: PartsSettings = { accessoryDiscountAuthorityBps: 1000, groupStores: [] };
