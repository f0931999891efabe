/** Nest injection token of the insurance command handlers (explicit: tsx emits no decorator metadata). */
export const INSURANCE_HANDLERS = Symbol('INSURANCE_HANDLERS');
