import { RooftopError, ValidationError } from '@rooftop/eventsourcing';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ContractDefinitionError, defineCommand, defineEvent, kebabCase, parseWith, upcastEvent } from './define.js';

// A test-only contract with two published older versions:
// v1 { name, price: yuan (number) } → v2 { fullName, price: { amount: fen } } → v3 adds { currency } to price.
const v1 = z.object({ name: z.string(), price: z.number().min(0) });
const v2 = z.object({ fullName: z.string(), price: z.object({ amount: z.int().min(0) }) });
const v3 = z.object({ fullName: z.string(), price: z.object({ amount: z.int().min(0), currency: z.literal('CNY') }) });

const PriceListed = defineEvent({
  context: 'test',
  type: 'PriceListed',
  description: 'test-only event with history',
  schemaVersion: 3,
  schema: v3,
  history: [
    {
      schemaVersion: 1,
      schema: v1,
      upcast: (data) => {
        const d = data as z.infer<typeof v1>;
        return { fullName: d.name, price: { amount: Math.round(d.price * 100) } };
      },
    },
    {
      schemaVersion: 2,
      schema: v2,
      upcast: (data) => {
        const d = data as z.infer<typeof v2>;
        return { fullName: d.fullName, price: { ...d.price, currency: 'CNY' } };
      },
    },
  ],
});

describe('upcastEvent', () => {
  it('lifts v1 data through v2 to v3', () => {
    expect(upcastEvent(PriceListed, 1, { name: 'CS75', price: 129900.5 })).toEqual({
      fullName: 'CS75',
      price: { amount: 12990050, currency: 'CNY' },
    });
  });

  it('lifts v2 data to v3 and passes v3 data through', () => {
    expect(upcastEvent(PriceListed, 2, { fullName: 'UNI-K', price: { amount: 100 } })).toEqual({
      fullName: 'UNI-K',
      price: { amount: 100, currency: 'CNY' },
    });
    const current = { fullName: 'X', price: { amount: 1, currency: 'CNY' } };
    expect(upcastEvent(PriceListed, 3, current)).toEqual(current);
  });

  it('validates old data against its own version and names that version', () => {
    expect(() => upcastEvent(PriceListed, 1, { fullName: 'v2 shape under v1' })).toThrow(ValidationError);
    expect(() => upcastEvent(PriceListed, 1, { name: 'x', price: -1 })).toThrow(/PriceListed v1/);
  });

  it('rejects unknown schema versions with a typed error', () => {
    for (const version of [0, 4, -1]) {
      try {
        upcastEvent(PriceListed, version, {});
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).issues[0]!.path).toBe('schemaVersion');
      }
    }
  });

  it('rejects an upcaster that produces invalid current data', () => {
    const Broken = defineEvent({
      context: 'test',
      type: 'Broken',
      description: 'upcaster forgets a field',
      schemaVersion: 2,
      schema: v3,
      history: [{ schemaVersion: 1, schema: v2, upcast: (data) => data }],
    });
    expect(() => upcastEvent(Broken, 1, { fullName: 'x', price: { amount: 1 } })).toThrow(/Broken v2/);
  });
});

describe('defineEvent', () => {
  it('defaults to version 1 without history or personal data', () => {
    const e = defineEvent({ context: 'test', type: 'Simple', description: 'd', schema: v1 });
    expect(e).toMatchObject({ kind: 'event', schemaVersion: 1, history: [], personalData: [] });
  });

  it('refuses a history that does not list every older version in order', () => {
    const base = { context: 'test', type: 'Gappy', description: 'd', schema: v3 };
    expect(() => defineEvent({ ...base, schemaVersion: 3, history: [{ schemaVersion: 1, schema: v1, upcast: (d) => d }] })).toThrow(ContractDefinitionError);
    const wrongOrder = [
      { schemaVersion: 2, schema: v2, upcast: (d: unknown) => d },
      { schemaVersion: 1, schema: v1, upcast: (d: unknown) => d },
    ];
    try {
      defineEvent({ ...base, schemaVersion: 3, history: wrongOrder });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RooftopError);
      expect((error as RooftopError).code).toBe('INVALID_CONTRACT');
    }
  });
});

describe('defineCommand', () => {
  it('derives the kebab-case subject name from the type', () => {
    const c = defineCommand({ context: 'test', type: 'SignOrder', description: 'd', roles: ['consultant'], schema: v1 });
    expect(c).toMatchObject({ kind: 'command', name: 'sign-order', roles: ['consultant'] });
  });

  it.each([
    ['CaptureLead', 'capture-lead'],
    ['RecordShowroomVisit', 'record-showroom-visit'],
    ['SetSalesTarget', 'set-sales-target'],
    ['ImportVINList', 'import-vin-list'],
    ['Open2ndRepairOrder', 'open2nd-repair-order'],
  ])('kebabCase(%s) = %s', (pascal, kebab) => {
    expect(kebabCase(pascal)).toBe(kebab);
  });
});

describe('parseWith', () => {
  it('returns parsed data and lists every failing path in the typed error', () => {
    expect(parseWith(v1, { name: 'a', price: 1 }, 'thing')).toEqual({ name: 'a', price: 1 });
    try {
      parseWith(v1, { price: 'x' }, 'thing');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.path).sort()).toEqual(['name', 'price']);
      expect((error as ValidationError).message).toMatch(/^thing is invalid/);
    }
  });
});
