import { type CommandOf, type CommandUnion, type EventOf, type EventUnion, type sales } from '@rooftop/contracts';
import { type z } from 'zod';

export type TargetScope = z.infer<typeof sales.targetScope>;
export type SetSalesTarget = CommandOf<typeof sales.SetSalesTarget>;
export type SalesTargetCommand = CommandUnion<typeof sales.targetCommands>;
export type SalesTargetSet = EventOf<typeof sales.SalesTargetSet>;
export type SalesTargetEvent = EventUnion<typeof sales.targetEvents>;

/** The id part of a target stream: `store-<month>`, `team-<teamId>-<month>`, `consultant-<id>-<month>`. */
export const targetKey = (scope: TargetScope, month: string): string => {
  switch (scope.level) {
    case 'store':
      return `store-${month}`;
    case 'team':
      return `team-${scope.teamId}-${month}`;
    case 'consultant':
      return `consultant-${scope.consultantId}-${month}`;
  }
};
