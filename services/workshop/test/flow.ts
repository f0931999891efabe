import { type Actor } from '@rooftop/eventsourcing';
import { advisor, cny, dispatcher, openData, technician } from './builders.js';

/** Sends one command and fails the test on an error reply; the NATS test and the in-process tests plug in. */
export type Send = (type: string, data: Record<string, unknown>, actor: Actor, now: string) => Promise<unknown>;

const manager: Actor = { kind: 'user', id: 'mgr-1', roles: ['service_manager'] };
const inspector: Actor = { kind: 'user', id: 'qi-1', roles: ['quality_inspector'] };
const washer: Actor = { kind: 'user', id: 'wash-1', roles: ['washer'] };
const cashier: Actor = { kind: 'user', id: 'cash-1', roles: ['cashier'] };

export const registerTechnicians = async (send: Send, now: string): Promise<void> => {
  await send('RegisterTechnician', { technicianId: 'tech-1', name: '李强', trade: 'mechanical', grade: 'senior' }, manager, now);
  await send('RegisterTechnician', { technicianId: 'tech-2', name: '赵敏', trade: 'mechanical', grade: 'junior' }, manager, now);
};

/** Intake → estimate → dispatch → progress → work → QC → wash → invoice; the caller releases. */
export const driveToInvoice = async (send: Send, repairOrderId: string, now: string, vin = openData.vin): Promise<void> => {
  await send('OpenRepairOrder', { ...openData, repairOrderId, vin }, advisor, now);
  await send('AgreeEstimate', { repairOrderId, estimate: { labour: cny(30_000), parts: cny(50_000) } }, advisor, now);
  await send('DispatchJob', { repairOrderId, technicianIds: ['tech-1', 'tech-2'] }, dispatcher, now);
  await send('ReportProgress', { repairOrderId, finding: 'Worn brake pads', customerAgreed: true }, technician, now);
  await send(
    'CompleteWork',
    {
      repairOrderId,
      technicians: [
        { technicianId: 'tech-1', labourHours: 1.5 },
        { technicianId: 'tech-2', labourHours: 0.5 },
      ],
    },
    technician,
    now,
  );
  await send('RecordQualityCheck', { repairOrderId, passed: true }, inspector, now);
  await send('RecordVehicleWash', { repairOrderId }, washer, now);
  await send(
    'InvoiceRepairOrder',
    { repairOrderId, invoiceId: `inv-${repairOrderId}`, payer: 'customer', labour: cny(30_000), parts: cny(50_000), discount: cny(0) },
    cashier,
    now,
  );
};
