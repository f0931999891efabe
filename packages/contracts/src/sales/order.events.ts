import { z } from 'zod';
import { defineEvent } from '../define.js';
import { brand, businessDate, chinesePlate, employeeId, entityId, money, note, personName, phone, positiveMoney, vehicleModel, vin } from '../common.js';
import { SALES_CONTEXT, buyerType, consultantId, customerId, financing, leadId, orderCancelReason, orderId, tradeIn } from './values.js';

// Order stream events: a discount negotiation may open the stream before the contract is signed.

const requestId = entityId.describe('Discount request id');

export const DiscountRequested = defineEvent({
  context: SALES_CONTEXT,
  type: 'DiscountRequested',
  description: 'A consultant asked for a discount beyond their own authority; a manager must approve or reject it.',
  schema: z.object({
    orderId,
    leadId,
    requestId,
    consultantId: consultantId.describe('Consultant asking for the discount'),
    brand,
    model: vehicleModel,
    listPrice: money.describe("Manufacturer's suggested retail price"),
    requestedPrice: money.describe('Price the consultant wants to offer'),
    discount: positiveMoney.describe('listPrice − requestedPrice'),
    reason: note.optional().describe('Why the discount is needed'),
  }),
});

export const DiscountApproved = defineEvent({
  context: SALES_CONTEXT,
  type: 'DiscountApproved',
  description: 'A manager approved a discount request, possibly for less than was asked.',
  schema: z.object({
    orderId,
    requestId,
    approvedBy: employeeId.describe('Manager who approved'),
    approvedDiscount: positiveMoney.describe('Discount granted (at most the discount requested)'),
    note: note.optional(),
  }),
});

export const DiscountRejected = defineEvent({
  context: SALES_CONTEXT,
  type: 'DiscountRejected',
  description: 'A manager rejected a discount request.',
  schema: z.object({
    orderId,
    requestId,
    rejectedBy: employeeId.describe('Manager who rejected'),
    reason: note.describe('Why it was rejected'),
  }),
});

export const OrderSigned = defineEvent({
  context: SALES_CONTEXT,
  type: 'OrderSigned',
  description: 'The customer signed a purchase contract (订单) for a vehicle.',
  personalData: ['customerName', 'customerPhone'],
  schema: z.object({
    orderId,
    leadId,
    customerId,
    customerName: personName.describe("Buyer's name, or the contact person's for a company (personal data)"),
    customerPhone: phone.describe("Buyer's phone (personal data)"),
    buyerType,
    companyName: z.string().min(1).max(200).optional().describe('Buying company, for company and key_account buyers'),
    consultantId: consultantId.describe('Consultant credited with the sale'),
    online: z.boolean().describe('Online order (网络订单): credited to the online specialist, excluded from showroom personal targets'),
    onlineSpecialistId: employeeId.optional().describe('Online specialist credited, for online orders'),
    brand,
    model: vehicleModel,
    trim: z.string().min(1).max(100).optional().describe('Trim level / configuration'),
    vin: vin.optional().describe('VIN of the allocated vehicle, if already allocated'),
    listPrice: money.describe("Manufacturer's suggested retail price"),
    price: money.describe('Agreed vehicle price'),
    floorPrice: money.describe('Lowest price allowed by the sales department (限价)'),
    cost: money.describe("Store's cost of the vehicle, for gross profit"),
    deposit: money.describe('Deposit paid at signing (定金)'),
    approvedDiscountRequestId: entityId.optional().describe('Approved discount request the price relies on'),
    financing,
    tradeIn: tradeIn.optional(),
    expectedDeliveryDate: businessDate.optional().describe('Delivery date promised to the customer'),
  }),
});

export const OrderCancelled = defineEvent({
  context: SALES_CONTEXT,
  type: 'OrderCancelled',
  description: 'A signed order was cancelled before delivery.',
  schema: z.object({
    orderId,
    reason: orderCancelReason,
    note: note.optional(),
    depositRefunded: money.describe('Part of the deposit paid back to the customer'),
  }),
});

export const OrderSettled = defineEvent({
  context: SALES_CONTEXT,
  type: 'OrderSettled',
  description: 'The order was paid in full and settled (结算); commissions on it may now be paid.',
  schema: z.object({
    orderId,
    settledOn: businessDate.describe('Business date of settlement'),
    amountReceived: money.describe('Total received for the order, deposit included'),
  }),
});

export const VehicleDelivered = defineEvent({
  context: SALES_CONTEXT,
  type: 'VehicleDelivered',
  description:
    'The vehicle was handed over to the customer (交车). Carries what workshop (vehicle file, first-service reminder) and insurance (new-car policy penetration) need.',
  personalData: ['customerName', 'customerPhone'],
  schema: z.object({
    orderId,
    leadId,
    customerId,
    customerName: personName.describe("Owner's name (personal data)"),
    customerPhone: phone.describe("Owner's phone (personal data)"),
    contactConsent: z.boolean().describe('The customer agreed to be contacted for service reminders and follow-up calls'),
    vin,
    plate: chinesePlate.optional().describe('Licence plate, when registered before delivery'),
    brand,
    model: vehicleModel,
    deliveryDate: businessDate.describe('Business date of delivery'),
    consultantId: consultantId.describe('Consultant credited with the sale'),
    online: z.boolean().describe('Delivered on an online order'),
    onlineSpecialistId: employeeId
      .optional()
      .describe("Online specialist credited, for online orders (网络订单 count toward their target, not the showroom consultant's)"),
    buyerType: buyerType.optional().describe('Who bought: private, company or key_account (company vehicles are insured and serviced differently)'),
    companyName: z.string().min(1).max(200).optional().describe('Buying company, for company and key_account buyers'),
    trim: z.string().min(1).max(100).optional().describe('Trim level / configuration, for parts and service planning'),
    financing,
    policySold: z.boolean().describe('A new-car insurance policy was sold with the vehicle (新保)'),
    insurer: z.string().min(1).max(100).optional().describe('Insurer of the policy sold, if any'),
    price: money.describe('Agreed vehicle price'),
  }),
});

export const orderEvents = [DiscountRequested, DiscountApproved, DiscountRejected, OrderSigned, OrderCancelled, OrderSettled, VehicleDelivered] as const;
