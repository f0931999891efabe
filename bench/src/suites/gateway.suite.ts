import { randomBytes } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { createGateway, createTokenVerifier, loadGatewayConfig } from '@rooftop/gateway';
import { CommandClient, createCommandSigner } from '@rooftop/messaging';
import { createTestCommandIssuer, type TestDatabase, natsUrl } from '@rooftop/testkit';
import { SignJWT } from 'jose';
import { doublingChain, measureChainRefusal, measureHeapGrowth, measureWorstAccepted, poster } from '../gateway/attacks.js';
import { BENCH_GROUP, buildGatewayData, defaultShape } from '../gateway/data.js';
import { type GraphqlClient, type GraphqlReply, graphqlClient, parseReply } from '../gateway/http-load.js';
import { startGatewayProcess } from '../gateway/server-process.js';
import { KPI_POINTS, RANKING_ROWS, kpisBody, overComplexBody, rankingBody } from '../gateway/queries.js';
import { percentile, perSecond, runClosedLoop } from '../stats.js';
import { type BenchContext, type BenchRow, type BenchSuite, toRow } from '../suite.js';

export const gatewayConcurrency = 16;

/** An HQ analyst of the bench group, all stores (one token per simulated user). */
const analystToken = (secret: Uint8Array, user: number): Promise<string> =>
  new SignJWT({ groupId: BENCH_GROUP, storeIds: '*', roles: ['hq_analyst'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(`analyst-${user}`)
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(secret);

type Check = (reply: GraphqlReply) => string | undefined;

/** 200 with data and no errors, and the expected shape (parsed in full on the first and every 100th reply, served from the cache or not). */
const answered = (shape: (data: Record<string, unknown>) => string | undefined): Check => {
  let replies = 0;
  return (reply) => {
    if (reply.status !== 200 || reply.body.includes('"errors"')) return `HTTP ${reply.status}: ${reply.body.slice(0, 300)}`;
    if (replies++ % 100 !== 0) return undefined;
    const { data } = parseReply(reply);
    return data ? shape(data) : 'no data';
  };
};

const rejectedAsTooComplex: Check = (reply) => {
  if (reply.status !== 400) return `HTTP ${reply.status}, expected 400: ${reply.body.slice(0, 300)}`;
  const codes = (parseReply(reply).errors ?? []).map((e) => e.extensions?.code);
  return codes.length === 1 && codes[0] === 'QUERY_TOO_COMPLEX' ? undefined : `codes ${JSON.stringify(codes)}`;
};

/** The longest fragment-doubling chain the token limit lets through (2^195 spreads), new each request. */
const chainBody = (index: number): string => JSON.stringify({ query: doublingChain(index) });

interface Load {
  readonly rate: number;
  readonly p50: number;
  readonly p99: number;
}

const drive = async (
  context: BenchContext,
  label: string,
  client: GraphqlClient,
  tokens: readonly string[],
  workers: number,
  durationMs: number,
  body: (i: number) => string,
  check: Check,
): Promise<Load> => {
  const problems: string[] = [];
  let sent = 0;
  const result = await runClosedLoop({
    workers,
    warmupMs: context.options.warmupMs,
    durationMs,
    operation: async (worker) => {
      const reply = await client.post(body(sent++), tokens[worker % tokens.length]!);
      const problem = check(reply);
      if (problem !== undefined) problems.push(problem);
      return 1;
    },
  });
  if (problems.length > 0) throw new Error(`${label}: ${problems.length} bad replies, first: ${problems[0]}`);
  const load = { rate: perSecond(result.operations, result.elapsedMs), p50: percentile(result.samples, 50), p99: percentile(result.samples, 99) };
  context.log(
    `  ${label}: ${result.operations} requests, ${Math.round(load.rate)} req/s, p50 ${load.p50.toFixed(2)} ms, p99 ${load.p99.toFixed(2)} ms, max ${Math.max(...result.samples).toFixed(1)} ms`,
  );
  return load;
};

const loadRows = (name: string, load: Load): BenchRow[] => [
  toRow({ name, value: load.rate, unit: 'req/s', target: { op: '>=', value: 1_500 } }),
  toRow({ name: `${name} p50`, value: load.p50, unit: 'ms' }),
  toRow({ name: `${name} p99`, value: load.p99, unit: 'ms', target: { op: '<=', value: 25 } }),
];

/**
 * The attacker's rows, on a gateway built in this process with the production defaults (limits, body limit,
 * caches), so that CPU time and heap are the gateway's own: the worst accepted document, the refusal of the
 * longest fragment-doubling chain, and the heap left by 1,000 accepted requests of the largest body.
 */
const attackRows = async (context: BenchContext, db: TestDatabase, storeIds: readonly string[], secret: string, token: string): Promise<BenchRow[]> => {
  const issuer = createTestCommandIssuer({ kid: 'bench-gateway', clock: false });
  const config = loadGatewayConfig({
    GROUP_ID: BENCH_GROUP,
    GATEWAY_SCOPE: 'group',
    GROUP_STORE_IDS: storeIds.join(','),
    JWT_SECRET: secret,
    DATABASE_URL: db.url,
    NATS_URL: natsUrl(),
    COMMAND_SIGNING_KEY: issuer.signingKeyEnv,
  });
  const nc = await connect({ servers: natsUrl() });
  context.defer(() => nc.close());
  const gateway = createGateway({
    deployment: { kind: 'group', groupId: BENCH_GROUP, storeIds },
    verifyToken: await createTokenVerifier({ secret }),
    db: db.pool,
    readSchema: config.READ_SCHEMA,
    commands: new CommandClient(nc, { signer: createCommandSigner(config.COMMAND_SIGNING_KEY), timeoutMs: config.COMMAND_TIMEOUT_MS }),
    limits: { maxDepth: config.MAX_QUERY_DEPTH, maxComplexity: config.MAX_QUERY_COMPLEXITY, maxTokens: config.MAX_QUERY_TOKENS },
    maxRequestBodyBytes: config.MAX_REQUEST_BODY_BYTES,
  });
  const post = poster(gateway, token);
  const costs = await measureWorstAccepted(post, 100, 20);
  for (const c of costs) context.log(`  worst accepted, ${c.name}: CPU p50 ${c.p50.toFixed(2)} ms, max ${c.max.toFixed(2)} ms`);
  const worst = costs.reduce((a, b) => (b.p50 > a.p50 ? b : a));
  const chain = await measureChainRefusal(post, 1_000);
  context.log(
    `  doubling chain (195 links) refused in-process: CPU p50 ${chain.p50.toFixed(3)} ms, p99 ${chain.p99.toFixed(3)} ms (process-wide CPU: GC threads too)`,
  );
  const growth = await measureHeapGrowth(post, 1_000, config.MAX_REQUEST_BODY_BYTES - 100);
  context.log(`  heap after 1,000 accepted requests of ${config.MAX_REQUEST_BODY_BYTES - 100} bytes: +${growth.toFixed(1)} MB`);
  return [
    toRow({ name: `gateway worst accepted document CPU p50 (${worst.name})`, value: worst.p50, unit: 'ms', target: { op: '<=', value: 25 } }),
    toRow({ name: 'gateway fragment-doubling chain refused, CPU p50', value: chain.p50, unit: 'ms', target: { op: '<=', value: 1 } }),
    toRow({ name: 'gateway heap growth, 1,000 max-size accepted requests', value: growth, unit: 'MB', target: { op: '<=', value: 50 } }),
  ];
};

export const gatewaySuite: BenchSuite = {
  name: 'gateway',
  description: `GraphQL gateway over HTTP (keep-alive, ${gatewayConcurrency} clients) on 10 stores × 1 year of projected KPI facts: kpis query, 20-row ranking page, over-complex rejection; in-process: worst accepted document, doubling-chain refusal, heap after max-size requests`,
  async run(context) {
    const db = await context.database('gateway');
    context.log(`  building ${defaultShape.stores} stores × ${defaultShape.days} days of sales and workshop events, then projecting them`);
    const data = await buildGatewayData(db, defaultShape, (line) => context.log(line));
    const secret = randomBytes(32).toString('hex');
    // The HQ deployment: main.ts in its own process (its pool of 10, NATS for commands), on a free port;
    // GATEWAY_WORKERS from the environment (default 1) runs that many worker processes behind the port.
    const workers = process.env.GATEWAY_WORKERS ?? '1';
    context.log(`  gateway: main.ts, GATEWAY_WORKERS=${workers}`);
    const running = await startGatewayProcess(
      {
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        GATEWAY_SCOPE: 'group',
        GROUP_ID: BENCH_GROUP,
        GROUP_STORE_IDS: data.storeIds.join(','),
        DATABASE_URL: db.url,
        NATS_URL: natsUrl(),
        JWT_SECRET: secret,
        // Mutations are not measured here, but the gateway always needs the key that signs their commands.
        COMMAND_SIGNING_KEY: createTestCommandIssuer({ kid: 'bench-gateway', clock: false }).signingKeyEnv,
        GATEWAY_WORKERS: workers,
      },
      (line) => context.log(line),
    );
    context.defer(() => running.close());
    const client = graphqlClient(running.url, gatewayConcurrency);
    context.defer(() => Promise.resolve(client.close()));
    const key = new TextEncoder().encode(secret);
    const tokens = await Promise.all(Array.from({ length: gatewayConcurrency }, (_, user) => analystToken(key, user)));

    const duration = context.options.durationMs;
    const kpis = await drive(
      context,
      'kpis',
      client,
      tokens,
      gatewayConcurrency,
      duration,
      () => kpisBody,
      answered((d) => {
        const points = d.kpis as unknown[] | null;
        return points?.length === KPI_POINTS ? undefined : `expected ${KPI_POINTS} KPI points, got ${points?.length ?? 'none'}`;
      }),
    );
    const ranking = await drive(
      context,
      'ranking',
      client,
      tokens,
      gatewayConcurrency,
      duration,
      () => rankingBody,
      answered((d) => {
        const edges = (d.consultantRanking as { edges?: unknown[] } | null)?.edges;
        return edges?.length === RANKING_ROWS ? undefined : `expected ${RANKING_ROWS} ranking rows, got ${edges?.length ?? 'none'}`;
      }),
    );
    // One request at a time: the time a caller waits for its refusal, not a queue behind other callers.
    const rejection = await drive(context, 'rejection', client, tokens, 1, duration / 4, overComplexBody, rejectedAsTooComplex);
    // The same one at a time with the longest doubling chain the token limit allows (refused by its cost).
    const chain = await drive(context, 'doubling chain', client, tokens, 1, duration / 4, chainBody, rejectedAsTooComplex);
    const attacks = await attackRows(context, db, data.storeIds, secret, tokens[0]!);
    return [
      ...loadRows(`gateway kpis (6 KPIs × 12 months, ${data.storeIds.length} stores)`, kpis),
      ...loadRows(`gateway ranking page (${RANKING_ROWS} rows)`, ranking),
      toRow({ name: 'gateway over-complex rejected p50', value: rejection.p50, unit: 'ms', target: { op: '<=', value: 1 } }),
      toRow({ name: 'gateway over-complex rejected p99', value: rejection.p99, unit: 'ms', target: { op: '<=', value: 1 } }),
      toRow({ name: 'gateway fragment-doubling chain (195 links) rejected p50', value: chain.p50, unit: 'ms', target: { op: '<=', value: 1 } }),
      toRow({ name: 'gateway fragment-doubling chain (195 links) rejected p99', value: chain.p99, unit: 'ms', target: { op: '<=', value: 1 } }),
      ...attacks,
    ];
  },
};
