import { ValidationError } from '@rooftop/eventsourcing';
import { describe, expect, it } from 'vitest';
import { parseWith } from '../define.js';
import { platformRegistry } from '../platform.js';
import {
  CompleteWork,
  InvoiceRepairOrder,
  OpenRepairOrder,
  RecordFollowUpCall,
  REPAIR_ORDER_TYPES,
  workshopCommands,
  workshopContracts,
  workshopEvents,
} from './index.js';

const cny = (amount: number) => ({ amount, currency: 'CNY' });
const rejects = (schema: Parameters<typeof parseWith>[0], data: unknown): string[] => {
  try {
    parseWith(schema, data, 'test');
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues.map((i) => i.path);
  }
  throw new Error('expected a ValidationError');
};

describe('workshop contracts', () => {
  it('are registered in the platform registry, all in the workshop context', () => {
    expect(workshopContracts.context).toBe('workshop');
    for (const e of workshopEvents) expect(platformRegistry.event(e.type)).toBe(e);
    for (const c of workshopCommands) expect(platformRegistry.command('workshop', c.name)).toBe(c);
  });

  it('let admin send every command and keep dispatch away from technicians', () => {
    for (const c of workshopCommands) expect(c.roles, c.type).toContain('admin');
    const dispatch = workshopCommands.find((c) => c.type === 'DispatchJob')!;
    expect(dispatch.roles).not.toContain('technician');
    for (const timer of ['CheckFollowUpDue', 'CheckMaintenanceReminder', 'CheckCustomerLapsed', 'OpenFollowUp', 'RecordServiceVisit']) {
      expect(workshopCommands.find((c) => c.type === timer)!.roles).toContain('system');
    }
  });

  it('know the seven repair order types', () => {
    expect(REPAIR_ORDER_TYPES).toEqual(['maintenance', 'first_service', 'repair', 'warranty', 'insurance_claim', 'body_paint', 'campaign_inspection']);
    const open = {
      repairOrderId: 'ro-1',
      roType: 'repair',
      serviceAdvisorId: 'sa-1',
      vin: 'LS5A3DKE0NA123456',
      brand: '长安',
      model: 'CS75',
      customerId: 'c-1',
      mileageKm: 10,
    };
    expect(parseWith(OpenRepairOrder.schema, open, 'test')).toEqual(open);
    expect(rejects(OpenRepairOrder.schema, { ...open, roType: 'detailing' })).toEqual(['roType']);
    expect(rejects(OpenRepairOrder.schema, { ...open, extra: 1 })).toEqual(['']);
  });

  it('refuse negative labour hours and money, and out-of-range satisfaction', () => {
    expect(rejects(CompleteWork.schema, { repairOrderId: 'ro-1', technicians: [{ technicianId: 't-1', labourHours: -1 }] })).toEqual([
      'technicians.0.labourHours',
    ]);
    expect(rejects(CompleteWork.schema, { repairOrderId: 'ro-1', technicians: [] })).toEqual(['technicians']);
    const invoice = { repairOrderId: 'ro-1', invoiceId: 'i-1', payer: 'customer', labour: cny(100), parts: cny(100), discount: cny(0) };
    expect(rejects(InvoiceRepairOrder.schema, { ...invoice, parts: cny(-1) })).toEqual(['parts.amount']);
    expect(rejects(RecordFollowUpCall.schema, { repairOrderId: 'ro-1', satisfaction: 6 })).toEqual(['satisfaction']);
    expect(parseWith(RecordFollowUpCall.schema, { repairOrderId: 'ro-1', satisfaction: 5 }, 'test')).toEqual({
      repairOrderId: 'ro-1',
      satisfaction: 5,
      issues: [],
      issueResolvedOnCall: false,
    });
  });
});
