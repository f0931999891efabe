import { deciderSpec } from '@rooftop/testkit';
import { describe, it } from 'vitest';
import { cny, command } from '../../../test/builders.js';
import { purchaseOrderDecider } from './purchase-order.decider.js';

const spec = deciderSpec(purchaseOrderDecider);
const data = {
  purchaseOrderId: 'po-1',
  supplier: '长安配件中心',
  lines: [
    { partNumber: 'P-FILTER', quantity: 10, unitCost: cny(3_000) },
    { partNumber: 'A-MAT', quantity: 2, unitCost: cny(20_000) },
  ],
};

describe('purchase order decider', () => {
  it('places an order with its total, once', () => {
    const placed = { type: 'PurchaseOrderPlaced' as const, data: { ...data, total: cny(70_000) } };
    spec.given([]).when(command('PlacePurchaseOrder', data)).thenEvents([placed]);
    spec.given([placed]).when(command('PlacePurchaseOrder', data)).thenError('PURCHASE_ORDER_EXISTS', 'INVALID_TRANSITION');
  });

  it('refuses a part number on two lines', () => {
    spec
      .given([])
      .when(command('PlacePurchaseOrder', { ...data, lines: [data.lines[0]!, data.lines[0]!] }))
      .thenError('DUPLICATE_LINE', 'VALIDATION_FAILED');
  });
});
