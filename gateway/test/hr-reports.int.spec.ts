import { type NatsConnection } from '@nats-io/transport-node';
import { hrEvents } from '@rooftop/kpis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway } from '../src/yoga.js';
import { codes, graphql } from './fixtures/client.js';
import { connectNats, hq, inProcess, testGateway } from './fixtures/gateway.js';
import { type ReadModels, readModelsOf } from './fixtures/read-models.js';
import { tokenFor } from './fixtures/tokens.js';

// HR work lists over two stores: store-a has e-1 overdue (due 03-10) and e-2 overdue then trained (off the
// list); store-b has e-9 overdue (due 03-20). March statements: store-a sc-1 2,304.20元, sc-2 1,053.76元
// re-issued as 1,128.76元 (revision 2); store-b sc-9 900.00元.
const a = hrEvents({ storeId: 'store-a' });
const b = hrEvents({ storeId: 'store-b' });
const at = (day: string) => `${day}T10:00:00+08:00`;

const events = [
  a.onboardingOverdue({ employeeId: 'e-1', hireDate: '2025-02-10', dueOn: '2025-03-10' }, at('2025-03-11')),
  a.onboardingOverdue({ employeeId: 'e-2', hireDate: '2025-02-03', dueOn: '2025-03-03' }, at('2025-03-04')),
  a.onboardingCompleted({ employeeId: 'e-2', completedOn: '2025-03-06', dueOn: '2025-03-03' }, at('2025-03-06')),
  b.onboardingOverdue({ employeeId: 'e-9', hireDate: '2025-02-20', dueOn: '2025-03-20' }, at('2025-03-21')),
  a.statement({ employeeId: 'sc-1', month: '2025-03', performancePayFen: 230_420 }, at('2025-04-02')),
  a.statement({ employeeId: 'sc-2', month: '2025-03', performancePayFen: 105_376 }, at('2025-04-02')),
  a.statement({ employeeId: 'sc-2', month: '2025-03', performancePayFen: 112_876, revision: 2, previousPerformancePayFen: 105_376 }, at('2025-04-03')),
  b.statement({ employeeId: 'sc-9', month: '2025-03', performancePayFen: 90_000 }, at('2025-04-02')),
];

let models: ReadModels;
let nc: NatsConnection;
let gateway: Gateway;

beforeAll(async () => {
  models = await readModelsOf('gateway_hr', events);
  nc = await connectNats();
  gateway = await testGateway(hq, models.db.pool, nc);
});
afterAll(async () => {
  await nc?.close();
  await models?.close();
});

const OVERDUE = `query ($storeIds: [ID!]) { onboardingOverdue(storeIds: $storeIds) { storeId employeeId hireDate dueOn } }`;
const STATEMENTS = `query ($month: String!, $storeIds: [ID!]) { commissionStatements(month: $month, storeIds: $storeIds) {
  storeId employeeId revision performancePayFen lines { kind amountFen } } }`;
const PER_CONSULTANT = `{ kpis(names: ["hr.commissionPerConsultant"], from: "2025-03-01", to: "2025-03-31", granularity: MONTH, by: [STORE]) { storeId value } }`;

describe('hr reports', () => {
  it('lists overdue onboardings across the stores in scope, longest overdue first', async () => {
    const token = await tokenFor({ storeIds: '*', roles: ['admin'] });
    const res = await graphql(inProcess(gateway), 'http://gateway', OVERDUE, { token });
    expect(res.body.data!.onboardingOverdue).toEqual([
      { storeId: 'store-a', employeeId: 'e-1', hireDate: '2025-02-10', dueOn: '2025-03-10' },
      { storeId: 'store-b', employeeId: 'e-9', hireDate: '2025-02-20', dueOn: '2025-03-20' },
    ]);
  });

  it("shows a month's statements (latest revision) to sales management, and performance pay per consultant as a KPI", async () => {
    const manager = await tokenFor({ storeIds: ['store-a'], roles: ['sales_manager'] });
    const res = await graphql(inProcess(gateway), 'http://gateway', STATEMENTS, { variables: { month: '2025-03', storeIds: ['store-a'] }, token: manager });
    expect(
      (res.body.data!.commissionStatements as Array<{ employeeId: string; revision: number; performancePayFen: number }>).map((s) => [
        s.employeeId,
        s.revision,
        s.performancePayFen,
      ]),
    ).toEqual([
      ['sc-1', 1, 230_420],
      ['sc-2', 2, 112_876],
    ]);
    const bad = await graphql(inProcess(gateway), 'http://gateway', STATEMENTS, { variables: { month: '2025-13', storeIds: ['store-a'] }, token: manager });
    expect(codes(bad)).toEqual(['VALIDATION_FAILED']);
    const analyst = await tokenFor({ storeIds: '*', roles: ['hq_analyst'] });
    const kpi = await graphql(inProcess(gateway), 'http://gateway', PER_CONSULTANT, { token: analyst });
    expect(kpi.body.data!.kpis).toEqual([
      { storeId: 'store-a', value: (230_420 + 112_876) / 2 },
      { storeId: 'store-b', value: 90_000 },
    ]);
  });
});
