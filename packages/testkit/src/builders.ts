import { type Actor, type Command } from '@rooftop/eventsourcing';

// Command builders for decider and handler specs: a store, an actor and a business time by default, a fresh command
// id per call (its correlation id too), each overridable.

export interface CommandDefaults {
  readonly storeId: string;
  readonly actor: Actor;
  /** The business time (ISO-8601 with offset). */
  readonly now: string;
}

export interface CommandOptions {
  readonly now?: string;
  readonly actor?: Actor;
  readonly commandId?: string;
  readonly storeId?: string;
}

export type CommandBuilder = <TType extends string, TData>(type: TType, data: TData, options?: CommandOptions) => Command<TType, TData>;

export const commandBuilder = (defaults: CommandDefaults): CommandBuilder => {
  let seq = 0;
  return (type, data, options = {}) => {
    const commandId = options.commandId ?? `cmd-${type}-${++seq}`;
    return {
      commandId,
      type,
      storeId: options.storeId ?? defaults.storeId,
      actor: options.actor ?? defaults.actor,
      data,
      metadata: { now: options.now ?? defaults.now, correlationId: commandId },
    };
  };
};

/** Integer fen in CNY (`cny(5_000)` is 50.00 元). */
export const cny = (amount: number) => ({ amount, currency: 'CNY' as const });
