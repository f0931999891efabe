import { type ContractRegistry } from '@rooftop/contracts';
import { type CloudEvent, parseCloudEventType } from './envelope.js';

export const PERSONAL_DATA_MASK = '***';

export interface MaskOptions {
  /** `true` grants every personal-data field; a list grants only those fields; default none. */
  readonly granted?: boolean | readonly string[];
}

/**
 * What an integrator without the grant receives: the contract's personal-data fields (phone, ID numbers)
 * replaced by a mask, and `maskedfields` naming them so the consumer knows the data is not the original.
 * Events of unknown types are returned with all of their data masked rather than leaked.
 */
export const maskPersonalData = (event: CloudEvent, registry: ContractRegistry, options: MaskOptions = {}): CloudEvent => {
  if (options.granted === true) return event;
  const granted = new Set(Array.isArray(options.granted) ? options.granted : []);
  const parsed = parseCloudEventType(event.type);
  const contract = parsed ? registry.event(parsed.eventType) : undefined;
  if (!contract) return { ...event, data: PERSONAL_DATA_MASK, maskedfields: '*' };
  const data = event.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return event;
  const masked = contract.personalData.filter((field) => !granted.has(field) && Object.hasOwn(data, field));
  if (masked.length === 0) return event;
  const copy: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  for (const field of masked) copy[field] = PERSONAL_DATA_MASK;
  return { ...event, data: copy, maskedfields: masked.join(',') };
};
