import { type SalesRole, type VehicleClass } from './scheme.js';

// What the calculator needs, as plain data. The HR service's commission projection builds it from the events
// of sales (orders, settlement, targets), insurance (policies) and parts (accessory sales) and from HR's own
// appraisals; nothing here knows where it came from.

export interface Salesperson {
  readonly employeeId: string;
  readonly role: SalesRole;
  /** Units in the month's personal target (SalesTargetSet for the consultant); undefined: none filed. */
  readonly targetUnits?: number;
  /** Monthly appraisal score 0–100; undefined: not scored yet. */
  readonly appraisalScore?: number;
}

export interface VehicleSale {
  readonly orderId: string;
  readonly consultantId: string;
  readonly model: string;
  /** Fen. */
  readonly price: number;
  readonly floorPrice: number;
  readonly financed: boolean;
  /** Online orders (网络订单) belong to the online specialist and stay out of showroom targets and commission. */
  readonly online: boolean;
  /** Business date of settlement (结算); undefined while not settled — no commission until then. */
  readonly settledOn?: string;
}

export interface PolicySale {
  readonly policyId: string;
  /** The sales order the policy was sold with; only those earn the salesperson's insurance commission. */
  readonly orderId?: string;
  readonly coverages: readonly string[];
}

export interface DecorationSale {
  readonly saleId: string;
  readonly soldBy: string;
  /** Net price after discount and cost, fen. */
  readonly net: number;
  readonly cost: number;
  readonly soldOn: string;
}

export interface CommissionInputs {
  readonly salespeople: readonly Salesperson[];
  readonly vehicleSales: readonly VehicleSale[];
  readonly policies: readonly PolicySale[];
  readonly decorations: readonly DecorationSale[];
  /** Vehicle class of each model (the scheme's tables are per class); models not listed are `defaultClass`. */
  readonly modelClasses: Readonly<Record<string, VehicleClass>>;
  readonly defaultClass: VehicleClass;
}
