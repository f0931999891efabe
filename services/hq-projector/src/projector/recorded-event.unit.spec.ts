import { platformRegistry } from '@rooftop/contracts';
import { type RecordedEvent } from '@rooftop/eventsourcing';
import { salesEvents } from '@rooftop/kpis/testing';
import { decodeCloudEvent, encodeCloudEvent, toCloudEvent } from '@rooftop/messaging';
import { describe, expect, it } from 'vitest';
import { recordedEventOf } from './recorded-event.js';

describe('recordedEventOf', () => {
  it('gives the shared projections the same event from GROUP_EVENTS as from the store log', () => {
    const { streamId, event } = salesEvents({ storeId: 's1', groupId: 'g1' }).orderSigned(
      { orderId: 'o1', leadId: 'l1', consultantId: 'emp-1', brand: 'Changan', model: 'CS75', priceFen: 12_000_000, costFen: 11_000_000 },
      '2025-03-01T23:30:00+08:00',
    );
    const recordedAt = new Date('2025-03-01T15:30:01Z');
    const stored: RecordedEvent = { ...event, streamId, streamVersion: 1, globalPosition: 42, recordedAt };
    const fromStream = recordedEventOf(decodeCloudEvent(encodeCloudEvent(toCloudEvent(stored)), platformRegistry), recordedAt);
    const { actor: _storeActor, ...storeMetadata } = stored.metadata;
    const { actor, ...hqMetadata } = fromStream.metadata;
    expect({ ...fromStream, metadata: hqMetadata }).toEqual({ ...stored, metadata: storeMetadata });
    expect(actor).toEqual({ kind: 'system', id: 'hq-projector' });
  });
});
