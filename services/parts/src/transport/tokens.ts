/** Nest injection token of the parts command handlers (explicit: tsx emits no decorator metadata). */
export const PARTS_HANDLERS = Symbol('PARTS_HANDLERS');
