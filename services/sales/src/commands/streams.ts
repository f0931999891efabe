import { sales } from '@rooftop/contracts';
import { streamName } from '@rooftop/eventsourcing';

// Stream ids `sales-<aggregate>-<id>` (docs/architecture.md §2), derived in one place.

export const leadStream = (leadId: string): string => streamName(sales.SALES_CONTEXT, 'lead', leadId);
export const orderStream = (orderId: string): string => streamName(sales.SALES_CONTEXT, 'order', orderId);
export const targetStream = (key: string): string => streamName(sales.SALES_CONTEXT, 'target', key);
