import { type CommandUnion, type EventUnion, type hr } from '@rooftop/contracts';

export type StaffingEvent = EventUnion<typeof hr.staffingEvents>;

export type StaffingCommand = CommandUnion<typeof hr.staffingCommands>;

export interface Position {
  readonly departmentId: string;
  readonly title: string;
  readonly plannedHeadcount: number;
}

export interface Placement {
  readonly departmentId: string;
  readonly positionId: string;
  readonly hireDate: string;
  readonly grade: 'L1' | 'L2' | 'L3' | 'L4' | 'L5';
  readonly baseSalary: { readonly amount: number; readonly currency: 'CNY' };
  readonly status: 'employed' | 'left';
}

/** The store's staffing: plan, GM approvals of extra seats (used or not) and where each employee sits. */
export interface Staffing {
  readonly departments: ReadonlyMap<string, string>;
  readonly positions: ReadonlyMap<string, Position>;
  readonly approvals: ReadonlyMap<string, { readonly positionId: string; readonly used: boolean }>;
  readonly employees: ReadonlyMap<string, Placement>;
}

export const emptyStaffing = (): Staffing => ({ departments: new Map(), positions: new Map(), approvals: new Map(), employees: new Map() });

/** Employees currently in the position. */
export const occupancy = (state: Staffing, positionId: string): number =>
  [...state.employees.values()].filter((e) => e.status === 'employed' && e.positionId === positionId).length;
