export type SalesTarget =
  { readonly status: 'none' } | { readonly status: 'set'; readonly units: number; readonly revenue?: { readonly amount: number; readonly currency: string } };

export const initialSalesTarget = (): SalesTarget => ({ status: 'none' });
