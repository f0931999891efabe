import { COMMISSION_SCHEMES, type CommissionScheme, SCHEME_2013, type SalesRole, type VehicleClass } from './scheme.js';

/** Which scheme a store pays by and how its own models and positions map onto the scheme's tables. */
export interface CommissionSettings {
  readonly schemeId: string;
  /** Model → vehicle class of the scheme's tables; other models are `defaultClass`. */
  readonly modelClasses: Readonly<Record<string, VehicleClass>>;
  readonly defaultClass: VehicleClass;
  /** Positions (staffing plan ids) whose holders get a statement, and the table each is paid by. */
  readonly positions: Readonly<Record<string, SalesRole>>;
}

export const DEFAULT_COMMISSION_SETTINGS: CommissionSettings = {
  schemeId: SCHEME_2013.id,
  modelClasses: {},
  defaultClass: 'sedan',
  positions: { 'sales-consultant': 'consultant', 'sales-assistant': 'assistant' },
};

export const schemeOf = (settings: CommissionSettings): CommissionScheme => {
  const scheme = COMMISSION_SCHEMES.get(settings.schemeId);
  if (!scheme) throw new Error(`unknown commission scheme ${settings.schemeId}`);
  return scheme;
};
