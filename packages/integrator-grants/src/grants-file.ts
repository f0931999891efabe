import { readFileSync } from 'node:fs';
import { type ContractRegistry, parseWith } from '@rooftop/contracts';
import { ValidationError } from '@rooftop/eventsourcing';
import { z } from 'zod';
import { type Grant, parseGrant } from './grant.js';

// The grants file HQ keeps (`integrators run grants.json`): each grant, and optionally its webhook. A webhook's
// secret is never in the file: it names the environment variable that holds it.

const webhookSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  /** Environment variable holding the `whsec_…` secret. */
  secretEnv: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'an environment variable name'),
});

const fileSchema = z.strictObject({
  grants: z.array(z.looseObject({ name: z.string(), webhook: webhookSchema.optional() })),
});

export interface GrantEntry {
  readonly grant: Grant;
  readonly webhook?: { readonly url: string; readonly secret: string };
}

/** Reads and validates the file (typed ValidationError naming every bad entry; a name listed twice is one). */
export const readGrantsFile = (file: string, registry: ContractRegistry, env: NodeJS.ProcessEnv = process.env): GrantEntry[] => {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ValidationError(`${file} is not readable JSON`, [{ path: 'file', message: error instanceof Error ? error.message : String(error) }]);
  }
  const { grants } = parseWith(fileSchema, json, 'grants file');
  const issues: { path: string; message: string }[] = [];
  const entries: GrantEntry[] = [];
  const seen = new Set<string>();
  grants.forEach(({ webhook, ...input }, i) => {
    try {
      const grant = parseGrant(input, registry);
      if (seen.has(grant.name)) issues.push({ path: `grants.${i}.name`, message: `${grant.name} is listed twice` });
      seen.add(grant.name);
      const secret = webhook ? env[webhook.secretEnv] : undefined;
      if (webhook && !secret) issues.push({ path: `grants.${i}.webhook.secretEnv`, message: `${webhook.secretEnv} is not set` });
      entries.push({ grant, ...(webhook && secret ? { webhook: { url: webhook.url, secret } } : {}) });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      issues.push(...error.issues.map((x) => ({ path: `grants.${i}.${x.path}`, message: x.message })));
    }
  });
  if (issues.length > 0) throw new ValidationError(`grants file is invalid: ${issues.map((x) => `${x.path}: ${x.message}`).join('; ')}`, issues);
  return entries;
};
