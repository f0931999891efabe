import { decodeRecorded, workshop as w } from '@rooftop/contracts';
import { type RecordedEvent } from '@rooftop/eventsourcing';
import { helperTable } from '@rooftop/kpis';
import { type RowChange, rowProjection } from '../row-projection.js';

export const FOLLOW_UPS_TABLE = 'workshop_follow_ups';

/**
 * scheduled: opened, the first call not yet due; due / overdue: the current call's window is open / closed
 * without a call; called: the first call was made, the second window not yet open; done: both calls made
 * (the row stays only while an issue is open).
 */
export type FollowUpStatus = 'scheduled' | 'due' | 'overdue' | 'called' | 'done';

/** One released RO's follow-up (回访): its current call, window, and any open issue. */
export interface FollowUpRow {
  store_id: string;
  repair_order_id: string;
  vin: string;
  customer_id: string;
  brand: string;
  ro_type: string;
  service_advisor_id: string;
  released_on: string;
  call: 'first' | 'second';
  status: FollowUpStatus;
  due_on: string;
  last_day_on: string | null;
  /** The clerk who made the last call; the follow-up events name no assignee before the first call. */
  last_clerk_id: string | null;
  last_satisfaction: number | null;
  issue_open: boolean;
  issues: string[];
  escalated: boolean;
}

export const followUpRows = helperTable<FollowUpRow>(FOLLOW_UPS_TABLE, 'repair_order_id', {
  repair_order_id: 'text NOT NULL',
  vin: 'text NOT NULL',
  customer_id: 'text NOT NULL',
  brand: 'text NOT NULL',
  ro_type: 'text NOT NULL',
  service_advisor_id: 'text NOT NULL',
  released_on: 'date NOT NULL',
  call: 'text NOT NULL',
  status: 'text NOT NULL',
  due_on: 'date NOT NULL',
  last_day_on: 'date',
  last_clerk_id: 'text',
  last_satisfaction: 'int',
  issue_open: 'boolean NOT NULL',
  issues: 'jsonb NOT NULL',
  escalated: 'boolean NOT NULL',
});

const EVENTS = [w.FollowUpOpened, w.FollowUpDue, w.FollowUpCallCompleted, w.FollowUpIssueResolved, w.FollowUpEscalated, w.FollowUpOverdue];

/** A finished follow-up leaves the list once nothing is left to do about it. */
const settle = (row: FollowUpRow): RowChange<FollowUpRow> => (row.status === 'done' && !row.issue_open ? null : row);

const apply = (event: RecordedEvent, row: FollowUpRow | undefined): RowChange<FollowUpRow> => {
  switch (event.type) {
    case 'FollowUpOpened': {
      if (row) return undefined;
      const d = decodeRecorded(w.FollowUpOpened, event).data;
      return {
        store_id: event.metadata.storeId,
        repair_order_id: d.repairOrderId,
        vin: d.vin,
        customer_id: d.customerId,
        brand: d.brand,
        ro_type: d.roType,
        service_advisor_id: d.serviceAdvisorId,
        released_on: d.releasedOn,
        call: 'first',
        status: 'scheduled',
        due_on: d.firstCallDueOn,
        last_day_on: null,
        last_clerk_id: null,
        last_satisfaction: null,
        issue_open: false,
        issues: [],
        escalated: false,
      };
    }
    case 'FollowUpDue': {
      const d = decodeRecorded(w.FollowUpDue, event).data;
      return row && { ...row, call: d.call, status: 'due', due_on: d.dueOn, last_day_on: d.lastDayOn };
    }
    case 'FollowUpOverdue': {
      const d = decodeRecorded(w.FollowUpOverdue, event).data;
      return row && row.call === d.call && (row.status === 'due' || row.status === 'scheduled')
        ? { ...row, status: 'overdue', due_on: d.dueOn, last_day_on: d.lastDayOn }
        : undefined;
    }
    case 'FollowUpCallCompleted': {
      const d = decodeRecorded(w.FollowUpCallCompleted, event).data;
      if (!row) return undefined;
      return settle({
        ...row,
        call: d.call,
        status: d.call === 'first' ? 'called' : 'done',
        last_clerk_id: d.clerkId,
        last_satisfaction: d.satisfaction,
        issue_open: d.issueOpen,
        issues: d.issues,
        escalated: false,
      });
    }
    case 'FollowUpIssueResolved':
      decodeRecorded(w.FollowUpIssueResolved, event);
      return row && settle({ ...row, issue_open: false, escalated: false });
    case 'FollowUpEscalated':
      decodeRecorded(w.FollowUpEscalated, event);
      return row && { ...row, escalated: true };
  }
  return undefined;
};

/** Follow-ups of released ROs, for the clerks' list of calls due and overdue and issues still open. */
export const followUpsProjection = () =>
  rowProjection<FollowUpRow>({
    name: FOLLOW_UPS_TABLE,
    rows: followUpRows,
    eventTypes: EVENTS.map((c) => c.type),
    indexes: [`CREATE INDEX IF NOT EXISTS ${FOLLOW_UPS_TABLE}_work ON ${FOLLOW_UPS_TABLE} (store_id, status, due_on)`],
    idOf: (event) => {
      const id = (event.data as { repairOrderId?: unknown } | null)?.repairOrderId;
      return typeof id === 'string' ? id : undefined;
    },
    apply,
  });
