import { decodeRecorded, type EventContract, hr } from '@rooftop/contracts';
import { type RecordedEvent } from '@rooftop/eventsourcing';
import { type PgProjection } from '@rooftop/projections-postgres';
import type pg from 'pg';

export const HR_WORK_LISTS_PROJECTION = 'hr_work_lists';
export const ONBOARDING_OVERDUE_TABLE = 'hr_onboarding_overdue';
export const COMMISSION_STATEMENTS_TABLE = 'hr_commission_statements';

/** An employee whose onboarding training is overdue (the alert), until it is done or they leave. */
export interface OnboardingOverdueRow {
  store_id: string;
  employee_id: string;
  hire_date: string;
  due_on: string;
}

export interface CommissionStatementLineRow {
  readonly kind: string;
  readonly ref: string;
  readonly basis: string;
  readonly amount_fen: number;
}

/** The latest revision of a salesperson's monthly statement, every line included. */
export interface CommissionStatementRow {
  store_id: string;
  employee_id: string;
  month: string;
  scheme_id: string;
  role: string;
  revision: number;
  target_units: number | null;
  units_settled: number;
  band: number;
  commission_total_fen: number;
  appraisal_score: number;
  performance_pay_fen: number;
  lines: CommissionStatementLineRow[];
}

const DDL = [
  `CREATE TABLE IF NOT EXISTS ${ONBOARDING_OVERDUE_TABLE} (store_id text NOT NULL, employee_id text NOT NULL, hire_date date NOT NULL, due_on date NOT NULL, PRIMARY KEY (store_id, employee_id))`,
  `CREATE TABLE IF NOT EXISTS ${COMMISSION_STATEMENTS_TABLE} (
     store_id text NOT NULL, employee_id text NOT NULL, month text NOT NULL, scheme_id text NOT NULL, role text NOT NULL, revision int NOT NULL,
     target_units int, units_settled int NOT NULL, band int NOT NULL, commission_total_fen bigint NOT NULL, appraisal_score int NOT NULL,
     performance_pay_fen bigint NOT NULL, lines jsonb NOT NULL, PRIMARY KEY (store_id, month, employee_id))`,
];

const EVENTS = [hr.OnboardingTrainingOverdue, hr.OnboardingTrainingCompleted, hr.EmployeeLeft, hr.CommissionStatementIssued];
const read = <C extends EventContract>(contract: C, e: RecordedEvent) => decodeRecorded(contract, e).data;

const applyOne = async (client: Pick<pg.PoolClient, 'query'>, e: RecordedEvent): Promise<void> => {
  const store = e.metadata.storeId;
  switch (e.type) {
    case 'OnboardingTrainingOverdue': {
      const d = read(hr.OnboardingTrainingOverdue, e);
      await client.query(`INSERT INTO ${ONBOARDING_OVERDUE_TABLE} VALUES ($1, $2, $3, $4) ON CONFLICT (store_id, employee_id) DO NOTHING`, [
        store,
        d.employeeId,
        d.hireDate,
        d.dueOn,
      ]);
      return;
    }
    case 'OnboardingTrainingCompleted':
    case 'EmployeeLeft': {
      const { employeeId } = e.data as { employeeId: string };
      await client.query(`DELETE FROM ${ONBOARDING_OVERDUE_TABLE} WHERE store_id = $1 AND employee_id = $2`, [store, employeeId]);
      return;
    }
    case 'CommissionStatementIssued': {
      const d = read(hr.CommissionStatementIssued, e);
      const lines = d.lines.map((l) => ({ kind: l.kind, ref: l.ref, basis: l.basis, amount_fen: l.amount.amount }));
      await client.query(
        `INSERT INTO ${COMMISSION_STATEMENTS_TABLE} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb)
         ON CONFLICT (store_id, month, employee_id) DO UPDATE SET scheme_id = EXCLUDED.scheme_id, role = EXCLUDED.role, revision = EXCLUDED.revision,
           target_units = EXCLUDED.target_units, units_settled = EXCLUDED.units_settled, band = EXCLUDED.band, commission_total_fen = EXCLUDED.commission_total_fen,
           appraisal_score = EXCLUDED.appraisal_score, performance_pay_fen = EXCLUDED.performance_pay_fen, lines = EXCLUDED.lines`,
        [
          store,
          d.employeeId,
          d.month,
          d.schemeId,
          d.role,
          d.revision,
          d.targetUnits ?? null,
          d.unitsSettled,
          d.band,
          d.commissionTotal.amount,
          d.appraisalScore,
          d.performancePay.amount,
          JSON.stringify(lines),
        ],
      );
      return;
    }
  }
};

/** HR's work lists: employees with onboarding overdue, and the issued commission statements (latest revision). */
export const hrWorkListsProjection = (): PgProjection => ({
  name: HR_WORK_LISTS_PROJECTION,
  version: 1,
  eventTypes: EVENTS.map((c) => c.type),
  async setup({ client }) {
    for (const statement of DDL) await client.query(statement);
  },
  async apply(events, { client }) {
    for (const e of events) await applyOne(client, e);
  },
});

type Db = Pick<pg.Pool, 'query'>;

export interface HrListQuery {
  readonly storeIds: readonly string[];
  readonly limit: number;
  readonly offset: number;
}

/** Employees with onboarding training overdue, longest overdue first. */
export const listOnboardingOverdue = async (db: Db, readSchema: string, q: HrListQuery): Promise<OnboardingOverdueRow[]> =>
  (
    await db.query<OnboardingOverdueRow>(
      `SELECT store_id, employee_id, hire_date::text AS hire_date, due_on::text AS due_on FROM ${readSchema}.${ONBOARDING_OVERDUE_TABLE}
        WHERE store_id = ANY($1::text[]) ORDER BY due_on, store_id, employee_id LIMIT $2 OFFSET $3`,
      [q.storeIds, q.limit, q.offset],
    )
  ).rows;

/** A month's issued commission statements, highest performance pay first. */
export const listCommissionStatements = async (
  db: Db,
  readSchema: string,
  q: HrListQuery & { readonly month: string; readonly employeeId?: string },
): Promise<CommissionStatementRow[]> =>
  (
    await db.query<CommissionStatementRow>(
      `SELECT store_id, employee_id, month, scheme_id, role, revision, target_units, units_settled, band, commission_total_fen::int AS commission_total_fen,
              appraisal_score, performance_pay_fen::int AS performance_pay_fen, lines
         FROM ${readSchema}.${COMMISSION_STATEMENTS_TABLE}
        WHERE store_id = ANY($1::text[]) AND month = $2 AND ($3::text IS NULL OR employee_id = $3)
        ORDER BY performance_pay_fen DESC, store_id, employee_id LIMIT $4 OFFSET $5`,
      [q.storeIds, q.month, q.employeeId ?? null, q.limit, q.offset],
    )
  ).rows;
