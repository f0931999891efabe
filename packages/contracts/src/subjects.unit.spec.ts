import { describe, expect, it } from 'vitest';
import { sales } from './index.js';
import {
  GROUP_STREAM_NAME,
  commandSubject,
  commandSubjectTemplate,
  contextCommandsFilter,
  eventSubject,
  eventSubjectTemplate,
  storeEventsFilter,
  storeStreamName,
} from './subjects.js';

describe('subjects', () => {
  it('builds event subjects and filters', () => {
    expect(eventSubject('g1', 'store-01', 'sales', 'LeadCaptured')).toBe('rooftop.g1.store-01.sales.LeadCaptured');
    expect(storeEventsFilter('g1', 'store-01')).toBe('rooftop.g1.store-01.>');
    expect(eventSubjectTemplate('sales', 'VehicleDelivered')).toBe('rooftop.{groupId}.{storeId}.sales.VehicleDelivered');
  });

  it('builds command subjects from the kebab-case command name', () => {
    expect(commandSubject('store-01', 'sales', sales.SignOrder.name)).toBe('rooftop.store-01.sales.cmd.sign-order');
    expect(contextCommandsFilter('store-01', 'sales')).toBe('rooftop.store-01.sales.cmd.*');
    expect(commandSubjectTemplate('sales', sales.RecordShowroomVisit.name)).toBe('rooftop.{storeId}.sales.cmd.record-showroom-visit');
  });

  it('gives every sales command a subject-safe kebab-case name', () => {
    for (const c of sales.salesCommands) {
      expect(c.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(() => commandSubject('s1', 'sales', c.name)).not.toThrow();
    }
    expect(sales.salesCommands.map((c) => c.name)).toContain('mark-lead-lost');
  });

  it('refuses tokens that would change the subject hierarchy', () => {
    for (const bad of ['a.b', 'a b', '*', '>', '']) {
      expect(() => eventSubject(bad, 's', 'sales', 'X')).toThrow(/not a valid NATS subject token/);
      expect(() => commandSubject(bad, 'sales', 'x')).toThrow(/not a valid NATS subject token/);
    }
  });

  it('names JetStream streams per store', () => {
    expect(storeStreamName('g1', 'store-01')).toBe('STORE_EVENTS_G1_STORE_01');
    expect(GROUP_STREAM_NAME).toBe('GROUP_EVENTS');
  });
});
