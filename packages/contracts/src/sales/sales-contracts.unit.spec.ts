import { ValidationError } from '@rooftop/eventsourcing';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { salesCommandExamples, salesEventExamples } from '../../test/sales-examples.js';
import { parseWith, type CommandContract, type EventContract } from '../define.js';
import { salesCommands, salesContracts, salesEvents } from './index.js';

type Data = Record<string, unknown>;
type Path = readonly (string | number)[];

const clone = (data: Data): Data => structuredClone(data);

const setAt = (data: Data, path: Path, value: unknown): Data => {
  const copy = clone(data);
  let target = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
  target[path.at(-1)!] = value;
  return copy;
};

/** Paths of every `{ amount, currency }` object inside the example. */
const moneyPaths = (value: unknown, path: Path = []): Path[] => {
  if (value === null || typeof value !== 'object') return [];
  if ('amount' in value && 'currency' in value) return [path];
  return Object.entries(value).flatMap(([k, v]) => moneyPaths(v, [...path, k]));
};

const vinPaths = (value: unknown, path: Path = []): Path[] => {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (k === 'vin' && typeof v === 'string' ? [[...path, k]] : vinPaths(v, [...path, k])));
};

const requiredFields = (schema: z.ZodType): string[] => ((z.toJSONSchema(schema, { io: 'input' }) as { required?: string[] }).required ?? []).slice();

const cases = [
  ...salesEvents.map((c: EventContract) => ({ contract: c as EventContract | CommandContract, example: salesEventExamples[c.type] })),
  ...salesCommands.map((c: CommandContract) => ({ contract: c as EventContract | CommandContract, example: salesCommandExamples[c.type] })),
];

const rejects = (schema: z.ZodType, data: unknown): ValidationError => {
  try {
    parseWith(schema, data, 'test data');
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('VALIDATION_FAILED');
    return error as ValidationError;
  }
  throw new Error(`expected ${JSON.stringify(data)} to be rejected`);
};

describe('sales contracts', () => {
  it('has the events and commands of the sales issue, all in the sales context', () => {
    expect(salesEvents.map((e) => e.type).sort()).toEqual(
      [
        'LeadCaptured',
        'LeadAssigned',
        'LeadContacted',
        'ShowroomVisitRecorded',
        'TestDriveCompleted',
        'QuotationIssued',
        'DiscountRequested',
        'DiscountApproved',
        'DiscountRejected',
        'OrderSigned',
        'OrderCancelled',
        'OrderSettled',
        'VehicleDelivered',
        'LeadLost',
        'OwnershipTransferred',
        'SalesTargetSet',
      ].sort(),
    );
    expect(salesCommands.map((c) => c.type).sort()).toEqual(
      [
        'CaptureLead',
        'AssignLead',
        'RecordContact',
        'RecordShowroomVisit',
        'CompleteTestDrive',
        'IssueQuotation',
        'RequestDiscount',
        'ApproveDiscount',
        'RejectDiscount',
        'SignOrder',
        'CancelOrder',
        'SettleOrder',
        'DeliverVehicle',
        'MarkLeadLost',
        'SetSalesTarget',
      ].sort(),
    );
    expect(salesContracts.context).toBe('sales');
    for (const c of [...salesEvents, ...salesCommands]) expect(c.context).toBe('sales');
  });

  it('gives every command at least one role and admin among them', () => {
    for (const c of salesCommands) {
      expect(c.roles.length).toBeGreaterThan(0);
      expect(c.roles).toContain('admin');
    }
    expect(salesCommands.find((c) => c.type === 'ApproveDiscount')!.roles).not.toContain('consultant');
  });

  it('flags the customer name and phone as personal data wherever events carry them', () => {
    for (const e of salesEvents) {
      const fields = Object.keys((z.toJSONSchema(e.schema) as { properties: object }).properties);
      const carriesPersonal = fields.includes('customerPhone');
      expect(e.personalData.length > 0, e.type).toBe(carriesPersonal);
      for (const field of e.personalData) expect(fields, e.type).toContain(field);
    }
  });

  describe.each(cases.map((c) => [c.contract.type, c] as const))('%s', (_type, { contract, example }) => {
    it('accepts its valid example unchanged', () => {
      expect(example, `no example for ${contract.type}`).toBeDefined();
      expect(parseWith(contract.schema, example, contract.type)).toEqual(example);
    });

    it('rejects the data with any required field missing', () => {
      const required = requiredFields(contract.schema);
      expect(required.length).toBeGreaterThan(0);
      for (const field of required) {
        const data = clone(example!);
        delete data[field];
        const error = rejects(contract.schema, data);
        expect(error.issues.map((i) => i.path)).toContain(field);
      }
      rejects(contract.schema, undefined);
      rejects(contract.schema, 'not an object');
    });

    it('rejects negative, fractional and foreign-currency money', () => {
      for (const path of moneyPaths(example)) {
        rejects(contract.schema, setAt(example!, [...path, 'amount'], -1));
        rejects(contract.schema, setAt(example!, [...path, 'amount'], 10.5));
        rejects(contract.schema, setAt(example!, [...path, 'currency'], 'USD'));
      }
    });

    it('rejects malformed VINs', () => {
      for (const path of vinPaths(example)) {
        rejects(contract.schema, setAt(example!, path, 'LS5A3DKE0NA12345I'));
        rejects(contract.schema, setAt(example!, path, 'LS5A3DKE0NA12345'));
        rejects(contract.schema, setAt(example!, path, 'ls5a3dke0na123456'));
      }
    });

    it('rejects wrongly typed fields', () => {
      const [firstField] = requiredFields(contract.schema);
      rejects(contract.schema, setAt(example!, [firstField!], 12345));
    });
  });

  it('rejects unknown fields in commands (a typo must not be dropped silently)', () => {
    for (const c of salesCommands) rejects(c.schema, { ...salesCommandExamples[c.type], consultantID: 'emp-cons-1' });
  });

  it('rejects bad phones, plates, dates and ids', () => {
    const lead = salesEventExamples.LeadCaptured!;
    for (const phone of ['12345', '1380013800a', '23800138000']) rejects(salesEvents[0].schema, { ...lead, customerPhone: phone });
    const delivered = salesEventExamples.VehicleDelivered!;
    const schema = salesEvents.find((e) => e.type === 'VehicleDelivered')!.schema;
    for (const plate of ['B12345', '粤I12345', '粤B1234']) rejects(schema, { ...delivered, plate });
    for (const date of ['2025-02-30', '22-03-2025', '2025-03-22T10:00:00+08:00']) rejects(schema, { ...delivered, deliveryDate: date });
    for (const id of ['', 'lead 1', 'x'.repeat(65), '-lead']) rejects(schema, { ...delivered, orderId: id });
  });

  it('requires a positive discount and a valid target month and scope', () => {
    const requested = salesEvents.find((e) => e.type === 'DiscountRequested')!.schema;
    rejects(requested, setAt(salesEventExamples.DiscountRequested!, ['discount', 'amount'], 0));
    const target = salesCommands.find((c) => c.type === 'SetSalesTarget')!.schema;
    rejects(target, { ...salesCommandExamples.SetSalesTarget, month: '2025-13' });
    rejects(target, { ...salesCommandExamples.SetSalesTarget, scope: { level: 'consultant' } });
    rejects(target, { ...salesCommandExamples.SetSalesTarget, units: -1 });
    expect(parseWith(target, { ...salesCommandExamples.SetSalesTarget, scope: { level: 'team', teamId: 'team-a' } }, 'target')).toMatchObject({
      scope: { level: 'team', teamId: 'team-a' },
    });
  });

  it('requires loan details for financed purchases', () => {
    const sign = salesCommands.find((c) => c.type === 'SignOrder')!.schema;
    rejects(sign, { ...salesCommandExamples.SignOrder, financing: { type: 'loan' } });
    rejects(sign, { ...salesCommandExamples.SignOrder, financing: { type: 'lease' } });
    rejects(sign, { ...salesCommandExamples.SignOrder, financing: { ...(salesEventExamples.OrderSigned!.financing as Data), termMonths: 0 } });
  });
});
