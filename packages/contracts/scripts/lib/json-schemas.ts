import { z } from 'zod';
import { commandSubjectTemplate, type CommandContract, type EventContract } from '../../src/index.js';

// JSON Schema for every event version and every command, straight from the zod schemas.

export type JsonSchema = Record<string, unknown>;
export type SchemaTarget = 'draft-2020-12' | 'draft-7';

export interface EventVersion {
  readonly version: number;
  readonly schema: z.ZodType;
}

/** Every published version of an event, oldest first, the current one last. */
export const eventVersions = (contract: EventContract): EventVersion[] => [
  ...contract.history.map((h) => ({ version: h.schemaVersion, schema: h.schema })),
  { version: contract.schemaVersion, schema: contract.schema },
];

const toJsonSchema = (schema: z.ZodType, target: SchemaTarget, io: 'input' | 'output'): JsonSchema => {
  // `unrepresentable: 'throw'` makes a contract that JSON Schema cannot express fail generation loudly.
  const json = z.toJSONSchema(schema, { target, io, unrepresentable: 'throw' }) as JsonSchema;
  if (target === 'draft-7') delete json.$schema;
  return json;
};

const markPersonalData = (json: JsonSchema, fields: readonly string[]): JsonSchema => {
  const properties = json.properties as Record<string, JsonSchema> | undefined;
  for (const field of fields) {
    const property = properties?.[field];
    if (property) property['x-personal-data'] = true;
  }
  return json;
};

/** The data schema of one event version (what the `data` of its CloudEvent holds). */
export const eventJsonSchema = (contract: EventContract, version: EventVersion, target: SchemaTarget): JsonSchema => {
  const json = markPersonalData(toJsonSchema(version.schema, target, 'output'), contract.personalData);
  return {
    ...json,
    title: `${contract.type} v${version.version}`,
    description: contract.description,
    'x-rooftop-context': contract.context,
    'x-rooftop-event-type': contract.type,
    'x-rooftop-schema-version': version.version,
    ...(target === 'draft-2020-12' ? { $id: `urn:rooftop:${contract.context}:event:${contract.type}:v${version.version}` } : {}),
  };
};

/** The data schema of a command, as a caller sends it. */
export const commandJsonSchema = (contract: CommandContract): JsonSchema => ({
  ...toJsonSchema(contract.schema, 'draft-2020-12', 'input'),
  $id: `urn:rooftop:${contract.context}:command:${contract.type}`,
  title: contract.type,
  description: contract.description,
  'x-rooftop-context': contract.context,
  'x-rooftop-command-name': contract.name,
  'x-rooftop-roles': [...contract.roles].sort(),
  'x-rooftop-internal': contract.internal,
  'x-rooftop-subject': commandSubjectTemplate(contract.context, contract.name),
});
