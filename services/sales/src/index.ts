export { startSalesService, type SalesServiceHandle, type StartOptions } from './service.js';
export { loadSalesConfig, salesConfig, salesSettingsOf, type SalesConfig } from './config.js';
export { salesCommandHandlers, type SalesCommandHandlers, type SalesHandlerDeps, leadStream, orderStream, targetStream } from './commands/index.js';
export { DEFAULT_SALES_SETTINGS, type SalesSettings } from './domain/settings.js';
export { leadDecider } from './domain/lead/lead.decider.js';
export { orderDecider } from './domain/order/order.decider.js';
export { salesTargetDecider } from './domain/target/target.decider.js';
