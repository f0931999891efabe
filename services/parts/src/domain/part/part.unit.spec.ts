import { deciderSpec } from '@rooftop/testkit';
import { describe, expect, it } from 'vitest';
import { clerk, cny, command, filter, manager, mat, seller, settings, system } from '../../../test/builders.js';
import { type PartContext, partDecider, type PartEvent } from './part.decider.js';

const ctx: PartContext = { settings, purchaseLine: { quantity: 10, unitCost: 3_000 }, repairOrder: 'open' };
const spec = deciderSpec(partDecider(ctx));

const registered: PartEvent = { type: 'PartRegistered', data: filter };
const move = { partNumber: 'P-FILTER', kind: 'genuine' as const, brand: '长安' };
// 3 units at 30.00 then 1 at 31.00: 4 units worth 121.00 元 in bin A-1.
const received: PartEvent = {
  type: 'PartsReceived',
  data: { ...move, bin: 'A-1', quantity: 3, cost: cny(9_000), onHand: 3, binOnHand: 3, stockValue: cny(9_000), purchaseOrderId: 'po-1' },
};
const more: PartEvent = {
  type: 'PartsReceived',
  data: { ...move, bin: 'A-1', quantity: 1, cost: cny(3_100), onHand: 4, binOnHand: 4, stockValue: cny(12_100), purchaseOrderId: 'po-2' },
};
const stocked = [registered, received, more];
const issued: PartEvent = {
  type: 'PartsIssuedToRepairOrder',
  data: {
    ...move,
    bin: 'A-1',
    quantity: 3,
    cost: cny(9_075),
    onHand: 1,
    binOnHand: 1,
    stockValue: cny(3_025),
    repairOrderId: 'ro-1',
    amount: cny(15_000),
    issuedBy: 'clerk-1',
  },
};

describe('part decider: master and purchasing', () => {
  it('registers a part once', () => {
    spec
      .given([])
      .when(command('RegisterPart', filter, { actor: manager }))
      .thenEvents([registered]);
    spec
      .given([registered])
      .when(command('RegisterPart', filter, { actor: manager }))
      .thenError('PART_EXISTS', 'INVALID_TRANSITION');
  });

  it('receives against the PO line at its unit cost, never more than ordered', () => {
    spec
      .given([registered])
      .when(command('ReceiveParts', { purchaseOrderId: 'po-1', partNumber: 'P-FILTER', quantity: 3, bin: 'A-1' }))
      .thenEvents([received]);
    const twice: PartEvent = { ...received, data: { ...received.data, quantity: 3 } };
    spec
      .given([registered, twice, twice, twice])
      .when(command('ReceiveParts', { purchaseOrderId: 'po-1', partNumber: 'P-FILTER', quantity: 2, bin: 'A-1' }))
      .thenError('RECEIPT_EXCEEDS_ORDER');
    deciderSpec(partDecider({ settings }))
      .given([registered])
      .when(command('ReceiveParts', { purchaseOrderId: 'po-9', partNumber: 'P-FILTER', quantity: 1, bin: 'A-1' }))
      .thenError('PURCHASE_LINE_NOT_FOUND', 'NOT_FOUND');
    spec
      .given([])
      .when(command('ReceiveParts', { purchaseOrderId: 'po-1', partNumber: 'P-FILTER', quantity: 1, bin: 'A-1' }))
      .thenError('PART_NOT_FOUND', 'NOT_FOUND');
  });
});

describe('part decider: issues, returns and sales at moving-average cost', () => {
  it('issues to an open RO at average cost and list price', () => {
    // 121.00 × 3/4 = 90.75 元.
    spec
      .given(stocked)
      .when(command('IssuePartsToRepairOrder', { repairOrderId: 'ro-1', partNumber: 'P-FILTER', quantity: 3, bin: 'A-1' }))
      .thenEvents([issued]);
  });

  it('never lets stock go negative, per bin', () => {
    spec
      .given(stocked)
      .when(command('IssuePartsToRepairOrder', { repairOrderId: 'ro-1', partNumber: 'P-FILTER', quantity: 5, bin: 'A-1' }))
      .thenError('INSUFFICIENT_STOCK');
    spec
      .given(stocked)
      .when(command('SellPartsOverCounter', { saleId: 's-1', partNumber: 'P-FILTER', quantity: 1, bin: 'B-9' }))
      .thenError('INSUFFICIENT_STOCK');
  });

  it('rejects issues and returns on a closed or unknown RO', () => {
    const issue = command('IssuePartsToRepairOrder', { repairOrderId: 'ro-1', partNumber: 'P-FILTER', quantity: 1, bin: 'A-1' });
    deciderSpec(partDecider({ settings, repairOrder: 'closed' }))
      .given(stocked)
      .when(issue)
      .thenError('REPAIR_ORDER_CLOSED', 'INVALID_TRANSITION');
    deciderSpec(partDecider({ settings })).given(stocked).when(issue).thenError('REPAIR_ORDER_NOT_FOUND', 'NOT_FOUND');
    deciderSpec(partDecider({ settings, repairOrder: 'closed' }))
      .given([...stocked, issued])
      .when(command('ReturnPartsFromRepairOrder', { repairOrderId: 'ro-1', partNumber: 'P-FILTER', quantity: 1, bin: 'A-1' }))
      .thenError('REPAIR_ORDER_CLOSED');
  });

  it('takes returns back at the issue cost and price, at most what is out on the RO', () => {
    spec
      .given([...stocked, issued])
      .when(command('ReturnPartsFromRepairOrder', { repairOrderId: 'ro-1', partNumber: 'P-FILTER', quantity: 1, bin: 'A-1' }))
      .thenEvents([
        {
          type: 'PartsReturnedFromRepairOrder',
          data: {
            ...move,
            bin: 'A-1',
            quantity: 1,
            cost: cny(3_025),
            onHand: 2,
            binOnHand: 2,
            stockValue: cny(6_050),
            repairOrderId: 'ro-1',
            amount: cny(5_000),
            returnedBy: 'clerk-1',
          },
        },
      ]);
    spec
      .given([...stocked, issued])
      .when(command('ReturnPartsFromRepairOrder', { repairOrderId: 'ro-1', partNumber: 'P-FILTER', quantity: 4, bin: 'A-1' }))
      .thenError('RETURN_EXCEEDS_ISSUED');
    spec
      .given(stocked)
      .when(command('ReturnPartsFromRepairOrder', { repairOrderId: 'ro-2', partNumber: 'P-FILTER', quantity: 1, bin: 'A-1' }))
      .thenError('RETURN_EXCEEDS_ISSUED');
  });

  it('sells the last unit at exactly the value left', () => {
    spec
      .given([...stocked, issued])
      .when(command('SellPartsOverCounter', { saleId: 's-1', partNumber: 'P-FILTER', quantity: 1, bin: 'A-1' }))
      .thenEvents([
        {
          type: 'PartsSoldOverCounter',
          data: {
            ...move,
            bin: 'A-1',
            quantity: 1,
            cost: cny(3_025),
            onHand: 0,
            binOnHand: 0,
            stockValue: cny(0),
            saleId: 's-1',
            amount: cny(5_000),
            soldBy: 'clerk-1',
          },
        },
      ]);
  });
});

describe('part decider: accessories and discount authority', () => {
  const matIn: PartEvent[] = [
    { type: 'PartRegistered', data: mat },
    {
      type: 'PartsReceived',
      data: {
        partNumber: 'A-MAT',
        kind: 'accessory',
        brand: '长安',
        bin: 'C-1',
        quantity: 2,
        cost: cny(40_000),
        onHand: 2,
        binOnHand: 2,
        stockValue: cny(40_000),
        purchaseOrderId: 'po-1',
      },
    },
  ];
  const sell = (discount: number, actor = seller) =>
    command('SellAccessory', { saleId: 'acc-1', partNumber: 'A-MAT', quantity: 1, bin: 'C-1', discount: cny(discount) }, { actor });
  const sold = (discount: number, approvedBy?: string): PartEvent => ({
    type: 'AccessorySold',
    data: {
      partNumber: 'A-MAT',
      kind: 'accessory',
      brand: '长安',
      bin: 'C-1',
      quantity: 1,
      cost: cny(20_000),
      onHand: 1,
      binOnHand: 1,
      stockValue: cny(20_000),
      saleId: 'acc-1',
      amount: cny(40_000),
      discount: cny(discount),
      net: cny(40_000 - discount),
      soldBy: approvedBy ?? 'acc-1',
      ...(approvedBy ? { approvedBy } : {}),
    },
  });

  it('lets a seller discount up to the authority (10 %) alone', () => {
    spec
      .given(matIn)
      .when(sell(4_000))
      .thenEvents([sold(4_000)]);
  });

  it('needs a manager above the authority, and records the approver', () => {
    spec.given(matIn).when(sell(4_001)).thenError('DISCOUNT_ABOVE_AUTHORITY', 'FORBIDDEN');
    spec
      .given(matIn)
      .when(sell(8_000, manager))
      .thenEvents([sold(8_000, 'pm-1')]);
    spec.given(matIn).when(sell(40_001, manager)).thenError('DISCOUNT_EXCEEDS_AMOUNT', 'VALIDATION_FAILED');
  });

  it('sells only accessories and care products as accessories', () => {
    spec
      .given(stocked)
      .when(command('SellAccessory', { saleId: 'x', partNumber: 'P-FILTER', quantity: 1, bin: 'A-1', discount: cny(0) }, { actor: seller }))
      .thenError('NOT_AN_ACCESSORY');
  });
});

describe('part decider: counts, transfers, unmet demand', () => {
  it('adjusts a count at average cost with its reason (shrinkage and a find)', () => {
    spec
      .given(stocked)
      .when(command('CountStock', { partNumber: 'P-FILTER', bin: 'A-1', counted: 3, reason: 'damaged' as const }))
      .thenEvents([
        {
          type: 'StockCounted',
          data: {
            ...move,
            bin: 'A-1',
            counted: 3,
            adjustment: -1,
            costDelta: -3_025,
            onHand: 3,
            binOnHand: 3,
            stockValue: cny(9_075),
            reason: 'damaged',
            countedBy: 'clerk-1',
          },
        },
      ]);
    spec
      .given(stocked)
      .when(command('CountStock', { partNumber: 'P-FILTER', bin: 'B-2', counted: 2, reason: 'found' as const }))
      .thenEvents([
        {
          type: 'StockCounted',
          data: {
            ...move,
            bin: 'B-2',
            counted: 2,
            adjustment: 2,
            costDelta: 6_050,
            onHand: 6,
            binOnHand: 2,
            stockValue: cny(18_150),
            reason: 'found',
            countedBy: 'clerk-1',
          },
        },
      ]);
  });

  it('ships to a known sister store only, once per transfer id', () => {
    const ship = (toStoreId: string, transferId = 't-1') =>
      command('TransferParts', { transferId, partNumber: 'P-FILTER', quantity: 2, bin: 'A-1', toStoreId });
    const shipped: PartEvent = {
      type: 'PartsTransferShipped',
      data: {
        ...move,
        bin: 'A-1',
        quantity: 2,
        cost: cny(6_050),
        onHand: 2,
        binOnHand: 2,
        stockValue: cny(6_050),
        transferId: 't-1',
        toStoreId: 'store-2',
        name: filter.name,
        price: cny(5_000),
        shippedBy: 'clerk-1',
      },
    };
    spec.given(stocked).when(ship('store-2')).thenEvents([shipped]);
    spec.given(stocked).when(ship('store-9')).thenError('UNKNOWN_STORE', 'NOT_FOUND');
    spec.given(stocked).when(ship('store-1')).thenError('TRANSFER_TO_SAME_STORE', 'VALIDATION_FAILED');
    spec
      .given([...stocked, shipped])
      .when(ship('store-2'))
      .thenError('TRANSFER_EXISTS');
  });

  it('receives a transfer once, filing a part new to the store', () => {
    const data = {
      transferId: 't-1',
      fromStoreId: 'store-2',
      partNumber: 'P-FILTER',
      name: filter.name,
      kind: 'genuine' as const,
      brand: '长安',
      quantity: 2,
      cost: cny(6_050),
      unitCost: cny(3_000),
      price: cny(5_000),
      bin: 'T-1',
    };
    const receivedT: PartEvent = {
      type: 'PartsTransferReceived',
      data: { ...move, bin: 'T-1', quantity: 2, cost: cny(6_050), onHand: 2, binOnHand: 2, stockValue: cny(6_050), transferId: 't-1', fromStoreId: 'store-2' },
    };
    spec
      .given([])
      .when(command('ReceiveTransferredParts', data, { actor: system }))
      .thenEvents([{ type: 'PartRegistered', data: { ...filter, reorderPoint: 0 } }, receivedT]);
    spec
      .given([{ type: 'PartRegistered', data: { ...filter, reorderPoint: 0 } }, receivedT])
      .when(command('ReceiveTransferredParts', data, { actor: system }))
      .thenEvents([]);
  });

  it('records unmet demand, with the part master when known', () => {
    spec
      .given([])
      .when(command('RecordUnmetDemand', { partNumber: 'X-1', quantity: 1 }))
      .thenEvents([{ type: 'PartDemandUnmet', data: { partNumber: 'X-1', quantity: 1, recordedBy: 'clerk-1' } }]);
    const decision = partDecider(ctx).decide(
      command('RecordUnmetDemand', { partNumber: 'P-FILTER', quantity: 2, repairOrderId: 'ro-1' }, { actor: clerk }),
      stocked.reduce(partDecider(ctx).evolve, partDecider(ctx).initialState()),
    );
    expect(decision).toEqual([
      { type: 'PartDemandUnmet', data: { partNumber: 'P-FILTER', quantity: 2, kind: 'genuine', brand: '长安', repairOrderId: 'ro-1', recordedBy: 'clerk-1' } },
    ]);
  });
});
