import { useGraphQlJit } from '@envelop/graphql-jit';
import { RooftopError } from '@rooftop/eventsourcing';
import { type ReadinessCheck, Readiness, type Registry } from '@rooftop/platform';
import { GraphQLError } from './graphql.js';
import { type Plugin, type YogaServerInstance, createYoga, maskError } from 'graphql-yoga';
import { RefusalAudit, type RefusalAuditOptions } from './audit.js';
import { type GatewayContext, type GatewayDeps, createContext } from './context.js';
import { fromErrorBody } from './errors.js';
import { corsPlugin } from './http/cors.js';
import { selfContainedGraphiQL } from './http/graphiql.js';
import { mediaTypePlugin } from './http/media-type.js';
import { DEFAULT_MAX_REQUEST_BODY_BYTES, requestBodyLimitPlugin } from './limits/body-size.js';
import { type DocumentCacheOptions, documentCachePlugin } from './limits/document-cache.js';
import { noIntrospectionPlugin } from './limits/introspection.js';
import { variablesDepthPlugin } from './limits/variables.js';
import type { QueryLimits } from './limits/query-limits.js';
import { connectionFields, schema } from './schema/index.js';

export interface GatewayOptions extends GatewayDeps {
  readonly limits: QueryLimits;
  /** Serve GraphiQL on GET /graphql, its assets inlined (default off; `npm start` turns it on). */
  readonly graphiql?: boolean;
  /** Answer `__schema` / `__type` (default: as `graphiql`, which needs it). */
  readonly introspection?: boolean;
  /** Browser origins allowed to call cross-origin (default none). */
  readonly corsOrigins?: readonly string[];
  /** Bounds of the accepted-document cache (entries, estimated bytes). */
  readonly documentCache?: DocumentCacheOptions;
  /** The per-principal rate of refusal audit lines, and the registry its counters go to. */
  readonly refusalAudit?: RefusalAuditOptions;
  /** Where the gateway's counters are registered; served on `/metrics` when given. */
  readonly metrics?: Registry;
  /** Dependencies behind /readyz (e.g. PostgreSQL, NATS). */
  readonly readinessChecks?: Readonly<Record<string, ReadinessCheck>>;
  readonly readinessTimeoutMs?: number;
  /** Largest request body accepted (413 `REQUEST_ENTITY_TOO_LARGE` above it); yoga's 25 MB by default. */
  readonly maxRequestBodyBytes?: number;
}

export type Gateway = YogaServerInstance<Record<string, never>, GatewayContext>;

const json = (body: unknown, status: number): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

/** `/healthz` (the process answers), `/readyz` (its dependencies answer) and `/metrics` (when a registry is given), beside `/graphql`. */
const opsPlugin = (readiness: Readiness, metrics: Registry | undefined): Plugin => ({
  async onRequest({ url, endResponse }) {
    if (url.pathname === '/healthz') endResponse(json({ status: 'ok' }, 200));
    else if (url.pathname === '/readyz') {
      const report = await readiness.run();
      endResponse(json(report, report.ready ? 200 : 503));
    } else if (url.pathname === '/metrics' && metrics) {
      endResponse(new Response(await metrics.metrics(), { status: 200, headers: { 'content-type': metrics.contentType } }));
    }
  },
});

/** An error of the request itself (no path: syntax, validation, bad HTTP, a variable of the wrong type). */
const requestError = (error: GraphQLError): boolean => error.path === undefined && (error.extensions as { http?: unknown } | undefined)?.http === undefined;

const lacksCode = (error: unknown): error is GraphQLError =>
  error instanceof GraphQLError && (typeof error.extensions?.code !== 'string' || requestError(error));

/**
 * Request errors (syntax, validation, bad HTTP, a variable of the wrong type) carry a code too, so every error
 * has `extensions.code`, and are answered 400; one that wraps a coded error (a variable a scalar refused)
 * carries that error's code and reason.
 */
const codedErrorsPlugin: Plugin = {
  onResultProcess({ result, setResult }) {
    if (Array.isArray(result) || !('errors' in result) || !result.errors?.some(lacksCode)) return;
    const errors = result.errors.map((error) => {
      if (!lacksCode(error)) return error;
      const own = typeof error.extensions?.code === 'string' ? { code: error.extensions.code } : undefined;
      const cause = error.originalError instanceof GraphQLError ? error.originalError.extensions : undefined;
      const coded =
        own ?? (typeof cause?.code === 'string' ? { code: cause.code, ...(typeof cause.reason === 'string' ? { reason: cause.reason } : {}) } : undefined);
      return new GraphQLError(error.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        path: error.path,
        originalError: error.originalError,
        extensions: { ...error.extensions, ...(coded ?? { code: error.path ? 'INTERNAL' : 'BAD_REQUEST' }), ...(error.path ? {} : { http: { status: 400 } }) },
      });
    });
    setResult({ ...result, errors });
  },
};

/** Builds the GraphQL server (no listening here: `main.ts` listens, tests call `yoga.fetch`). */
export const createGateway = (options: GatewayOptions): Gateway => {
  const readiness = new Readiness(options.readinessTimeoutMs ?? 2_000);
  for (const [name, check] of Object.entries(options.readinessChecks ?? {})) readiness.register(name, check);
  const audit = new RefusalAudit({ ...options.refusalAudit, ...(options.metrics ? { registry: options.metrics } : {}) });
  const graphiql = options.graphiql ?? false;
  const shared = { ...options, audit };
  return createYoga<Record<string, never>, GatewayContext>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql,
    renderGraphiQL: selfContainedGraphiQL(),
    landingPage: false,
    // Replaced by corsPlugin: yoga's reflected any Origin with credentials.
    cors: false,
    // Enforced by requestBodyLimitPlugin instead, which spares the common request yoga's counting stream.
    maxRequestBodySize: false,
    // Replaced by documentCachePlugin, which caches accepted documents only (see there why).
    parserAndValidationCache: false,
    // Yoga's own /health stays; /healthz and /readyz follow the platform's ops conventions.
    context: ({ request }) => createContext(shared, request),
    maskedErrors: {
      maskError: (error, message, isDev) => {
        const original = error instanceof GraphQLError ? error.originalError : error;
        if (original instanceof RooftopError) return fromErrorBody(original.toBody());
        // graphql-jit reports a variable it cannot coerce with an error of its own that has no extensions: kept
        // as it is (yoga logs every error it masks, and this is the caller's), codedErrorsPlugin codes it.
        if (error instanceof GraphQLError && error.extensions === undefined) return error;
        const masked = maskError(error, message, isDev);
        return masked instanceof GraphQLError && masked.extensions.code === 'INTERNAL_SERVER_ERROR'
          ? new GraphQLError(masked.message, { nodes: masked.nodes, path: masked.path, extensions: { ...masked.extensions, code: 'INTERNAL' } })
          : masked;
      },
    },
    plugins: [
      opsPlugin(readiness, options.metrics),
      corsPlugin(options.corsOrigins ?? []),
      mediaTypePlugin,
      variablesDepthPlugin,
      documentCachePlugin(options.limits, connectionFields, options.documentCache),
      ...((options.introspection ?? graphiql) ? [] : [noIntrospectionPlugin]),
      useGraphQlJit(),
      codedErrorsPlugin,
      requestBodyLimitPlugin(options.maxRequestBodyBytes ?? DEFAULT_MAX_REQUEST_BODY_BYTES),
    ],
  });
};
