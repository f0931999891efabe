import { type CommandContract } from '@rooftop/contracts';
import { type KpiQueryCache, type Queryable } from '@rooftop/kpis';
import { type CommandReply, type SendInput } from '@rooftop/messaging';
import { type Logger } from '@rooftop/platform';
import { type Principal, TokenRejected, type TokenVerifier, bearerToken } from './auth/principal.js';
import { type AuthState, type Deployment } from './auth/scope.js';
import { type RefusalAudit } from './audit.js';
import { type Loaders, createLoaders } from './loaders.js';

/** Sends commands (the messaging `CommandClient` is one). */
export interface CommandSender {
  send<C extends CommandContract>(contract: C, input: SendInput<C>): Promise<CommandReply>;
}

/** What the gateway is built from; clients are made by `main.ts` (or a test) and passed in. */
export interface GatewayDeps {
  readonly deployment: Deployment;
  readonly verifyToken: TokenVerifier;
  /** Read models: the KPI fact tables and report views. */
  readonly db: Queryable;
  readonly readSchema: string;
  /** A store deployment's time zone (STORE_TIME_ZONE); at HQ each store's comes from the directory. */
  readonly storeTimeZone?: string;
  /** Serves repeated KPI queries while the projections behind them have not moved (see `KpiQueryCache`). */
  readonly kpiCache?: KpiQueryCache;
  readonly commands: CommandSender;
  /** Receives one audit line per command handled, and per refusal within the audit's rate (who, what, which store, outcome). */
  readonly logger?: Logger;
}

/** What `createGateway` adds to the dependencies for every request. */
export interface GatewayShared {
  readonly audit: RefusalAudit;
}

export interface GatewayContext {
  readonly auth: AuthState;
  readonly deployment: Deployment;
  readonly db: Queryable;
  readonly readSchema: string;
  readonly storeTimeZone: string | undefined;
  readonly kpiCache: KpiQueryCache | undefined;
  readonly commands: CommandSender;
  /** Per-request batching, so a list of stores costs one SQL query, not one per row. */
  readonly loaders: Loaders;
  /** The `traceparent` of the request, passed on with commands. */
  readonly traceparent?: string;
  readonly logger?: Logger;
  /** Rate-limits the refusal audit lines per principal and counts every refusal. */
  readonly audit: RefusalAudit;
}

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

const authenticate = async (verify: TokenVerifier, header: string | null): Promise<AuthState> => {
  try {
    const token = bearerToken(header);
    if (token === undefined) return { problem: 'a bearer token is required' };
    const principal: Principal = await verify(token);
    return { principal };
  } catch (error) {
    if (error instanceof TokenRejected) return { problem: error.message, ...(error.reason ? { reason: error.reason } : {}) };
    throw error;
  }
};

/** One context per request: the caller (verified once), the deployment and fresh loaders. */
export const createContext = async (deps: GatewayDeps & GatewayShared, request: Request): Promise<GatewayContext> => {
  const traceparent = request.headers.get('traceparent') ?? undefined;
  return {
    auth: await authenticate(deps.verifyToken, request.headers.get('authorization')),
    deployment: deps.deployment,
    db: deps.db,
    readSchema: deps.readSchema,
    storeTimeZone: deps.storeTimeZone,
    kpiCache: deps.kpiCache,
    commands: deps.commands,
    loaders: createLoaders(deps.db, deps.readSchema, deps.kpiCache),
    audit: deps.audit,
    ...(traceparent && TRACEPARENT.test(traceparent) ? { traceparent } : {}),
    ...(deps.logger ? { logger: deps.logger } : {}),
  };
};
