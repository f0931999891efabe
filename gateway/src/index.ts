export { createGateway, type Gateway, type GatewayOptions } from './yoga.js';
export { startGateway, deploymentOf, type RunningGateway } from './start.js';
export { gatewayConfig, loadGatewayConfig, type GatewayConfig } from './config.js';
export { createTokenVerifier, GATEWAY_ROLES, type GatewayRole, type Principal } from './auth/principal.js';
export { type Deployment } from './auth/scope.js';
export { type CommandSender, type GatewayDeps } from './context.js';
export { schema, commandMutations } from './schema/index.js';
