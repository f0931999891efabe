/** The map of sales command handlers, injected into the controllers (explicit token: no decorator metadata needed). */
export const SALES_HANDLERS = Symbol('SALES_HANDLERS');
