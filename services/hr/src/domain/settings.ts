/** Per-store HR settings. Defaults are the store documents' where they give a number (docs/domain/hr.md). */
export interface HrSettings {
  readonly timeZone: string;
  /** Onboarding training is due within this many months of the hire date (documents: 1). */
  readonly onboardingWithinMonths: number;
}

export const DEFAULT_HR_SETTINGS: HrSettings = { timeZone: 'Asia/Shanghai', onboardingWithinMonths: 1 };
