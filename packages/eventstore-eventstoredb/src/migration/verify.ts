import { eventHash, type LogSummary } from './hash.js';
import { type LogSource, readLogFile, summariseLogFile, summariseSource } from './log-file.js';

export interface Verification {
  readonly ok: boolean;
  readonly file: LogSummary;
  readonly store: LogSummary;
  /** The first event (by index in log order) whose hash differs, when the events differ. */
  readonly firstDifference?: { readonly index: number; readonly fileEventId?: string; readonly storeEventId?: string };
}

const same = (a: LogSummary, b: LogSummary) =>
  a.events === b.events && a.eventsDigest === b.eventsDigest && a.commands === b.commands && a.commandsDigest === b.commandsDigest;

/** Compares a store with a log file: counts and digests, and on a difference the first event that differs. */
export const verifyAgainstFile = async (path: string, source: LogSource): Promise<Verification> => {
  const [file, store] = [await summariseLogFile(path), await summariseSource(source)];
  if (same(file, store)) return { ok: true, file, store };
  if (file.events === store.events && file.eventsDigest === store.eventsDigest) return { ok: false, file, store };
  const fromFile = readLogFile(path);
  const fromStore = source.events()[Symbol.asyncIterator]();
  for (let index = 0; ; index++) {
    let a = await fromFile.next();
    while (!a.done && a.value.kind !== 'event') a = await fromFile.next();
    const b = await fromStore.next();
    const fileEvent = !a.done && a.value.kind === 'event' ? a.value.event : undefined;
    const storeEvent = b.done ? undefined : b.value;
    if (!fileEvent && !storeEvent) return { ok: false, file, store };
    if (!fileEvent || !storeEvent || eventHash(fileEvent) !== eventHash(storeEvent)) {
      await fromFile.return?.(undefined as never);
      await fromStore.return?.();
      return {
        ok: false,
        file,
        store,
        firstDifference: { index, ...(fileEvent ? { fileEventId: fileEvent.eventId } : {}), ...(storeEvent ? { storeEventId: storeEvent.eventId } : {}) },
      };
    }
  }
};
