import { type NatsConnection } from '@nats-io/transport-node';
import { type RoDims, workshopEvents } from '@rooftop/kpis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway } from '../src/yoga.js';
import { graphql } from './fixtures/client.js';
import { connectNats, hq, inProcess, testGateway } from './fixtures/gateway.js';
import { type ReadModels, readModelsOf } from './fixtures/read-models.js';
import { tokenFor } from './fixtures/tokens.js';

// A small workshop week of store-a (Mon 2025-03-03 … Sun 03-09, Asia/Shanghai) and one overdue call the week
// after; the tables below are worked out by hand from it.
const a = workshopEvents({ storeId: 'store-a' });
const day = (d: number, time = '10:00') => `2025-03-${String(d).padStart(2, '0')}T${time}:00+08:00`;
const ro = (repairOrderId: string, roType: RoDims['roType']): RoDims => ({ repairOrderId, brand: '长安', roType, serviceAdvisorId: 'sa1' });
const tech = [{ technicianId: 't1', labourHours: 1.5 }];
const R1 = ro('R1', 'maintenance');
const R2 = ro('R2', 'repair');
const R3 = ro('R3', 'repair');
const R4 = ro('R4', 'insurance_claim');

const events = [
  a.opened(R1, day(3)),
  a.invoiced({ ...R1, labourFen: 30_000, partsFen: 50_000, technicians: tech }, day(3, '15:00')),
  a.released(R1, day(3, '16:00')),
  a.followUpOpened({ ...R1, firstCallDueOn: '2025-03-06' }, day(3, '16:00')),
  a.followUpCall({ ...R1, call: 'first', clerkId: 'fu1', onTime: true, satisfaction: 5 }, day(5)),
  a.opened(R2, day(4)),
  a.invoiced({ ...R2, labourFen: 100_000, partsFen: 200_000, technicians: tech }, day(5, '15:00')),
  a.released(R2, day(5, '16:00')),
  a.followUpOpened({ ...R2, firstCallDueOn: '2025-03-10' }, day(5, '16:00')),
  a.opened({ ...R3, comebackOf: 'R2' }, day(6)),
  a.opened(R4, day(6, '11:00')),
  a.invoiced({ ...R4, labourFen: 50_000, partsFen: 150_000, technicians: tech }, day(7, '15:00')),
  a.followUpOverdue({ ...R2, call: 'first', dueOn: '2025-03-10', lastDayOn: '2025-03-10' }, day(11, '00:05')),
];

let models: ReadModels;
let nc: NatsConnection;
let gateway: Gateway;

beforeAll(async () => {
  models = await readModelsOf('gateway_workshop', events);
  nc = await connectNats();
  gateway = await testGateway(hq, models.db.pool, nc);
});
afterAll(async () => {
  await nc?.close();
  await models?.close();
});

describe('workshop reports', () => {
  it('reports throughput by repair-order type', async () => {
    const res = await graphql(
      inProcess(gateway),
      'http://gateway',
      `
        {
          workshopThroughput(from: "2025-03-03", to: "2025-03-09") {
            roType
            vehiclesIn
            rosInvoiced
            outputFen
            labourFen
            partsFen
            outputPerInvoicedRo
            comebacks
            comebackRate
          }
        }
      `,
      { token: await tokenFor({ storeIds: ['store-a'], roles: ['workshop_manager'] }) },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.workshopThroughput).toEqual([
      {
        roType: 'repair',
        vehiclesIn: 2,
        rosInvoiced: 1,
        outputFen: 300_000,
        labourFen: 100_000,
        partsFen: 200_000,
        outputPerInvoicedRo: 300_000,
        comebacks: 1,
        comebackRate: 0.5,
      },
      {
        roType: 'insurance_claim',
        vehiclesIn: 1,
        rosInvoiced: 1,
        outputFen: 200_000,
        labourFen: 50_000,
        partsFen: 150_000,
        outputPerInvoicedRo: 200_000,
        comebacks: 0,
        comebackRate: 0,
      },
      {
        roType: 'maintenance',
        vehiclesIn: 1,
        rosInvoiced: 1,
        outputFen: 80_000,
        labourFen: 30_000,
        partsFen: 50_000,
        outputPerInvoicedRo: 80_000,
        comebacks: 0,
        comebackRate: 0,
      },
    ]);
  });

  it('pages follow-ups due, on time and overdue per store and week, newest first', async () => {
    const token = await tokenFor({ storeIds: '*', roles: ['service_advisor'] });
    const page = (after?: string) =>
      graphql(
        inProcess(gateway),
        'http://gateway',
        `
          query ($after: String) {
            followUps(from: "2025-03-03", to: "2025-03-16", first: 1, after: $after) {
              edges {
                node {
                  storeId
                  period
                  due
                  onTime
                  overdue
                  onTimeRate
                }
              }
              pageInfo {
                hasNextPage
                endCursor
              }
            }
          }
        `,
        { variables: { after }, token },
      );
    const first = await page();
    expect(first.body.errors).toBeUndefined();
    const conn = first.body.data!.followUps as { edges: Array<{ node: unknown }>; pageInfo: { hasNextPage: boolean; endCursor: string } };
    expect(conn.edges.map((e) => e.node)).toEqual([{ storeId: 'store-a', period: '2025-03-10', due: 0, onTime: 0, overdue: 1, onTimeRate: null }]);
    expect(conn.pageInfo.hasNextPage).toBe(true);
    const second = (await page(conn.pageInfo.endCursor)).body.data!.followUps as typeof conn;
    expect(second.edges.map((e) => e.node)).toEqual([{ storeId: 'store-a', period: '2025-03-03', due: 2, onTime: 1, overdue: 0, onTimeRate: 0.5 }]);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('keeps workshop reports from sales staff', async () => {
    const res = await graphql(inProcess(gateway), 'http://gateway', '{ workshopThroughput(from: "2025-03-03", to: "2025-03-09") { roType } }', {
      token: await tokenFor({ storeIds: '*', roles: ['consultant'] }),
    });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'MISSING_ROLE' });
  });
});
