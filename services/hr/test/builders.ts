import { type Actor, type Command } from '@rooftop/eventsourcing';

// Small builders shared by the HR service's unit and integration tests.

export const STORE = 'store-1';

export const hrManager: Actor = { kind: 'user', id: 'hr-1', roles: ['hr_manager'] };
export const generalManager: Actor = { kind: 'user', id: 'gm-1', roles: ['general_manager'] };
export const system: Actor = { kind: 'system', id: 'hr-timers', roles: ['system'] };

let seq = 0;

export const command = <TType extends string, TData>(
  type: TType,
  data: TData,
  options: { now?: string; actor?: Actor; commandId?: string; storeId?: string } = {},
): Command<TType, TData> => {
  const commandId = options.commandId ?? `cmd-${type}-${++seq}`;
  return {
    commandId,
    type,
    storeId: options.storeId ?? STORE,
    actor: options.actor ?? hrManager,
    data,
    metadata: { now: options.now ?? '2025-03-03T10:00:00+08:00', correlationId: commandId },
  };
};

export const cny = (amount: number) => ({ amount, currency: 'CNY' as const });

export const hireData = (employeeId: string, positionId = 'sales-consultant') => ({
  employeeId,
  name: '王芳',
  positionId,
  grade: 'L1' as const,
  hireDate: '2025-03-03',
  probationMonths: 3,
  baseSalary: cny(100_000),
});
