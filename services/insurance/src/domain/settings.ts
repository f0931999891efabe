/** Per-store insurance settings (docs/domain/README.md: a number the documents do not give is a setting with a default). */
export interface InsuranceSettings {
  /** IANA time zone of the store: business dates and the hour timers fire at. */
  readonly timeZone: string;
  /** A policy enters the renewal pipeline this many days before its cover ends (platform default 60; docs/domain/insurance.md). */
  readonly renewalLeadDays: number;
  /** Local hour at which a renewal opportunity opens. */
  readonly openAtHour: number;
}

export const DEFAULT_INSURANCE_SETTINGS: InsuranceSettings = { timeZone: 'Asia/Shanghai', renewalLeadDays: 60, openAtHour: 9 };
