import { createRegistry, defineContext, defineEvent } from '@rooftop/contracts';
import { type RecordedEvent, ValidationError } from '@rooftop/eventsourcing';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeCloudEvent } from './decode.js';
import { cloudEventSchema, encodeCloudEvent, toCloudEvent } from './envelope.js';
import { maskPersonalData, PERSONAL_DATA_MASK } from './mask.js';

// v1 carried a single `name`; v2 split it, so a v1 envelope must come out upcast.
const leadCaptured = defineEvent({
  context: 'sales',
  type: 'LeadCaptured',
  schemaVersion: 2,
  schema: z.object({ leadId: z.string(), firstName: z.string(), lastName: z.string(), phone: z.string() }),
  description: 'A lead was captured',
  personalData: ['phone'],
  history: [
    {
      schemaVersion: 1,
      schema: z.object({ leadId: z.string(), name: z.string(), phone: z.string() }),
      upcast: (data) => {
        const { leadId, name, phone } = data as { leadId: string; name: string; phone: string };
        const [firstName = '', lastName = ''] = name.split(' ');
        return { leadId, firstName, lastName, phone };
      },
    },
  ],
});
const registry = createRegistry([defineContext({ context: 'sales', description: 'Sales', events: [leadCaptured], commands: [] })]);

const recorded = (overrides: Partial<RecordedEvent> = {}): RecordedEvent => ({
  eventId: '0190a8e2-5c3b-7d2e-8f00-0123456789ab',
  type: 'LeadCaptured',
  schemaVersion: 2,
  data: { leadId: 'L1', firstName: 'Wei', lastName: 'Zhang', phone: '13800000000' },
  metadata: {
    storeId: 'bj01',
    groupId: 'g1',
    commandId: 'c-1',
    correlationId: 'corr-1',
    causationId: 'cause-1',
    actor: { kind: 'user', id: 'u1' },
    occurredAt: '2025-03-01T10:00:00+08:00',
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  },
  streamId: 'sales-lead-L1',
  streamVersion: 3,
  globalPosition: 42,
  recordedAt: new Date('2025-03-01T02:00:00Z'),
  ...overrides,
});

const issuesOf = (fn: () => unknown): ValidationError => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
};

describe('toCloudEvent', () => {
  it('maps a stored event onto the CloudEvents 1.0 attributes and Rooftop extensions', () => {
    const ce = toCloudEvent(recorded());
    expect(ce).toEqual({
      specversion: '1.0',
      id: '0190a8e2-5c3b-7d2e-8f00-0123456789ab',
      source: '/rooftop/g1/bj01',
      type: 'rooftop.sales.LeadCaptured.v2',
      subject: 'sales-lead-L1',
      time: '2025-03-01T10:00:00+08:00',
      datacontenttype: 'application/json',
      data: { leadId: 'L1', firstName: 'Wei', lastName: 'Zhang', phone: '13800000000' },
      groupid: 'g1',
      storeid: 'bj01',
      streamid: 'sales-lead-L1',
      streamversion: 3,
      position: 42,
      schemaversion: 2,
      correlationid: 'corr-1',
      causationid: 'cause-1',
      commandid: 'c-1',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });
    expect(cloudEventSchema.safeParse(ce).success).toBe(true);
    for (const key of Object.keys(ce)) expect(key).toMatch(/^[a-z0-9]+$/);
  });

  it('leaves optional extensions out when the metadata has none', () => {
    const base = recorded();
    const { causationId: _c, commandId: _m, traceparent: _t, ...metadata } = base.metadata;
    const ce = toCloudEvent({ ...base, metadata });
    expect(Object.keys(ce)).not.toContain('causationid');
    expect(Object.keys(ce)).not.toContain('traceparent');
    expect(Object.keys(ce)).not.toContain('commandid');
  });
});

describe('decodeCloudEvent', () => {
  it('round-trips an event of the current schema version', () => {
    const decoded = decodeCloudEvent(encodeCloudEvent(toCloudEvent(recorded())), registry);
    expect(decoded).toMatchObject({
      eventId: '0190a8e2-5c3b-7d2e-8f00-0123456789ab',
      context: 'sales',
      type: 'LeadCaptured',
      schemaVersion: 2,
      writtenSchemaVersion: 2,
      streamId: 'sales-lead-L1',
      streamVersion: 3,
      position: 42,
      correlationId: 'corr-1',
      causationId: 'cause-1',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      data: { leadId: 'L1', firstName: 'Wei', lastName: 'Zhang', phone: '13800000000' },
    });
    expect(decoded.contract).toBe(leadCaptured);
  });

  it('upcasts an event written with an older schema version', () => {
    const old = toCloudEvent(recorded({ schemaVersion: 1, data: { leadId: 'L1', name: 'Wei Zhang', phone: '138' } }));
    expect(old.type).toBe('rooftop.sales.LeadCaptured.v1');
    const decoded = decodeCloudEvent(JSON.stringify(old), registry);
    expect(decoded.writtenSchemaVersion).toBe(1);
    expect(decoded.schemaVersion).toBe(2);
    expect(decoded.data).toEqual({ leadId: 'L1', firstName: 'Wei', lastName: 'Zhang', phone: '138' });
  });

  it('rejects garbage bytes, non-JSON and non-UTF-8 with a ValidationError', () => {
    for (const bytes of [new Uint8Array([0xff, 0xfe, 0x00, 0x81]), 'not json', '42', 'null', '[]', '{}']) {
      expect(issuesOf(() => decodeCloudEvent(bytes, registry)).code).toBe('VALIDATION_FAILED');
    }
  });

  it('names every bad envelope attribute', () => {
    const bad = { ...toCloudEvent(recorded()), specversion: '0.3', position: -1, time: 'yesterday' };
    const paths = issuesOf(() => decodeCloudEvent(JSON.stringify(bad), registry)).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['specversion', 'position', 'time']));
  });

  it('rejects an unknown event type and a type/schemaversion mismatch', () => {
    const unknown = { ...toCloudEvent(recorded()), type: 'rooftop.sales.LeadVanished.v1', schemaversion: 1 };
    expect(issuesOf(() => decodeCloudEvent(JSON.stringify(unknown), registry)).issues[0]?.path).toBe('type');
    const wrongContext = { ...toCloudEvent(recorded()), type: 'rooftop.workshop.LeadCaptured.v2' };
    expect(issuesOf(() => decodeCloudEvent(JSON.stringify(wrongContext), registry)).issues[0]?.path).toBe('type');
    const mismatch = { ...toCloudEvent(recorded()), schemaversion: 1 };
    expect(issuesOf(() => decodeCloudEvent(JSON.stringify(mismatch), registry)).issues[0]?.path).toBe('schemaversion');
  });

  it('rejects data that does not match its contract schema', () => {
    const ce = toCloudEvent(recorded({ data: { leadId: 'L1', firstName: 7 } }));
    const error = issuesOf(() => decodeCloudEvent(JSON.stringify(ce), registry));
    expect(error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['firstName', 'lastName', 'phone']));
  });

  it('rejects an unknown future schema version', () => {
    const ce = { ...toCloudEvent(recorded()), type: 'rooftop.sales.LeadCaptured.v9', schemaversion: 9 };
    expect(issuesOf(() => decodeCloudEvent(JSON.stringify(ce), registry)).issues[0]?.path).toBe('schemaVersion');
  });
});

describe('maskPersonalData', () => {
  const ce = toCloudEvent(recorded());

  it('masks the contract personal-data fields unless granted', () => {
    const masked = maskPersonalData(ce, registry);
    expect(masked.data).toEqual({ leadId: 'L1', firstName: 'Wei', lastName: 'Zhang', phone: PERSONAL_DATA_MASK });
    expect(masked.maskedfields).toBe('phone');
    expect(ce.data).toMatchObject({ phone: '13800000000' });
    expect(maskPersonalData(ce, registry, { granted: true })).toBe(ce);
    expect(maskPersonalData(ce, registry, { granted: ['phone'] }).data).toMatchObject({ phone: '13800000000' });
  });

  it('masks all data of a type it does not know, and a masked event does not pass as validated', () => {
    const unknown = { ...ce, type: 'rooftop.hr.SalaryPaid.v1' };
    expect(maskPersonalData(unknown, registry)).toMatchObject({ data: PERSONAL_DATA_MASK, maskedfields: '*' });
    expect(issuesOf(() => decodeCloudEvent(JSON.stringify(maskPersonalData(ce, registry)), registry)).issues[0]?.path).toBe('maskedfields');
  });
});
