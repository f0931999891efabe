import { type NatsConnection } from '@nats-io/transport-node';
import { RooftopError } from '@rooftop/eventsourcing';
import { CommandClient, createCommandSigner } from '@rooftop/messaging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RefusalAudit } from '../src/audit.js';
import { type GatewayDeps, createContext } from '../src/context.js';
import { type ExecutionResult, type GraphQLNamedOutputType, execute, getNamedType, isNonNullType, isObjectType, parse } from '../src/graphql.js';
import { schema } from '../src/schema/index.js';
import { type Gateway, createGateway } from '../src/yoga.js';
import { graphql } from './fixtures/client.js';
import { connectNats, hq, inProcess } from './fixtures/gateway.js';
import { rootOperations } from './fixtures/operations.js';
import { type ReadModels, scenarioReadModels } from './fixtures/read-models.js';
import { testVerifier, tokenFor } from './fixtures/tokens.js';
import { sharedTestCommandIssuer } from '@rooftop/testkit';

// The gateway executes with graphql-jit (compiled per document). It must answer exactly what graphql-js's
// reference executor answers for the same schema, document, variables and context: the data, and which
// fields failed with which code.

let models: ReadModels;
let nc: NatsConnection;
let deps: GatewayDeps;
let gateway: Gateway;

beforeAll(async () => {
  models = await scenarioReadModels('gateway_executor');
  nc = await connectNats();
  deps = {
    deployment: hq,
    verifyToken: await testVerifier(),
    db: models.db.pool,
    readSchema: 'read',
    commands: new CommandClient(nc, { signer: createCommandSigner(sharedTestCommandIssuer().signingKey), timeoutMs: 5_000 }),
  };
  gateway = createGateway({ ...deps, limits: { maxDepth: 8, maxComplexity: 1000 } });
});
afterAll(async () => {
  await nc?.close();
  await models?.close();
});

/** Every field without required arguments, nested objects `depth` levels down. */
const everything = (type: GraphQLNamedOutputType, depth = 3): string => {
  if (!isObjectType(type)) return '';
  const fields = Object.values(type.getFields()).filter((f) => f.args.every((a) => !isNonNullType(a.type)));
  const selected = fields
    .map((f) => {
      const inner = getNamedType(f.type);
      if (!isObjectType(inner)) return f.name;
      return depth > 0 ? `${f.name} ${everything(inner, depth - 1)}` : '';
    })
    .filter((s) => s !== '');
  return `{ ${selected.join(' ')} }`;
};
const root = (field: string) => getNamedType(schema.getQueryType()!.getFields()[field]!.type);
const march = '(from: "2025-03-01", to: "2025-03-31")';

const QUERIES: ReadonlyArray<{ readonly query: string; readonly variables?: Record<string, unknown> }> = [
  {
    query: `query ($names: [String!]!, $by: [KpiDimension!]) { kpis(names: $names, from: "2025-03-03", to: "2025-03-09", granularity: DAY, by: $by) ${everything(root('kpis'))} }`,
    variables: { names: ['sales.leads', 'sales.closeRate', 'sales.revenue'], by: ['STORE', 'CHANNEL'] },
  },
  {
    query: `query ($names: [String!]!) { kpis(names: $names, from: "2025-03-01", to: "2025-03-31", granularity: WEEK, by: [STORE]) ${everything(root('kpis'))} }`,
    variables: { names: ['sales.deliveries', 'sales.targetAttainment', 'workshop.output', 'workshop.avgOutputPerRepairVehicle'] },
  },
  {
    query: `{ stores { storeId kpis(names: ["sales.leads", "sales.deliveries"], from: "2025-03-01", to: "2025-03-31", granularity: WEEK) { name period value } } }`,
  },
  { query: `{ kpiDefinitions ${everything(root('kpiDefinitions'))} }` },
  { query: `{ consultantRanking${march.replace(')', ', first: 3)')} ${everything(root('consultantRanking'))} }` },
  { query: `{ salesFunnel${march} ${everything(root('salesFunnel'))} workshopThroughput${march} ${everything(root('workshopThroughput'))} }` },
  { query: `{ followUps${march} ${everything(root('followUps'))} }` },
  // One refused field beside answered ones: a workshop KPI for a sales consultant, a store outside the scope.
  {
    query: `{ a: kpis(names: ["workshop.output"], from: "2025-03-01", to: "2025-03-31", granularity: MONTH) { value } b: kpis(names: ["sales.leads"], storeIds: ["store-z"], from: "2025-03-01", to: "2025-03-31", granularity: MONTH) { value } stores { storeId } }`,
  },
  // Typed input errors: an unknown KPI, a range that runs backwards.
  { query: `{ kpis(names: ["sales.nope"], from: "2025-03-01", to: "2025-03-31", granularity: MONTH) { value } }` },
  { query: `{ salesFunnel(from: "2025-03-31", to: "2025-03-01") { channel } }` },
  // Every root query as the authorization tests generate it.
  ...rootOperations(schema)
    .filter((op) => op.kind === 'query')
    .map(({ query, variables }) => ({ query, variables })),
];

interface Comparable {
  readonly data: unknown;
  readonly errors: Array<{ path: unknown; code: unknown }>;
}

const comparable = (result: ExecutionResult): Comparable => ({
  data: JSON.parse(JSON.stringify(result.data ?? null)) as unknown,
  errors: (result.errors ?? []).map((e) => ({
    path: e.path,
    // The gateway's error masking turns a package's typed error into its code; graphql-js leaves it as the original.
    code: e.extensions?.code ?? (e.originalError instanceof RooftopError ? e.originalError.code : 'INTERNAL'),
  })),
});

describe('the JIT executor', () => {
  it.each([
    ['an HQ analyst of every store', { storeIds: '*' as const, roles: ['hq_analyst'] }],
    ['a store-a sales consultant', { storeIds: ['store-a'], roles: ['consultant'] }],
  ])('answers %s exactly as graphql-js does, data and errors', async (_who, claims) => {
    const token = await tokenFor(claims);
    for (const { query, variables = {} } of QUERIES) {
      const viaGateway = await graphql(inProcess(gateway), 'http://gateway', query, { variables, token });
      expect(viaGateway.status, query).toBe(200);
      const contextValue = await createContext(
        { ...deps, audit: new RefusalAudit() },
        new Request('http://gateway/graphql', { headers: { authorization: `Bearer ${token}` } }),
      );
      const reference = await execute({ schema, document: parse(query), variableValues: variables, contextValue });
      expect(comparable(viaGateway.body), query).toEqual(comparable(reference));
    }
  });

  it('has real answers to compare, not only refusals', async () => {
    const token = await tokenFor({ storeIds: '*', roles: ['hq_analyst'] });
    const answered = [];
    for (const { query, variables = {} } of QUERIES.slice(0, 6)) {
      const res = await graphql(inProcess(gateway), 'http://gateway', query, { variables, token });
      expect(res.body.errors, query).toBeUndefined();
      answered.push(JSON.stringify(res.body.data).length);
    }
    // The KPI and report reads return rows of the scenario week, not empty lists (it has no follow-ups).
    expect(answered).toEqual(answered.map((chars) => Math.max(chars, 200)));
  });
});
