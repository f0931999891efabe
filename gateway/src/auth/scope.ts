import { type GraphQLError } from '../graphql.js';
import { forbidden, gatewayError, unauthenticated } from '../errors.js';
import { type GatewayRole, type Principal } from './principal.js';

/** What this gateway instance serves: one store, or the whole group at HQ. */
export type Deployment =
  | { readonly kind: 'store'; readonly groupId: string; readonly storeId: string }
  | { readonly kind: 'group'; readonly groupId: string; readonly storeIds: readonly string[] };

/** The verified caller, or why there is none (no header, a bad token; `reason` codes a rule such as RESERVED_ROLE). */
export type AuthState = { readonly principal: Principal } | { readonly principal?: undefined; readonly problem: string; readonly reason?: string };

/** Who may read what: each domain's staff, HQ analysts and admins. */
export const READ_ROLES = {
  any: ['consultant', 'sales_manager', 'service_advisor', 'workshop_manager', 'hq_analyst', 'admin'],
  sales: ['consultant', 'sales_manager', 'hq_analyst', 'admin'],
  salesManagement: ['sales_manager', 'hq_analyst', 'admin'],
  workshop: ['service_advisor', 'workshop_manager', 'hq_analyst', 'admin'],
  other: ['hq_analyst', 'admin'],
} as const satisfies Record<string, readonly GatewayRole[]>;

/** Roles that never send commands even when a contract lists them. */
export const READ_ONLY_ROLES: readonly string[] = ['hq_analyst'];

export const requirePrincipal = (auth: AuthState): Principal => {
  if (auth.principal === undefined) throw unauthenticated(auth.problem, auth.reason);
  return auth.principal;
};

const checkGroup = (deployment: Deployment, principal: Principal): void => {
  if (principal.groupId !== deployment.groupId) {
    throw forbidden('WRONG_GROUP', `this gateway serves group ${deployment.groupId}`);
  }
};

/** Every store the caller may read in this deployment (never empty: no store at all is a refusal). */
export const storesOf = (deployment: Deployment, principal: Principal): string[] => {
  checkGroup(deployment, principal);
  const served = deployment.kind === 'store' ? [deployment.storeId] : [...deployment.storeIds];
  const stores = principal.storeIds === '*' ? served : served.filter((s) => principal.storeIds.includes(s));
  if (stores.length === 0) throw forbidden('WRONG_STORE', 'the token grants no store this gateway serves');
  return stores;
};

const outOfScope = (requested: readonly string[], allowed: readonly string[]): GraphQLError | undefined => {
  const refused = requested.filter((s) => !allowed.includes(s));
  return refused.length === 0 ? undefined : forbidden('WRONG_STORE', `store ${refused.join(', ')} is outside your scope`, { storeIds: refused });
};

export interface ReadRequest {
  readonly roles: readonly GatewayRole[];
  /** Stores the query names; omitted = every store the caller may read. */
  readonly storeIds?: readonly string[] | null;
}

/** Authorizes a read and returns the stores it covers. */
export const authorizeRead = (auth: AuthState, deployment: Deployment, request: ReadRequest): string[] => {
  const principal = requirePrincipal(auth);
  checkGroup(deployment, principal);
  if (!principal.roles.some((r) => (request.roles as readonly string[]).includes(r))) {
    throw forbidden('MISSING_ROLE', `this needs one of the roles ${request.roles.join(', ')}`, { required: request.roles });
  }
  const allowed = storesOf(deployment, principal);
  if (request.storeIds === undefined || request.storeIds === null) return allowed;
  const refusal = outOfScope(request.storeIds, allowed);
  if (refusal) throw refusal;
  return [...new Set(request.storeIds)];
};

export interface CommandGrant {
  readonly storeId: string;
  /** The caller's roles that may be sent on as the command's actor roles. */
  readonly roles: string[];
}

/**
 * Authorizes a command: the caller's group and store, and one of the contract's roles (read-only roles
 * such as hq_analyst are dropped first). A store gateway defaults the store to its own.
 */
export const authorizeCommand = (
  auth: AuthState,
  deployment: Deployment,
  command: { readonly type: string; readonly roles: readonly string[] },
  storeId: string | null | undefined,
): CommandGrant => {
  const principal = requirePrincipal(auth);
  checkGroup(deployment, principal);
  const roles = principal.roles.filter((r) => !READ_ONLY_ROLES.includes(r));
  if (!roles.some((r) => command.roles.includes(r))) {
    throw forbidden('MISSING_ROLE', `${command.type} needs one of the roles ${command.roles.join(', ')}`, { required: command.roles });
  }
  const allowed = storesOf(deployment, principal);
  const target = storeId ?? (deployment.kind === 'store' ? deployment.storeId : undefined);
  if (target === undefined) throw gatewayError('VALIDATION_FAILED', 'a group gateway needs the storeId a command is for', { reason: 'STORE_REQUIRED' });
  const refusal = outOfScope([target], allowed);
  if (refusal) throw refusal;
  return { storeId: target, roles };
};
