import { type z } from 'zod';

export interface ConfigVariable {
  readonly name: string;
  readonly description: string;
  /** False when the variable has a default or is optional. */
  readonly required: boolean;
  /** The default as it would be written in the environment, when there is one. */
  readonly default?: string;
  /** The allowed values, for enum variables. */
  readonly values?: readonly string[];
}

interface Def {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly defaultValue?: unknown;
  readonly entries?: Record<string, string | number>;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { def: Def }).def;

const envText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/**
 * Reads what an operator needs to know from a variable's schema. `.describe()` and `.default()` may be chained in
 * either order, so the description and the default are looked up through every wrapper, outermost first.
 */
export const describeVariable = (name: string, schema: z.ZodType): ConfigVariable => {
  let description = '';
  let required = true;
  let defaultText: string | undefined;
  let values: string[] | undefined;
  for (let current: z.ZodType | undefined = schema; current !== undefined;) {
    const def = defOf(current);
    if (description === '' && current.description) description = current.description;
    if (def.type === 'default' || def.type === 'prefault') {
      required = false;
      if (defaultText === undefined) defaultText = envText(def.defaultValue);
    }
    if (def.type === 'optional') required = false;
    if (def.type === 'enum' && def.entries !== undefined) values = Object.values(def.entries).map(String);
    current = def.innerType ?? def.in;
  }
  return {
    name,
    description,
    required,
    ...(defaultText === undefined ? {} : { default: defaultText }),
    ...(values === undefined ? {} : { values }),
  };
};
