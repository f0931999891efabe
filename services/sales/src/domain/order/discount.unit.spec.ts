import { deciderSpec } from '@rooftop/testkit';
import { describe, it } from 'vitest';
import { cny, command, consultant, manager } from '../../../test/fixtures/domain.js';
import { approved, cancelled, openLead, requestData, requested, signed } from '../../../test/fixtures/orders.js';
import { orderDecider } from './order.decider.js';
import { type LeadSnapshot, type OrderCommand } from './order.messages.js';

const spec = deciderSpec(orderDecider());
const request = (over: Partial<typeof requestData> = {}, lead: LeadSnapshot = openLead) =>
  ({ ...command<OrderCommand>('RequestDiscount', { ...requestData, ...over }), lead }) as OrderCommand;
const approve = (yuan = 8_000, actor = manager) =>
  command<OrderCommand>('ApproveDiscount', { orderId: 'ord-1', requestId: 'dr-1', approvedDiscount: cny(yuan) }, { actor });
const reject = (actor = manager) => command<OrderCommand>('RejectDiscount', { orderId: 'ord-1', requestId: 'dr-1', reason: 'too much' }, { actor });

describe('discount requests (above the consultant authority, default 3,000 CNY)', () => {
  it('opens the order stream with the request and the computed discount', () => spec.given([]).when(request()).thenEvents([requested()]));
  it('a discount within authority needs no request', () =>
    spec
      .given([])
      .when(request({ requestedPrice: cny(118_000) }))
      .thenError('DISCOUNT_WITHIN_AUTHORITY'));
  it('the authority is a per-store setting', () =>
    deciderSpec(
      orderDecider({ consultantDiscountAuthority: 1_000_000, ownershipLapseDays: 7, requireSettlementBeforeDelivery: true, timeZone: 'Asia/Shanghai' }),
    )
      .given([])
      .when(request())
      .thenError('DISCOUNT_WITHIN_AUTHORITY'));
  it('the requested price must be below list price', () =>
    spec
      .given([])
      .when(request({ requestedPrice: cny(121_000) }))
      .thenError('DISCOUNT_NOT_BELOW_LIST_PRICE'));
  it('one request at a time', () =>
    spec
      .given([requested()])
      .when(request({ requestId: 'dr-2' }))
      .thenError('DISCOUNT_REQUEST_PENDING', 'INVALID_TRANSITION'));
  it('a request id is used once', () => spec.given([requested(), approved()]).when(request()).thenError('DISCOUNT_REQUEST_EXISTS'));
  it('no request on a cancelled order', () => spec.given([signed(), cancelled]).when(request()).thenError('ORDER_CANCELLED', 'INVALID_TRANSITION'));
  it('no request after the contract is signed', () => spec.given([signed()]).when(request()).thenError('ORDER_ALREADY_SIGNED', 'INVALID_TRANSITION'));
  it('the lead must exist, be in this store and be open', () => {
    spec
      .given([])
      .when(request({}, { status: 'none' }))
      .thenError('LEAD_NOT_FOUND', 'NOT_FOUND');
    spec
      .given([])
      .when(request({}, { ...openLead, storeId: 'store-b' } as LeadSnapshot))
      .thenError('LEAD_OF_ANOTHER_STORE', 'FORBIDDEN');
    spec
      .given([])
      .when(request({}, { ...openLead, status: 'lost' } as LeadSnapshot))
      .thenError('LEAD_LOST');
  });
  it('an order stays with its lead', () =>
    spec
      .given([requested()])
      .when(request({ leadId: 'lead-2', requestId: 'dr-2' }))
      .thenError('ORDER_LEAD_MISMATCH'));
});

describe('discount approval and rejection by a manager', () => {
  it('approves up to the discount requested', () =>
    spec
      .given([requested()])
      .when(approve(6_000))
      .thenEvents([approved(6_000)]));
  it('never more than requested', () => spec.given([requested()]).when(approve(9_000)).thenError('APPROVAL_EXCEEDS_REQUEST'));
  it('rejects with the reason', () =>
    spec
      .given([requested()])
      .when(reject())
      .thenEvents([{ type: 'DiscountRejected', data: { orderId: 'ord-1', requestId: 'dr-1', reason: 'too much', rejectedBy: 'mgr-1' } }]));
  it('the requester cannot decide on their own request', () =>
    spec
      .given([requested()])
      .when(approve(8_000, { ...consultant('emp-a'), roles: ['sales_manager'] }))
      .thenError('SELF_APPROVAL', 'FORBIDDEN'));
  it('a decided request cannot be decided again', () =>
    spec.given([requested(), approved()]).when(reject()).thenError('DISCOUNT_REQUEST_NOT_PENDING', 'INVALID_TRANSITION'));
  it('no decision once the order is signed or cancelled', () => {
    spec.given([requested(), signed()]).when(approve()).thenError('ORDER_ALREADY_SIGNED', 'INVALID_TRANSITION');
    spec.given([requested(), signed(), cancelled]).when(reject()).thenError('ORDER_CANCELLED', 'INVALID_TRANSITION');
  });
  it('unknown order and unknown request are NOT_FOUND', () => {
    spec.given([]).when(approve()).thenError('ORDER_NOT_FOUND', 'NOT_FOUND');
    spec
      .given([requested('dr-9')])
      .when(approve())
      .thenError('DISCOUNT_REQUEST_NOT_FOUND', 'NOT_FOUND');
  });
});
