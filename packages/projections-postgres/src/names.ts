import { ProjectionConfigError } from './errors.js';

/** Schema names are at most 63 bytes; `proj_` + name + `_g` + generation must fit. */
const PROJECTION_NAME = /^[a-z][a-z0-9_]{0,39}$/;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export const assertProjectionName = (name: string): void => {
  if (!PROJECTION_NAME.test(name)) {
    throw new ProjectionConfigError(`projection name ${JSON.stringify(name)} must match ${PROJECTION_NAME.source}`, { name });
  }
};

export const assertSchemaName = (name: string): void => {
  if (!SCHEMA_NAME.test(name)) {
    throw new ProjectionConfigError(`schema name ${JSON.stringify(name)} must match ${SCHEMA_NAME.source}`, { name });
  }
};

/** The schema holding one generation of a projection's tables. */
export const generationSchema = (name: string, generation: number): string => `proj_${name}_g${generation}`;

/** Quotes any identifier (relation names come from the catalog and are not ours to validate). */
export const quoteIdent = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;
