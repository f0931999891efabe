import { sales } from '@rooftop/contracts';
import { type Actor } from '@rooftop/eventsourcing';

/** Roles that may rule on ownership or approve above a consultant's authority. */
const MANAGER_ROLES: readonly string[] = [sales.salesRoles.salesManager, sales.salesRoles.generalManager, sales.salesRoles.admin];

export const isManager = (actor: Actor): boolean => (actor.roles ?? []).some((role) => MANAGER_ROLES.includes(role));
