export { startPartsService, type StartOptions, type PartsServiceHandle } from './service.js';
export { loadPartsConfig, partsConfig, type PartsConfig, partsSettingsOf } from './config.js';
export { DEFAULT_PARTS_SETTINGS, type PartsSettings } from './domain/settings.js';
export { partsHandlers, type PartsHandlers } from './commands/handlers.js';
