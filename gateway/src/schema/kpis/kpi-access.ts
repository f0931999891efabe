import { findKpi, type KpiDomain } from '@rooftop/kpis';
import { type AuthState, type Deployment, READ_ROLES, authorizeRead } from '../../auth/scope.js';

const rolesOf = (domain: KpiDomain | undefined) =>
  domain === 'sales'
    ? READ_ROLES.sales
    : domain === 'workshop' || domain === 'insurance'
      ? READ_ROLES.workshop
      : domain === undefined
        ? READ_ROLES.any
        : READ_ROLES.other;

/**
 * Authorizes a KPI read: the caller needs a reading role for the domain of every KPI asked for, and every
 * store asked for must be in scope. Unknown names pass here and fail the query's own validation.
 */
export const authorizeKpiRead = (auth: AuthState, deployment: Deployment, names: readonly string[], storeIds?: readonly string[] | null): string[] => {
  const domains = new Set(names.map((n) => findKpi(n)?.domain));
  if (domains.size === 0) domains.add(undefined);
  let stores: string[] = [];
  for (const domain of domains) stores = authorizeRead(auth, deployment, { roles: rolesOf(domain), storeIds: storeIds ?? null });
  return stores;
};
