/**
 * Per-store sales settings. The store documents give no numbers for these (docs/domain/README.md: "where they give
 * none, the rule is a per-store setting"), except the ownership lapse ("一周以上", more than a week). Each store
 * process reads them from its own configuration and hands them to the deciders when it builds its handlers.
 */
export interface SalesSettings {
  /** Largest discount off list price (fen) a consultant may give without a manager's approval. */
  readonly consultantDiscountAuthority: number;
  /** A return visit more than this many days after the owner last looked after the customer moves ownership. */
  readonly ownershipLapseDays: number;
  /** A vehicle is handed over only once the order is settled (paid in full). */
  readonly requireSettlementBeforeDelivery: boolean;
  /** IANA time zone of the store's business dates. */
  readonly timeZone: string;
}

export const DEFAULT_SALES_SETTINGS: SalesSettings = {
  consultantDiscountAuthority: 300_000,
  ownershipLapseDays: 7,
  requireSettlementBeforeDelivery: true,
  timeZone: 'Asia/Shanghai',
};
