/** Nest injection token of the workshop's command handlers (explicit: tsx emits no decorator metadata). */
export const WORKSHOP_HANDLERS = Symbol('WORKSHOP_HANDLERS');
