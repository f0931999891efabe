export { startHrService, type StartOptions, type HrServiceHandle, HR_SCHEDULER_SCHEMA } from './service.js';
export { commissionSettingsOf, hrConfig, type HrConfig, hrSettingsOf, loadHrConfig } from './config.js';
export { DEFAULT_HR_SETTINGS, type HrSettings } from './domain/settings.js';
export { hrHandlers, type HrHandlers } from './commands/handlers.js';
export { commissionStatement, commissionStatements } from './domain/commission/calculate.js';
export { COMMISSION_SCHEMES, SCHEME_2013, type CommissionScheme } from './domain/commission/scheme.js';
export { type CommissionLine, type CommissionStatement } from './domain/commission/statement.js';
