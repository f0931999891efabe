import { deciderSpec } from '@rooftop/testkit';
import { describe, it } from 'vitest';
import { cny, command, manager } from '../../../test/fixtures/domain.js';
import { approved, cancelled, openLead, requested, settled, sign, signData, signed } from '../../../test/fixtures/orders.js';
import { DEFAULT_SALES_SETTINGS } from '../settings.js';
import { orderDecider } from './order.decider.js';
import { type LeadSnapshot, type OrderCommand } from './order.messages.js';

const spec = deciderSpec(orderDecider());
const onlineLead = { ...openLead, channel: 'online' } as LeadSnapshot;

describe('sign an order: the lead', () => {
  it('signs within the consultant authority', () => spec.given([]).when(sign()).thenEvents([signed()]));
  it('an unknown lead is NOT_FOUND', () =>
    spec
      .given([])
      .when(sign({}, { status: 'none' }))
      .thenError('LEAD_NOT_FOUND', 'NOT_FOUND'));
  it("another store's lead is FORBIDDEN", () =>
    spec
      .given([])
      .when(sign({}, { ...openLead, storeId: 'store-b' } as LeadSnapshot))
      .thenError('LEAD_OF_ANOTHER_STORE', 'FORBIDDEN'));
  it('a lost lead cannot give an order', () =>
    spec
      .given([])
      .when(sign({}, { ...openLead, status: 'lost' } as LeadSnapshot))
      .thenError('LEAD_LOST'));
  it("the buyer is the lead's customer", () =>
    spec
      .given([])
      .when(sign({ customerId: 'cust-9' }))
      .thenError('CUSTOMER_MISMATCH'));
  it('an order stays with the lead it was negotiated for', () =>
    spec
      .given([requested()])
      .when(sign({ leadId: 'lead-2' }))
      .thenError('ORDER_LEAD_MISMATCH'));
  it('signed once only; a cancelled order stays cancelled', () => {
    spec.given([signed()]).when(sign()).thenError('ORDER_ALREADY_SIGNED', 'INVALID_TRANSITION');
    spec.given([signed(), cancelled]).when(sign()).thenError('ORDER_CANCELLED', 'INVALID_TRANSITION');
  });
});

describe('sign an order: discount authority and floor price', () => {
  it('a discount beyond authority without approval is refused', () =>
    spec
      .given([])
      .when(sign({ price: cny(112_000) }))
      .thenError('DISCOUNT_NEEDS_APPROVAL'));
  it('a price under the floor needs approval even within authority', () =>
    spec
      .given([])
      .when(sign({ listPrice: cny(100_000), floorPrice: cny(99_000), price: cny(98_000) }))
      .thenError('PRICE_BELOW_FLOOR'));
  it('an approved request covers the discount', () =>
    spec
      .given([requested(), approved()])
      .when(sign({ price: cny(112_000), approvedDiscountRequestId: 'dr-1' }))
      .thenEvents([signed({ price: cny(112_000), approvedDiscountRequestId: 'dr-1' })]));
  it('not beyond what was approved', () =>
    spec
      .given([requested(), approved(6_000)])
      .when(sign({ price: cny(112_000), approvedDiscountRequestId: 'dr-1' }))
      .thenError('DISCOUNT_EXCEEDS_APPROVAL'));
  it('a pending request is not an approval', () =>
    spec
      .given([requested()])
      .when(sign({ price: cny(112_000), approvedDiscountRequestId: 'dr-1' }))
      .thenError('DISCOUNT_NOT_APPROVED'));
  it('an unknown request is NOT_FOUND', () =>
    spec
      .given([])
      .when(sign({ approvedDiscountRequestId: 'dr-1' }))
      .thenError('DISCOUNT_REQUEST_NOT_FOUND', 'NOT_FOUND'));
});

describe('sign an order: online attribution and terms', () => {
  it('an online lead gives an online order credited to the online specialist', () => {
    spec
      .given([])
      .when(sign({ online: true, onlineSpecialistId: 'ol-1' }, onlineLead))
      .thenEvents([signed({ online: true, onlineSpecialistId: 'ol-1' })]);
    spec.given([]).when(sign({}, onlineLead)).thenError('ONLINE_LEAD_ORDER_MUST_BE_ONLINE');
    spec
      .given([])
      .when(sign({ online: true }, onlineLead))
      .thenError('ONLINE_ORDER_NEEDS_SPECIALIST');
  });
  it('a showroom lead cannot be an online order, and a showroom order credits no specialist', () => {
    spec
      .given([])
      .when(sign({ online: true, onlineSpecialistId: 'ol-1' }))
      .thenError('ONLINE_ORDER_NEEDS_ONLINE_LEAD');
    spec
      .given([])
      .when(sign({ onlineSpecialistId: 'ol-1' }))
      .thenError('SPECIALIST_ON_SHOWROOM_ORDER');
  });
  it('checks the terms', () => {
    spec
      .given([])
      .when(sign({ buyerType: 'company' }))
      .thenError('COMPANY_NAME_REQUIRED');
    spec
      .given([])
      .when(sign({ floorPrice: cny(130_000) }))
      .thenError('FLOOR_ABOVE_LIST_PRICE');
    spec
      .given([])
      .when(sign({ deposit: cny(200_000) }))
      .thenError('DEPOSIT_EXCEEDS_PRICE');
    spec
      .given([])
      .when(sign({ financing: { type: 'loan', lender: 'Bank', loanAmount: cny(130_000), termMonths: 36, handlingFee: cny(3_500) } }))
      .thenError('LOAN_EXCEEDS_PRICE');
  });
});

describe('cancel and settle', () => {
  const cancel = (refund = 5_000) =>
    command<OrderCommand>('CancelOrder', { orderId: 'ord-1', reason: 'customer_withdrew', depositRefunded: cny(refund) }, { actor: manager });
  const settle = (yuan = 118_000) =>
    command<OrderCommand>('SettleOrder', { orderId: 'ord-1', settledOn: '2025-03-05', amountReceived: cny(yuan) }, { actor: manager });
  it('cancels a signed order', () => spec.given([signed()]).when(cancel()).thenEvents([cancelled]));
  it('cannot cancel what is unknown, unsigned, cancelled or settled', () => {
    spec.given([]).when(cancel()).thenError('ORDER_NOT_FOUND', 'NOT_FOUND');
    spec.given([requested()]).when(cancel()).thenError('ORDER_NOT_SIGNED', 'INVALID_TRANSITION');
    spec.given([signed(), cancelled]).when(cancel()).thenError('ORDER_ALREADY_CANCELLED', 'INVALID_TRANSITION');
    spec.given([signed(), settled]).when(cancel()).thenError('ORDER_ALREADY_SETTLED', 'INVALID_TRANSITION');
  });
  it('a delivered order cannot be cancelled', () =>
    spec
      .given([signed(), settled, { type: 'VehicleDelivered', data: {} } as never])
      .when(cancel())
      .thenError('ORDER_ALREADY_DELIVERED', 'INVALID_TRANSITION'));
  it('refunds at most the deposit', () => spec.given([signed()]).when(cancel(6_000)).thenError('REFUND_EXCEEDS_DEPOSIT'));
  it('settles when the price is covered, counting the trade-in', () => {
    spec.given([signed()]).when(settle()).thenEvents([settled]);
    spec.given([signed()]).when(settle(117_999)).thenError('SETTLEMENT_SHORT');
    const tradeIn = { brand: 'VW', model: 'Jetta', valuation: cny(30_000) };
    spec
      .given([signed({ tradeIn })])
      .when(settle(88_000))
      .thenEvents([{ type: 'OrderSettled', data: { orderId: 'ord-1', settledOn: '2025-03-05', amountReceived: cny(88_000) } }]);
  });
  it('settles only a signed order', () => {
    spec.given([]).when(settle()).thenError('ORDER_NOT_FOUND', 'NOT_FOUND');
    spec.given([requested()]).when(settle()).thenError('ORDER_NOT_SIGNED', 'INVALID_TRANSITION');
  });
  it('settles once; a cancelled order cannot be settled', () => {
    spec.given([signed(), settled]).when(settle()).thenError('ORDER_ALREADY_SETTLED');
    spec.given([signed(), cancelled]).when(settle()).thenError('ORDER_CANCELLED');
  });
});

describe('deliver', () => {
  const VIN = 'LS5A3ABE5KB123456';
  const deliver = (over: Record<string, unknown> = {}) =>
    command<OrderCommand>('DeliverVehicle', {
      orderId: 'ord-1',
      vin: VIN,
      plate: '渝A12345',
      deliveryDate: '2025-03-08',
      contactConsent: true,
      policySold: true,
      insurer: 'PICC',
      ...over,
    } as never);
  it('carries what workshop and insurance need', () => {
    const terms = signData({
      online: true,
      onlineSpecialistId: 'ol-1',
      trim: '1.5T',
      financing: { type: 'loan', lender: 'Bank', loanAmount: cny(60_000), termMonths: 36, handlingFee: cny(3_500) },
    });
    spec
      .given([{ type: 'OrderSigned', data: terms }, settled])
      .when(deliver())
      .thenEvents([
        {
          type: 'VehicleDelivered',
          data: {
            orderId: 'ord-1',
            leadId: 'lead-1',
            customerId: 'cust-1',
            customerName: 'Wang Fang',
            customerPhone: '13800138000',
            contactConsent: true,
            vin: VIN,
            plate: '渝A12345',
            brand: 'Changan',
            model: 'CS75',
            trim: '1.5T',
            deliveryDate: '2025-03-08',
            consultantId: 'emp-a',
            online: true,
            onlineSpecialistId: 'ol-1',
            buyerType: 'private',
            financing: terms.financing,
            policySold: true,
            insurer: 'PICC',
            price: cny(118_000),
          },
        },
      ]);
  });
  it('a cancelled order cannot be delivered', () => spec.given([signed(), cancelled]).when(deliver()).thenError('ORDER_CANCELLED', 'INVALID_TRANSITION'));
  it('delivers only a signed order', () => {
    spec.given([]).when(deliver()).thenError('ORDER_NOT_FOUND', 'NOT_FOUND');
    spec.given([requested(), approved()]).when(deliver()).thenError('ORDER_NOT_SIGNED', 'INVALID_TRANSITION');
  });
  it('delivers once', () =>
    spec
      .given([signed(), settled, { type: 'VehicleDelivered', data: {} } as never])
      .when(deliver())
      .thenError('ORDER_ALREADY_DELIVERED'));
  it('settlement comes first unless the store allows otherwise', () => {
    spec.given([signed()]).when(deliver()).thenError('ORDER_NOT_SETTLED', 'INVALID_TRANSITION');
    const lenient = deciderSpec(orderDecider({ ...DEFAULT_SALES_SETTINGS, requireSettlementBeforeDelivery: false }));
    lenient
      .given([signed()])
      .when(deliver({ policySold: false, insurer: undefined }))
      .thenEvents([
        {
          type: 'VehicleDelivered',
          data: {
            orderId: 'ord-1',
            leadId: 'lead-1',
            customerId: 'cust-1',
            customerName: 'Wang Fang',
            customerPhone: '13800138000',
            contactConsent: true,
            vin: VIN,
            plate: '渝A12345',
            brand: 'Changan',
            model: 'CS75',
            deliveryDate: '2025-03-08',
            consultantId: 'emp-a',
            online: false,
            buyerType: 'private',
            financing: { type: 'cash' },
            policySold: false,
            price: cny(118_000),
          },
        },
      ]);
  });
  it('the allocated VIN is the one delivered; no insurer without a policy', () => {
    spec
      .given([signed({ vin: 'LS5A3ABE5KB000001' }), settled])
      .when(deliver())
      .thenError('VIN_MISMATCH');
    spec
      .given([signed(), settled])
      .when(deliver({ policySold: false }))
      .thenError('INSURER_WITHOUT_POLICY');
  });
});
