import { type CommandContract } from '@rooftop/contracts';
import { z } from 'zod';
import { builder } from '../../builder.js';
import { badInput } from '../../errors.js';

// GraphQL input types derived from each command's zod schema (through its JSON Schema), so the schema can
// never drift from the contracts. Shapes GraphQL inputs cannot express (unions) become JSON; the contract's
// own zod schema validates every input before it is sent either way.

interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly properties?: Record<string, JsonSchema>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly enum?: readonly unknown[];
  readonly maximum?: number;
  readonly minimum?: number;
}

const INT32_MAX = 2 ** 31 - 1;

// Pothos' field typing cannot follow types generated at run time; these are the only untyped refs here.
type InputRef = string | object;
type InputFieldType = InputRef | [InputRef];

const pascal = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

const describe = (schema: JsonSchema): string | undefined => {
  const allowed = schema.enum && schema.enum.length > 0 ? `One of: ${schema.enum.join(', ')}.` : undefined;
  const text = schema.description && !/[.。)）]$/.test(schema.description) ? `${schema.description}.` : schema.description;
  return [text, allowed].filter(Boolean).join(' ') || undefined;
};

const scalarOf = (schema: JsonSchema): string => {
  switch (schema.type) {
    case 'string':
      return 'String';
    case 'boolean':
      return 'Boolean';
    case 'integer':
      // Amounts in fen outgrow Int (32-bit): use Float unless the contract bounds the integer.
      return schema.maximum !== undefined && schema.maximum <= INT32_MAX && (schema.minimum ?? 0) >= -INT32_MAX ? 'Int' : 'Float';
    case 'number':
      return 'Float';
    default:
      return 'JSON';
  }
};

const hasFields = (schema: JsonSchema): boolean => schema.type === 'object' && Object.keys(schema.properties ?? {}).length > 0;

const typeFor = (schema: JsonSchema, name: string): InputFieldType => {
  if (hasFields(schema)) return objectInput(schema, name);
  if (schema.type === 'array' && schema.items) {
    const item = typeFor(schema.items, `${name}Item`);
    return Array.isArray(item) ? 'JSON' : [item as InputRef];
  }
  return scalarOf(schema);
};

const objectInput = (schema: JsonSchema, name: string): object => {
  const properties = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const fieldTypes = properties.map(
    ([field, fieldSchema]) => [field, fieldSchema, typeFor(fieldSchema, `${name.replace(/Input$/, '')}${pascal(field)}Input`)] as const,
  );
  return builder.inputType(name, {
    ...(schema.description ? { description: schema.description } : {}),
    fields: (t) =>
      Object.fromEntries(
        fieldTypes.map(([field, fieldSchema, type]) => {
          const description = describe(fieldSchema);
          // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see InputRef above
          return [field, t.field({ type: type as any, required: required.has(field), ...(description ? { description } : {}) })];
        }),
      ),
  });
};

/** The input type of a command, or undefined when its data has no fields (GraphQL inputs need at least one). */
export const commandInputType = (contract: CommandContract): object | undefined => {
  const schema = z.toJSONSchema(contract.schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return hasFields(schema) ? objectInput({ ...schema, description: contract.description }, `${contract.type}Input`) : undefined;
};

/** Deeper than any input type a contract derives, plus the JSON scalar's own bound. */
const MAX_INPUT_DEPTH = 64;

/**
 * GraphQL passes an omitted optional field as absent but an explicit null as null; contracts want it absent.
 * An input nested deeper than MAX_INPUT_DEPTH is refused (the JSON scalar already refuses deep values; this
 * keeps the recursion bounded whatever reaches it).
 */
export const withoutNulls = (value: unknown, depth = 0): unknown => {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_INPUT_DEPTH) throw badInput('INPUT_TOO_DEEP', `a command input nests at most ${MAX_INPUT_DEPTH} levels`);
  if (Array.isArray(value)) return value.map((item) => withoutNulls(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [k, withoutNulls(v, depth + 1)]),
  );
};
