import { PothosValidationError } from '@pothos/core';
import { cursorToOffset, offsetForArgs } from '@pothos/plugin-relay';
import { badInput } from '../errors.js';

/** Rows a page may hold (the connections' `first`/`last`). */
export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 20;
/** Farthest offset a cursor may point at: far past any ranking or report, and an integer PostgreSQL takes. */
const MAX_OFFSET = 1_000_000;

export interface PageArgs {
  readonly first?: number | null;
  readonly last?: number | null;
  readonly before?: string | null;
  readonly after?: string | null;
}

const badCursor = (cursor: string) => badInput('BAD_CURSOR', 'the cursor is not one this connection gave out', { cursor: cursor.slice(0, 100) });

const offsetOf = (cursor: string): number => {
  let offset: number;
  try {
    offset = cursorToOffset(cursor);
  } catch (error) {
    if (error instanceof PothosValidationError) throw badCursor(cursor);
    throw error;
  }
  if (!Number.isSafeInteger(offset) || offset < 0 || offset > MAX_OFFSET) throw badCursor(cursor);
  return offset;
};

/**
 * Checks a connection's paging arguments before anything is read: a page of at most MAX_PAGE rows, cursors
 * that decode to an offset the connection could have given out (a garbage cursor once reached SQL as
 * `OFFSET NaN`), and a combination the relay helpers accept — each refused as VALIDATION_FAILED.
 */
export const checkPage = (args: PageArgs): void => {
  if ((args.first ?? 0) > MAX_PAGE || (args.last ?? 0) > MAX_PAGE) throw badInput('PAGE_TOO_LARGE', `a page holds at most ${MAX_PAGE} rows`);
  if (args.after) offsetOf(args.after);
  if (args.before) offsetOf(args.before);
  try {
    offsetForArgs({ args, defaultSize: DEFAULT_PAGE, maxSize: MAX_PAGE });
  } catch (error) {
    if (error instanceof PothosValidationError) throw badInput('BAD_PAGE', error.message);
    throw error;
  }
};
