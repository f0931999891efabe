import { type TimedEvent as LoggedEvent, type TimerSpec } from '@rooftop/eventsourcing';
import { type AppointmentEvent } from './appointment/appointment.state.js';
import { addDays, addMonths, localDate, zonedInstant } from './calendar/store-calendar.js';
import { type FollowUpEvent } from './follow-up/follow-up.state.js';
import { type RepairOrderEvent } from './repair-order/repair-order.state.js';
import { type WorkshopSettings } from './settings.js';
import { type VehicleEvent } from './vehicle/vehicle.state.js';

export type TimedEvent = (AppointmentEvent | RepairOrderEvent | FollowUpEvent | VehicleEvent) & { readonly occurredAt: string };

const startOf = (date: string, settings: WorkshopSettings, hour = 0): Date => zonedInstant(date, settings.timeZone, hour);

/**
 * The timers an appended event starts (pure: the time rules live here, the scheduling in src/commands).
 * Booking → the no-show check; release → follow-up and service history at once; follow-up → call due / deadline / escalation; maintenance
 * due → reminders ahead and on the day; a visit or delivery → the lost-customer check.
 */
export const timersFor = (e: TimedEvent, settings: WorkshopSettings): TimerSpec[] => {
  const now = new Date(e.occurredAt);
  switch (e.type) {
    case 'AppointmentBooked': {
      const dueAt = new Date(new Date(e.data.slotEnd).getTime() + settings.appointments.noShowAfterMinutes * 60_000);
      return [{ key: `no-show:${e.data.appointmentId}`, dueAt, type: 'CheckAppointmentNoShow', data: { appointmentId: e.data.appointmentId } }];
    }
    case 'VehicleReleased': {
      const d = e.data;
      const dims = { repairOrderId: d.repairOrderId, brand: d.brand, roType: d.roType, serviceAdvisorId: d.serviceAdvisorId };
      return [
        {
          key: `followup-open:${d.repairOrderId}`,
          dueAt: now,
          type: 'OpenFollowUp',
          data: { ...dims, vin: d.vin, customerId: d.customerId, releasedAt: e.occurredAt },
        },
        {
          key: `service-visit:${d.repairOrderId}`,
          dueAt: now,
          type: 'RecordServiceVisit',
          data: {
            vin: d.vin,
            repairOrderId: d.repairOrderId,
            roType: d.roType,
            brand: d.brand,
            model: d.model,
            customerId: d.customerId,
            visitedOn: d.releasedOn,
            mileageKm: d.mileageKm,
            ...(d.nextMaintenanceDueOn ? { nextMaintenanceDueOn: d.nextMaintenanceDueOn } : {}),
          },
        },
      ];
    }
    case 'FollowUpOpened': {
      const { repairOrderId, firstCallDueOn } = e.data;
      return [
        {
          key: `followup-due:${repairOrderId}:first`,
          dueAt: startOf(firstCallDueOn, settings),
          type: 'CheckFollowUpDue',
          data: { repairOrderId, call: 'first', check: 'due' },
        },
        {
          key: `followup-deadline:${repairOrderId}:first`,
          dueAt: startOf(addDays(firstCallDueOn, 1), settings),
          type: 'CheckFollowUpDue',
          data: { repairOrderId, call: 'first', check: 'deadline' },
        },
      ];
    }
    case 'FollowUpCallCompleted': {
      const { repairOrderId, call, calledOn, issueOpen } = e.data;
      const timers: TimerSpec[] = [];
      if (issueOpen) {
        timers.push({
          key: `followup-escalation:${repairOrderId}:${call}`,
          dueAt: new Date(now.getTime() + settings.followUp.escalateAfterDays * 86_400_000),
          type: 'CheckFollowUpDue',
          data: { repairOrderId, call, check: 'escalation' },
        });
      }
      if (call === 'first') {
        const opens = addDays(calledOn, settings.followUp.secondCallAfterDays);
        const closes = addDays(opens, settings.followUp.secondCallWindowDays);
        timers.push(
          {
            key: `followup-due:${repairOrderId}:second`,
            dueAt: startOf(opens, settings),
            type: 'CheckFollowUpDue',
            data: { repairOrderId, call: 'second', check: 'due' },
          },
          {
            key: `followup-deadline:${repairOrderId}:second`,
            dueAt: startOf(closes, settings),
            type: 'CheckFollowUpDue',
            data: { repairOrderId, call: 'second', check: 'deadline' },
          },
        );
      }
      return timers;
    }
    case 'MaintenanceDueSet': {
      const { vin, dueOn } = e.data;
      const hour = settings.reminders.sendAtHour;
      const ahead = addDays(dueOn, -settings.reminders.leadDays);
      const timers: TimerSpec[] = [];
      // An advance reminder whose day has already passed is skipped; the due-date reminder still comes.
      if (ahead >= localDate(now, settings.timeZone)) {
        timers.push({
          key: `reminder:${vin}:${dueOn}:advance`,
          dueAt: startOf(ahead, settings, hour),
          type: 'CheckMaintenanceReminder',
          data: { vin, dueOn, kind: 'advance' },
        });
      }
      timers.push({
        key: `reminder:${vin}:${dueOn}:due_date`,
        dueAt: startOf(dueOn, settings, hour),
        type: 'CheckMaintenanceReminder',
        data: { vin, dueOn, kind: 'due_date' },
      });
      return timers;
    }
    case 'VehicleRegistered':
    case 'ServiceVisitRecorded': {
      const lastVisitOn = e.type === 'VehicleRegistered' ? e.data.deliveredOn : e.data.visitedOn;
      if (lastVisitOn === undefined) return [];
      const { vin } = e.data;
      const checkOn = addMonths(lastVisitOn, settings.customers.lostAfterMonths);
      return [{ key: `lapse:${vin}:${lastVisitOn}`, dueAt: startOf(checkOn, settings), type: 'CheckCustomerLapsed', data: { vin, lastVisitOn } }];
    }
    default:
      return [];
  }
};

/** The rules as the service host calls them, with an event read from the log: its data is what its contract accepted. */
export const workshopTimers =
  (settings: WorkshopSettings) =>
  (event: LoggedEvent): TimerSpec[] =>
    timersFor(event as TimedEvent, settings);
