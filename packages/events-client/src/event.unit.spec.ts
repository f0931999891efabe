import { createRegistry, defineContext, defineEvent, platformRegistry } from '@rooftop/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeIntegratorEvent, EventDecodeError } from './event.js';

const encoder = new TextEncoder();

const lead = (overrides: Record<string, unknown> = {}, data: Record<string, unknown> = {}) => ({
  specversion: '1.0',
  id: '0190c8c4-0000-7000-8000-000000000001',
  source: '/rooftop/g1/sh-001',
  type: 'rooftop.sales.LeadCaptured.v1',
  subject: 'sales-lead-l1',
  time: '2026-03-01T16:30:00Z',
  datacontenttype: 'application/json',
  data: { leadId: 'l1', customerId: 'cust-l1', customerName: '***', customerPhone: '***', channel: 'walk_in', brand: 'VW', ...data },
  groupid: 'g1',
  storeid: 'sh-001',
  streamid: 'sales-lead-l1',
  streamversion: 1,
  position: 9_007_199_254_740_000,
  previousposition: 0,
  schemaversion: 1,
  correlationid: 'c1',
  storetimezone: 'Asia/Shanghai',
  businessdate: '2026-03-02',
  maskedfields: 'customerName,customerPhone',
  ...overrides,
});

const decode = (event: unknown, registry = platformRegistry) => decodeIntegratorEvent(encoder.encode(JSON.stringify(event)), 42, registry);

describe('decodeIntegratorEvent', () => {
  it('reads a masked event: masked fields are not held to their schema, and are named', () => {
    const e = decode(lead());
    expect(e).toMatchObject({
      type: 'sales.LeadCaptured',
      storeId: 'sh-001',
      storeTimeZone: 'Asia/Shanghai',
      businessDate: '2026-03-02',
      sequence: 42,
      maskedFields: ['customerName', 'customerPhone'],
    });
    expect(e.position).toBe(9_007_199_254_740_000);
    expect(e.data).toMatchObject({ customerPhone: '***', brand: 'VW' });
  });

  it('still checks every field that is not masked', () => {
    expect(() => decode(lead({}, { channel: 'carrier_pigeon' }))).toThrow(EventDecodeError);
    expect(() => decode(lead({ maskedfields: undefined }))).toThrow(/customerPhone/);
  });

  it('refuses a broken envelope, an unknown type and a version newer than this client', () => {
    expect(() => decodeIntegratorEvent(encoder.encode('not json'), 1, platformRegistry)).toThrow(EventDecodeError);
    expect(() => decode(lead({ storetimezone: undefined }))).toThrow(/storetimezone/);
    expect(() => decode(lead({ position: 2 ** 53 }))).toThrow(/position/);
    expect(() => decode(lead({ type: 'rooftop.sales.NoSuchThing.v1' }))).toThrow(/unknown event type/);
    expect(() => decode(lead({ type: 'rooftop.sales.LeadCaptured.v2', schemaversion: 2 }))).toThrow(/upgrade/);
  });

  it('upcasts an event written with an older schema version, masked fields kept', () => {
    const v1 = z.object({ name: z.string().min(5), phone: z.string().regex(/^1\d{10}$/) });
    const contact = defineEvent({
      context: 'crm',
      type: 'ContactAdded',
      schemaVersion: 2,
      schema: z.object({ fullName: z.string(), phone: z.string().regex(/^1\d{10}$/), vip: z.boolean() }),
      description: 'test',
      history: [
        { schemaVersion: 1, schema: v1, upcast: (d) => ({ fullName: (d as { name: string }).name, phone: (d as { phone: string }).phone, vip: false }) },
      ],
      personalData: ['phone'],
    });
    const registry = createRegistry([defineContext({ context: 'crm', description: 'test', events: [contact], commands: [] })]);
    const e = decode(lead({ type: 'rooftop.crm.ContactAdded.v1', data: { name: 'Zhang San', phone: '***' }, maskedfields: 'phone' }), registry);
    expect(e.writtenSchemaVersion).toBe(1);
    expect(e.data).toEqual({ fullName: 'Zhang San', phone: '***', vip: false });
  });
});
