/** Nest injection token of HR's command handlers (explicit: tsx emits no decorator metadata). */
export const HR_HANDLERS = Symbol('HR_HANDLERS');
