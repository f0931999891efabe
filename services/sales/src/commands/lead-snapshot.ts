import { type EventStore, fold } from '@rooftop/eventsourcing';
import { leadDecider } from '../domain/lead/lead.decider.js';
import { type LeadEvent } from '../domain/lead/lead.messages.js';
import { type LeadSnapshot } from '../domain/order/order.messages.js';
import { leadStream } from './streams.js';

const decider = leadDecider();

/**
 * What an order command needs to know about its lead, read from the lead stream: whether it exists, in which
 * store it was captured (from the stored metadata), whether it is still open, its customer and channel.
 */
export const loadLeadSnapshot = async (store: EventStore, leadId: string): Promise<LeadSnapshot> => {
  const { events } = await store.readStream(leadStream(leadId));
  const first = events[0];
  if (!first) return { status: 'none' };
  const lead = fold(decider, events as unknown as LeadEvent[]);
  if (lead.status === 'none') return { status: 'none' };
  return { status: lead.status, storeId: first.metadata.storeId, customerId: lead.customerId, channel: lead.channel };
};
