import { streamName } from '@rooftop/eventsourcing';

// Stream ids of HR's aggregates (`hr-<aggregate>-<id>`, docs/architecture.md §2).
export const HR = 'hr';

export const streams = {
  staffing: (storeId: string) => streamName(HR, 'staffing', storeId),
  employee: (employeeId: string) => streamName(HR, 'employee', employeeId),
  training: (sessionId: string) => streamName(HR, 'training', sessionId),
  /** One salesperson's commission statement of one month. */
  commission: (employeeId: string, month: string) => streamName(HR, 'commission', `${employeeId}_${month}`),
} as const;
