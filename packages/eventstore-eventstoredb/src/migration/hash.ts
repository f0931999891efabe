import { createHash } from 'node:crypto';
import { type CommandResult, type RecordedEvent } from '@rooftop/eventsourcing';

/** One event as a log file carries it; `previousPosition` is the position of the event before it (0 for the first). */
export interface LogEvent {
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly globalPosition: number;
  readonly previousPosition: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: unknown;
  /** ISO-8601 with milliseconds: what every adapter's `recordedAt` (a Date) holds. */
  readonly recordedAt: string;
}

export interface LogCommand {
  readonly commandId: string;
  readonly streamId: string;
  /** The key the command was recorded under (ADR 0021); type and hash are null for one recorded before keys. */
  readonly context: string;
  readonly type: string | null;
  readonly dataHash: string | null;
  readonly result: CommandResult;
}

export const logEventOf = (event: RecordedEvent, previousPosition: number): LogEvent => ({
  eventId: event.eventId,
  streamId: event.streamId,
  streamVersion: event.streamVersion,
  globalPosition: event.globalPosition,
  previousPosition,
  type: event.type,
  schemaVersion: event.schemaVersion,
  data: event.data,
  metadata: event.metadata,
  recordedAt: event.recordedAt.toISOString(),
});

/** JSON with object keys sorted at every level: equal values give equal text whatever the key order. */
export const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
};

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The hash of one event: every field, its position and its predecessor's included. */
export const eventHash = (event: LogEvent): string => sha256(canonicalJson(event));

export const commandHash = (command: LogCommand): string => sha256(canonicalJson(command));

export interface LogSummary {
  readonly events: number;
  /** Chained over the events in log order: a changed, missing, added or reordered event changes it. */
  readonly eventsDigest: string;
  readonly commands: number;
  /** Sum of the command hashes mod 2^256: independent of the order the stores list them in. */
  readonly commandsDigest: string;
}

const MOD = 2n ** 256n;

/** Accumulates a log's summary event by event, and checks the chain of positions as it goes. */
export class LogDigest {
  private chain = sha256('rooftop-event-log');
  private events = 0;
  private commandSum = 0n;
  private commands = 0;
  private lastPosition = 0;

  addEvent(event: LogEvent): string {
    if (event.previousPosition !== this.lastPosition || event.globalPosition <= this.lastPosition) {
      throw new Error(
        `event ${event.eventId} at ${event.globalPosition} names ${event.previousPosition} as its predecessor, but the log's last position is ${this.lastPosition}`,
      );
    }
    this.lastPosition = event.globalPosition;
    const hash = eventHash(event);
    this.chain = sha256(this.chain + hash);
    this.events++;
    return hash;
  }

  addCommand(command: LogCommand): void {
    this.commandSum = (this.commandSum + BigInt(`0x${commandHash(command)}`)) % MOD;
    this.commands++;
  }

  get lastEventPosition(): number {
    return this.lastPosition;
  }

  summary(): LogSummary {
    return { events: this.events, eventsDigest: this.chain, commands: this.commands, commandsDigest: this.commandSum.toString(16).padStart(64, '0') };
  }
}
