export { startWorkshopService, type StartOptions, type WorkshopServiceHandle, WORKSHOP_SCHEDULER_SCHEMA } from './service.js';
export { loadWorkshopConfig, workshopConfig, type WorkshopConfig, workshopSettingsOf } from './config.js';
export { DEFAULT_WORKSHOP_SETTINGS, type WorkshopSettings } from './domain/settings.js';
export { workshopHandlers, type WorkshopHandlers } from './commands/handlers.js';
