export { startInsuranceService, type StartOptions, type InsuranceServiceHandle, INSURANCE_SCHEDULER_SCHEMA } from './service.js';
export { loadInsuranceConfig, insuranceConfig, type InsuranceConfig, insuranceSettingsOf } from './config.js';
export { DEFAULT_INSURANCE_SETTINGS, type InsuranceSettings } from './domain/settings.js';
export { insuranceHandlers, type InsuranceHandlers } from './commands/handlers.js';
export { deliveryPolicyId } from './reactions/vehicle-delivered.js';
