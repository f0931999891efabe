import { claimReported } from './claim-reported.js';
import { vehicleDelivered } from './vehicle-delivered.js';

/** The workshop's reactions to other contexts' events (run by the service host). */
export const workshopReactions = [vehicleDelivered, claimReported] as const;
