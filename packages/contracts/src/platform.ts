import { createRegistry, type ContextContracts } from './registry.js';
import { salesContracts } from './sales/index.js';
import { workshopContracts } from './workshop/index.js';
import { hrContracts } from './hr/index.js';
import { insuranceContracts } from './insurance/index.js';
import { partsContracts } from './parts/index.js';

/** Every context of the platform; adding a context is one line here. */
export const platformContexts: readonly ContextContracts[] = [salesContracts, workshopContracts, hrContracts, insuranceContracts, partsContracts];

/** The registry services, the relay and the gateway look contracts up in. */
export const platformRegistry = createRegistry(platformContexts);
