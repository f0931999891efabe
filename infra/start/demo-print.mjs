// What `npm start` prints when the group is ready: GraphiQL URLs, tokens and three example queries.
import { SignJWT } from 'jose';

export const signToken = (secret, claims, subject) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(subject).setIssuedAt().setExpirationTime('12h').sign(new TextEncoder().encode(secret));

/** The KPIs of the multi-context HQ example (example 2). */
export const AFTER_SALES_KPIS = [
  'workshop.output',
  'workshop.avgOutputPerRepairVehicle',
  'workshop.avgOutputPerInsuranceVehicle',
  'insurance.renewalPremium',
  'insurance.claimRepairOutput',
  'parts.purchases',
  'parts.accessorySales',
  'hr.headcount',
];

/** The three example queries over the simulated period, each on one line (paste into GraphiQL). */
export const exampleQueries = ({ from, to, home, storeGateway, hqGateway }) => [
  {
    who: `store user (${home.storeId})`,
    url: `${storeGateway}/graphql`,
    query: `{ kpis(names: ["sales.leads", "sales.deliveries", "sales.targetAttainment", "workshop.vehiclesIn", "workshop.csi"], from: "${from}", to: "${to}", granularity: MONTH) { name period value target } }`,
  },
  {
    who: 'HQ analyst',
    url: `${hqGateway}/graphql`,
    // After-sales across the contexts: workshop output, insurance renewals and claim repairs, parts purchasing and
    // accessories, and the staff behind them — per store, from HQ's projections of every store's five services.
    query: `{ stores { storeId kpis(names: [${AFTER_SALES_KPIS.map((n) => `"${n}"`).join(', ')}], from: "${from}", to: "${to}", granularity: YEAR) { name period value unit } } }`,
  },
  {
    who: 'HQ analyst',
    url: `${hqGateway}/graphql`,
    query: `{ consultantRanking(from: "${from}", to: "${to}", first: 5) { edges { node { rank storeId consultantId deliveries revenueFen } } } workshopThroughput(from: "${from}", to: "${to}") { roType vehiclesIn outputFen outputPerInvoicedRo } }`,
  },
];

/** How an integrator connects to the demo (docs/integrators.md has the client). */
export const integratorLines = ({ name, server, seedFile, inboxPrefix }) => [
  `Integrator ${name} (sales events of every store, personal data masked): NATS ${server}, nkey seed in ${seedFile},`,
  `  inbox prefix ${inboxPrefix}; new EventsClient({ servers: '${server}', integrator: '${name}', seed, checkpoints }) (docs/integrators.md)`,
  '',
];

export async function printReady({ log, groupId, stores, storeGateway, hqGateway, home, from, to, jwtSecret, integrator }) {
  const storeToken = await signToken(
    jwtSecret,
    { groupId, storeIds: [home.storeId], roles: ['sales_manager', 'workshop_manager'] },
    `${home.storeId.replaceAll('-', '')}-sm1`,
  );
  const hqToken = await signToken(jwtSecret, { groupId, storeIds: '*', roles: ['hq_analyst'] }, 'hq-analyst-1');
  const examples = exampleQueries({ from, to, home, storeGateway, hqGateway });
  const lines = [
    '',
    `GraphiQL — store ${home.storeId}: ${storeGateway}/graphql`,
    `GraphiQL — HQ (${stores.map((s) => s.storeId).join(', ')}): ${hqGateway}/graphql`,
    '',
    'Tokens (header "Authorization: Bearer <token>"; signed with a secret generated for this session, valid 12 h):',
    `token store user (${home.storeId}, sales_manager + workshop_manager): ${storeToken}`,
    `token HQ analyst (every store): ${hqToken}`,
    '',
    'Example queries:',
    ...examples.map((e, i) => `example ${i + 1} — ${e.who} at ${e.url}: ${e.query}`),
    '',
    `curl: curl -s ${examples[0].url} -H "authorization: Bearer <token>" -H "content-type: application/json" -d '{"query":"{ kpiDefinitions { name } }"}'`,
    '',
    ...(integrator ? integratorLines(integrator) : []),
  ];
  for (const line of lines) process.stdout.write(`${line}\n`);
  log(`ready: group ${groupId}, ${stores.length} stores, data from ${from} to ${to}. Ctrl-C stops everything.`);
}
