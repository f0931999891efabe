import { createHash } from 'node:crypto';
import type pg from 'pg';

const statementNames = new Map<string, string>();

/**
 * A named statement: PostgreSQL parses and plans it once per connection instead of on every call. Only for
 * statements whose best plan does not depend on the parameter values (primary-key and unique-index lookups,
 * the append); the tailing read stays unnamed so each call is planned with its actual bounds. The name is a
 * hash of the text, so two copies of this module (or two schemas) never give one name two texts.
 */
export const prepared = (text: string, values: unknown[]): pg.QueryConfig => {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `rooftop_es_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return { name, text, values };
};
