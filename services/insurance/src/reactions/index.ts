import { claimRepairInvoiced } from './claim-repair-invoiced.js';
import { vehicleDelivered } from './vehicle-delivered.js';

/** Insurance's reactions to other contexts' events (run by the service host). */
export const insuranceReactions = [vehicleDelivered, claimRepairInvoiced] as const;
