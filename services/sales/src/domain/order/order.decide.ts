import { event, sales } from '@rooftop/contracts';
import { DomainError, invalidTransition, notFound, unreachable } from '@rooftop/eventsourcing';
import { type SalesSettings } from '../settings.js';
import { decideApproveDiscount, decideRejectDiscount, decideRequestDiscount } from './discount.decide.js';
import { liveLead, liveSignedOrder, unsignedOrder } from './order.guards.js';
import { type CancelOrder, type DeliverVehicle, type OrderCommand, type OrderEvent, type SettleOrder, type SignOrder } from './order.messages.js';
import { type Order } from './order.state.js';

type Decision = readonly OrderEvent[] | DomainError;
const rule = (reason: string, message: string, details?: Record<string, unknown>) => new DomainError(reason, message, details);

/** Online orders (网络订单) are credited to the online specialist; they come from online or phone-in leads. */
const attributionError = (command: SignOrder, channel: string): DomainError | undefined => {
  const { online, onlineSpecialistId } = command.data;
  if (channel === 'online' && !online) return rule('ONLINE_LEAD_ORDER_MUST_BE_ONLINE', 'an order from an online lead is an online order (网络订单)');
  if (online && channel !== 'online' && channel !== 'phone_in') return rule('ONLINE_ORDER_NEEDS_ONLINE_LEAD', `a ${channel} lead cannot give an online order`);
  if (online && onlineSpecialistId === undefined) return rule('ONLINE_ORDER_NEEDS_SPECIALIST', 'an online order names the online specialist it is credited to');
  if (!online && onlineSpecialistId !== undefined) return rule('SPECIALIST_ON_SHOWROOM_ORDER', 'only online orders are credited to an online specialist');
  return undefined;
};

const priceError = (command: SignOrder): DomainError | undefined => {
  const d = command.data;
  if ((d.buyerType === 'company' || d.buyerType === 'key_account') && d.companyName === undefined) {
    return rule('COMPANY_NAME_REQUIRED', `a ${d.buyerType} buyer needs the company name`);
  }
  if (d.floorPrice.amount > d.listPrice.amount) return rule('FLOOR_ABOVE_LIST_PRICE', 'the floor price cannot exceed the list price');
  if (d.deposit.amount > d.price.amount) return rule('DEPOSIT_EXCEEDS_PRICE', 'the deposit cannot exceed the price');
  if (d.financing.type === 'loan' && d.financing.loanAmount.amount > d.price.amount) return rule('LOAN_EXCEEDS_PRICE', 'the loan cannot exceed the price');
  return undefined;
};

const sign = (command: SignOrder, state: Order, settings: SalesSettings): Decision => {
  const d = command.data;
  const order = unsignedOrder(state, d.orderId, d.leadId);
  if (order instanceof DomainError) return order;
  const lead = liveLead(command.lead, d.leadId, command.storeId);
  if (lead instanceof DomainError) return lead;
  if (lead.customerId !== d.customerId) return rule('CUSTOMER_MISMATCH', `lead ${d.leadId} is for customer ${lead.customerId}, not ${d.customerId}`);
  const invalid = attributionError(command, lead.channel) ?? priceError(command);
  if (invalid) return invalid;

  // Beyond the consultant's authority, or under the floor price (限价), the price needs an approved discount.
  const discount = d.listPrice.amount - d.price.amount;
  const approvalId = d.approvedDiscountRequestId;
  if (approvalId !== undefined) {
    const request = order.status === 'negotiating' ? order.requests.find((r) => r.requestId === approvalId) : undefined;
    if (!request) return notFound('DISCOUNT_REQUEST_NOT_FOUND', `order ${d.orderId} has no discount request ${approvalId}`, { requestId: approvalId });
    if (request.status !== 'approved') return rule('DISCOUNT_NOT_APPROVED', `discount request ${approvalId} is ${request.status}`, { requestId: approvalId });
    if (discount > (request.approvedDiscount ?? 0)) {
      return rule('DISCOUNT_EXCEEDS_APPROVAL', 'the price gives more discount than was approved', { discount, approved: request.approvedDiscount });
    }
  } else if (discount > settings.consultantDiscountAuthority) {
    return rule('DISCOUNT_NEEDS_APPROVAL', "the discount is beyond the consultant's authority and needs a manager's approval", {
      discount,
      authority: settings.consultantDiscountAuthority,
    });
  } else if (d.price.amount < d.floorPrice.amount) {
    return rule('PRICE_BELOW_FLOOR', 'a price below the floor price needs an approved discount', { floorPrice: d.floorPrice.amount });
  }
  return [event(sales.OrderSigned, d)];
};

const cancel = (command: CancelOrder, state: Order): Decision => {
  const { orderId } = command.data;
  if (state.status === 'cancelled') return invalidTransition('ORDER_ALREADY_CANCELLED', `order ${orderId} was already cancelled`, { orderId });
  const order = liveSignedOrder(state, orderId);
  if (order instanceof DomainError) return order;
  if (order.status === 'delivered') return invalidTransition('ORDER_ALREADY_DELIVERED', `order ${orderId} was delivered`, { orderId });
  if (order.settled) return invalidTransition('ORDER_ALREADY_SETTLED', `order ${orderId} is settled; it can no longer be cancelled`, { orderId });
  if (command.data.depositRefunded.amount > order.terms.deposit.amount) return rule('REFUND_EXCEEDS_DEPOSIT', 'the refund cannot exceed the deposit paid');
  return [event(sales.OrderCancelled, command.data)];
};

const settle = (command: SettleOrder, state: Order): Decision => {
  const order = liveSignedOrder(state, command.data.orderId);
  if (order instanceof DomainError) return order;
  if (order.settled) return invalidTransition('ORDER_ALREADY_SETTLED', `order ${order.orderId} is already settled`, { orderId: order.orderId });
  const credited = command.data.amountReceived.amount + (order.terms.tradeIn?.valuation.amount ?? 0);
  if (credited < order.terms.price.amount) {
    return rule('SETTLEMENT_SHORT', 'the amount received (with the trade-in) does not cover the price', { due: order.terms.price.amount, received: credited });
  }
  return [event(sales.OrderSettled, command.data)];
};

const deliver = (command: DeliverVehicle, state: Order, settings: SalesSettings): Decision => {
  const d = command.data;
  const order = liveSignedOrder(state, d.orderId);
  if (order instanceof DomainError) return order;
  if (order.status === 'delivered') return invalidTransition('ORDER_ALREADY_DELIVERED', `order ${d.orderId} was already delivered`, { orderId: d.orderId });
  if (settings.requireSettlementBeforeDelivery && !order.settled) {
    return invalidTransition('ORDER_NOT_SETTLED', `order ${d.orderId} must be settled before the vehicle is handed over`, { orderId: d.orderId });
  }
  const t = order.terms;
  if (t.vin !== undefined && t.vin !== d.vin) return rule('VIN_MISMATCH', `the order was allocated VIN ${t.vin}`, { allocated: t.vin });
  if (!d.policySold && d.insurer !== undefined) return rule('INSURER_WITHOUT_POLICY', 'an insurer is named only when a policy was sold');
  return [
    event(sales.VehicleDelivered, {
      orderId: t.orderId,
      leadId: t.leadId,
      customerId: t.customerId,
      customerName: t.customerName,
      customerPhone: t.customerPhone,
      contactConsent: d.contactConsent,
      vin: d.vin,
      ...(d.plate !== undefined ? { plate: d.plate } : {}),
      brand: t.brand,
      model: t.model,
      ...(t.trim !== undefined ? { trim: t.trim } : {}),
      deliveryDate: d.deliveryDate,
      consultantId: t.consultantId,
      online: t.online,
      ...(t.onlineSpecialistId !== undefined ? { onlineSpecialistId: t.onlineSpecialistId } : {}),
      buyerType: t.buyerType,
      ...(t.companyName !== undefined ? { companyName: t.companyName } : {}),
      financing: t.financing,
      policySold: d.policySold,
      ...(d.insurer !== undefined ? { insurer: d.insurer } : {}),
      price: t.price,
    }),
  ];
};

export const decideOrder =
  (settings: SalesSettings) =>
  (command: OrderCommand, state: Order): Decision => {
    switch (command.type) {
      case 'RequestDiscount':
        return decideRequestDiscount(command, state, settings);
      case 'ApproveDiscount':
        return decideApproveDiscount(command, state);
      case 'RejectDiscount':
        return decideRejectDiscount(command, state);
      case 'SignOrder':
        return sign(command, state, settings);
      case 'CancelOrder':
        return cancel(command, state);
      case 'SettleOrder':
        return settle(command, state);
      case 'DeliverVehicle':
        return deliver(command, state, settings);
      default:
        return unreachable(command);
    }
  };
