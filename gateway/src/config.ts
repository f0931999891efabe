import { baseConfig, booleanVar, commandSigningKeyVar, idVar, positiveIntVar, type Env, loadConfig, portVar } from '@rooftop/platform';
import { z } from 'zod';
import { ORIGIN } from './http/cors.js';

/**
 * The gateway's variables. One image, two deployments: `store` (STORE_ID set, reads that store's read models)
 * and `group` (HQ: reads the group's read models, where the fact tables hold every store of the group).
 */
export const gatewayConfig = baseConfig
  .omit({ STORE_ID: true })
  .extend({
    GATEWAY_SCOPE: z.enum(['store', 'group']).default('store').describe('store = one store deployment, group = HQ deployment for the whole group.'),
    STORE_ID: idVar().optional().describe('The store a store-scoped gateway serves (required when GATEWAY_SCOPE=store).'),
    GROUP_STORE_IDS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s.length > 0),
      )
      .describe('Comma-separated store ids of the group; what a group-wide token (storeIds "*") may read at HQ.'),
    GATEWAY_WORKERS: positiveIntVar()
      .default(1)
      .describe('Gateway processes serving GATEWAY_PORT (node:cluster); each has its own PostgreSQL pool of 10 and its own caches.'),
    GATEWAY_PORT: portVar().default(4000).describe('Port of the GraphQL HTTP server (also /healthz and /readyz).'),
    READ_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/)
      .default('read')
      .describe('PostgreSQL schema of the read views the projections publish.'),
    JWT_SECRET: z.string().min(32).optional().describe('HS256 secret for bearer tokens (at least 32 characters; never logged).'),
    JWT_PUBLIC_KEY: z.string().optional().describe('RS256 public key (SPKI PEM) for bearer tokens, instead of JWT_SECRET.'),
    JWT_ISSUER: z.string().optional().describe('Required `iss` of bearer tokens, when set.'),
    JWT_AUDIENCE: z.string().optional().describe('Required `aud` of bearer tokens, when set.'),
    MAX_QUERY_DEPTH: positiveIntVar().default(8).describe('Deepest selection a query may have; deeper ones are rejected before execution.'),
    MAX_QUERY_COMPLEXITY: positiveIntVar()
      .default(1000)
      .describe('Highest cost (fields × list sizes) a query may have; costlier ones are rejected before execution.'),
    MAX_QUERY_TOKENS: positiveIntVar().default(2_000).describe('Most tokens a GraphQL document may hold; the parser stops past it (400 QUERY_TOO_LARGE).'),
    MAX_REQUEST_BODY_BYTES: positiveIntVar()
      .default(1_000_000)
      .describe('Largest request body accepted; larger ones are answered 413 REQUEST_ENTITY_TOO_LARGE.'),
    COMMAND_TIMEOUT_MS: positiveIntVar().default(5_000).describe('How long a mutation waits for the service to answer its command.'),
    GATEWAY_TOKEN_MAX_LIFETIME: positiveIntVar()
      .default(43_200)
      .describe('Longest lifetime (seconds, exp − iat) a bearer token may have; tokens without exp are refused.'),
    GATEWAY_CORS_ORIGINS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s.length > 0),
      )
      .refine((origins) => origins.every((o) => ORIGIN.test(o)), 'lists origins as scheme://host[:port], comma-separated')
      .describe('Comma-separated browser origins (scheme://host[:port]) allowed to call the gateway cross-origin; none by default.'),
    GRAPHIQL: booleanVar().default(false).describe('Serve GraphiQL on GET /graphql (its assets from the gateway itself); `npm start` turns it on.'),
    GATEWAY_INTROSPECTION: booleanVar().optional().describe('Answer introspection (__schema, __type); default: as GRAPHIQL.'),
    COMMAND_SIGNING_KEY: commandSigningKeyVar().describe(
      "Ed25519 private JWK with its kid that signs each command's actor assertion (never logged); services trust its public key in COMMAND_ISSUER_KEYS.",
    ),
  })
  .refine((c) => c.GATEWAY_SCOPE === 'group' || c.STORE_ID !== undefined, { path: ['STORE_ID'], message: 'is required when GATEWAY_SCOPE=store' })
  .refine((c) => c.GATEWAY_SCOPE === 'store' || c.GROUP_STORE_IDS.length > 0, {
    path: ['GROUP_STORE_IDS'],
    message: 'lists the stores an HQ gateway serves (required when GATEWAY_SCOPE=group)',
  })
  .refine((c) => (c.JWT_SECRET === undefined) !== (c.JWT_PUBLIC_KEY === undefined), {
    path: ['JWT_SECRET'],
    message: 'set exactly one of JWT_SECRET (HS256) and JWT_PUBLIC_KEY (RS256)',
  });

export type GatewayConfig = z.output<typeof gatewayConfig>;

export const loadGatewayConfig = (env: Env = process.env): GatewayConfig => loadConfig(gatewayConfig, env);
