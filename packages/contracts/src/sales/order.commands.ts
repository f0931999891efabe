import { z } from 'zod';
import { defineCommand } from '../define.js';
import { brand, businessDate, chinesePlate, employeeId, entityId, money, note, personName, phone, positiveMoney, vehicleModel, vin } from '../common.js';
import { SALES_CONTEXT, buyerType, consultantId, customerId, financing, leadId, orderCancelReason, orderId, tradeIn, salesRoles as r } from './values.js';

// Order commands. Prices the decider must compare (discount authority, floor price) come in as money;
// the rules themselves live in the sales service, not in these schemas.

const sellers = [r.consultant, r.keyAccount, r.onlineSpecialist, r.salesManager, r.admin];
const managers = [r.salesManager, r.generalManager, r.admin];
const requestId = entityId.describe('Discount request id');

export const RequestDiscount = defineCommand({
  context: SALES_CONTEXT,
  type: 'RequestDiscount',
  description: "Ask a manager for a discount beyond the consultant's authority (opens the order stream if needed).",
  roles: sellers,
  internal: false,
  schema: z.strictObject({
    orderId,
    leadId,
    requestId: requestId.describe('New discount request id, chosen by the caller'),
    consultantId: consultantId.describe('Consultant asking'),
    brand,
    model: vehicleModel,
    listPrice: money.describe("Manufacturer's suggested retail price"),
    requestedPrice: money.describe('Price the consultant wants to offer (below listPrice)'),
    reason: note.optional().describe('Why the discount is needed'),
  }),
});

export const ApproveDiscount = defineCommand({
  context: SALES_CONTEXT,
  type: 'ApproveDiscount',
  description: 'Approve a pending discount request, possibly for less than was asked.',
  roles: managers,
  internal: false,
  schema: z.strictObject({
    orderId,
    requestId,
    approvedDiscount: positiveMoney.describe('Discount granted; at most the discount requested'),
    note: note.optional(),
  }),
});

export const RejectDiscount = defineCommand({
  context: SALES_CONTEXT,
  type: 'RejectDiscount',
  description: 'Reject a pending discount request.',
  roles: managers,
  internal: false,
  schema: z.strictObject({
    orderId,
    requestId,
    reason: note.describe('Why it is rejected'),
  }),
});

export const SignOrder = defineCommand({
  context: SALES_CONTEXT,
  type: 'SignOrder',
  description: 'Record a signed purchase contract for a vehicle.',
  roles: sellers,
  internal: false,
  schema: z.strictObject({
    orderId,
    leadId,
    customerId,
    customerName: personName.describe("Buyer's name, or the contact person's for a company"),
    customerPhone: phone.describe("Buyer's phone"),
    buyerType,
    companyName: z.string().min(1).max(200).optional().describe('Buying company, for company and key_account buyers'),
    consultantId: consultantId.describe('Consultant credited with the sale'),
    online: z.boolean().describe('Online order (网络订单)'),
    onlineSpecialistId: employeeId.optional().describe('Online specialist credited, required for online orders'),
    brand,
    model: vehicleModel,
    trim: z.string().min(1).max(100).optional().describe('Trim level / configuration'),
    vin: vin.optional().describe('VIN of the allocated vehicle, if already allocated'),
    listPrice: money.describe("Manufacturer's suggested retail price"),
    price: money.describe('Agreed vehicle price'),
    floorPrice: money.describe('Lowest price allowed by the sales department (限价)'),
    cost: money.describe("Store's cost of the vehicle"),
    deposit: money.describe('Deposit paid at signing'),
    approvedDiscountRequestId: entityId.optional().describe('Approved discount request the price relies on'),
    financing,
    tradeIn: tradeIn.optional(),
    expectedDeliveryDate: businessDate.optional().describe('Delivery date promised to the customer'),
  }),
});

export const CancelOrder = defineCommand({
  context: SALES_CONTEXT,
  type: 'CancelOrder',
  description: 'Cancel a signed order that has not been delivered.',
  roles: managers,
  internal: false,
  schema: z.strictObject({
    orderId,
    reason: orderCancelReason,
    note: note.optional(),
    depositRefunded: money.describe('Part of the deposit paid back'),
  }),
});

export const SettleOrder = defineCommand({
  context: SALES_CONTEXT,
  type: 'SettleOrder',
  description: 'Record that the order is paid in full (结算).',
  roles: [r.finance, r.salesManager, r.admin],
  internal: false,
  schema: z.strictObject({
    orderId,
    settledOn: businessDate.describe('Business date of settlement'),
    amountReceived: money.describe('Total received, deposit included'),
  }),
});

export const DeliverVehicle = defineCommand({
  context: SALES_CONTEXT,
  type: 'DeliverVehicle',
  description: 'Hand the ordered vehicle over to the customer; the rest of the delivery record comes from the order.',
  roles: [r.consultant, r.keyAccount, r.salesManager, r.admin],
  internal: false,
  schema: z.strictObject({
    orderId,
    vin,
    plate: chinesePlate.optional().describe('Licence plate, when registered before delivery'),
    deliveryDate: businessDate.describe('Business date of delivery'),
    contactConsent: z.boolean().describe('The customer agreed to service reminders and follow-up calls'),
    policySold: z.boolean().describe('A new-car insurance policy was sold with the vehicle'),
    insurer: z.string().min(1).max(100).optional().describe('Insurer of the policy sold'),
  }),
});

export const orderCommands = [RequestDiscount, ApproveDiscount, RejectDiscount, SignOrder, CancelOrder, SettleOrder, DeliverVehicle] as const;
