import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { connect } from '@nats-io/transport-node';
import { KpiQueryCache } from '@rooftop/kpis';
import { CommandClient, createCommandSigner } from '@rooftop/messaging';
import { type Logger, createMetricsRegistry, natsConnectionOptions, natsReadinessCheck, postgresReadinessCheck } from '@rooftop/platform';
import pg from 'pg';
import { createTokenVerifier } from './auth/principal.js';
import { type Deployment } from './auth/scope.js';
import { type GatewayConfig } from './config.js';
import { type Gateway, createGateway } from './yoga.js';

export interface RunningGateway {
  readonly gateway: Gateway;
  /** `http://host:port` it listens on. */
  readonly url: string;
  close(): Promise<void>;
}

export const deploymentOf = (config: GatewayConfig): Deployment =>
  config.GATEWAY_SCOPE === 'store'
    ? { kind: 'store', groupId: config.GROUP_ID, storeId: config.STORE_ID! }
    : { kind: 'group', groupId: config.GROUP_ID, storeIds: config.GROUP_STORE_IDS };

/** Connects PostgreSQL and NATS, builds the gateway and listens; `close()` stops intake, then closes the clients. */
export const startGateway = async (config: GatewayConfig, logger?: Logger): Promise<RunningGateway> => {
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_MAX ?? 10 });
  // An idle connection the server ends (restart, pg_terminate_backend) is replaced on the next query; without
  // this listener its 'error' event would crash the process.
  pool.on('error', (error) => logger?.warn({ err: error }, 'an idle PostgreSQL connection was closed'));
  const nc = await connect(natsConnectionOptions(config, 'rooftop-gateway'));
  try {
    const gateway = createGateway({
      deployment: deploymentOf(config),
      verifyToken: await createTokenVerifier({
        ...(config.JWT_SECRET ? { secret: config.JWT_SECRET } : {}),
        ...(config.JWT_PUBLIC_KEY ? { publicKey: config.JWT_PUBLIC_KEY } : {}),
        ...(config.JWT_ISSUER ? { issuer: config.JWT_ISSUER } : {}),
        ...(config.JWT_AUDIENCE ? { audience: config.JWT_AUDIENCE } : {}),
        maxLifetimeSeconds: config.GATEWAY_TOKEN_MAX_LIFETIME,
      }),
      db: pool,
      readSchema: config.READ_SCHEMA,
      storeTimeZone: config.STORE_TIME_ZONE,
      kpiCache: new KpiQueryCache(),
      commands: new CommandClient(nc, { signer: createCommandSigner(config.COMMAND_SIGNING_KEY), timeoutMs: config.COMMAND_TIMEOUT_MS }),
      ...(logger ? { logger } : {}),
      limits: { maxDepth: config.MAX_QUERY_DEPTH, maxComplexity: config.MAX_QUERY_COMPLEXITY, maxTokens: config.MAX_QUERY_TOKENS },
      maxRequestBodyBytes: config.MAX_REQUEST_BODY_BYTES,
      graphiql: config.GRAPHIQL,
      introspection: config.GATEWAY_INTROSPECTION ?? config.GRAPHIQL,
      corsOrigins: config.GATEWAY_CORS_ORIGINS,
      metrics: createMetricsRegistry({ service: 'gateway', ...(config.STORE_ID ? { storeId: config.STORE_ID } : {}) }),
      readinessChecks: { postgres: postgresReadinessCheck(pool), nats: natsReadinessCheck(nc) },
      readinessTimeoutMs: config.READINESS_TIMEOUT_MS,
    });
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- yoga's listener never rejects: it answers an error with a 500 and logs a failed send
    const server = createServer(gateway);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.GATEWAY_PORT, config.HTTP_HOST, () => resolve());
    });
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return {
      gateway,
      url: `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`,
      close: async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        try {
          await nc.drain();
        } finally {
          await pool.end();
        }
      },
    };
  } catch (error) {
    await nc.close();
    await pool.end();
    throw error;
  }
};
