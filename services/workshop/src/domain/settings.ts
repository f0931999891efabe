import { holidayDays } from '@rooftop/calendar';
import { type StoreCalendar } from './calendar/store-calendar.js';

/**
 * Per-store workshop settings. Where the store documents give a number the default is it (3 working days,
 * 2 days, a week, 14 days: docs/domain/workshop.md); the rest are this platform's defaults and say so in
 * docs/services/workshop.md.
 */
export interface WorkshopSettings extends StoreCalendar {
  readonly appointments: {
    /** A booked customer who has not come this many minutes after the slot ended is a no-show (platform default 120). */
    readonly noShowAfterMinutes: number;
  };
  readonly followUp: {
    /** First call due this many working days after release (documents: 3). */
    readonly firstCallAfterWorkingDays: number;
    /** An issue still open this many days after the call goes to the supervisor (documents: 2). */
    readonly escalateAfterDays: number;
    /** The second call window opens this many days after the first call (documents: a week). */
    readonly secondCallAfterDays: number;
    /** Length of the second call window in days (documents: 7). */
    readonly secondCallWindowDays: number;
    /** Lowest score that counts as satisfied for CSI (platform default 4 of 5). */
    readonly satisfiedFrom: number;
  };
  readonly reminders: {
    /** Advance reminder this many days before the due date (documents: 14). */
    readonly leadDays: number;
    /** First service due this many days after delivery (platform default 90). */
    readonly firstServiceAfterDays: number;
    /** Next maintenance this many days after a maintenance visit when the SA advised none (platform default 180). */
    readonly maintenanceIntervalDays: number;
    /** Local hour at which reminders become due (platform default 9). */
    readonly sendAtHour: number;
  };
  readonly customers: {
    /** Visits within the window that make a customer loyal (platform default 3). */
    readonly loyalVisits: number;
    readonly loyalWindowMonths: number;
    /** Months without a visit after which a customer is lost (platform default 12). */
    readonly lostAfterMonths: number;
  };
}

export const DEFAULT_WORKSHOP_SETTINGS: WorkshopSettings = {
  timeZone: 'Asia/Shanghai',
  // The official mainland China holidays and make-up working days (调休) of every published year.
  ...holidayDays('mainland-china'),
  appointments: { noShowAfterMinutes: 120 },
  followUp: { firstCallAfterWorkingDays: 3, escalateAfterDays: 2, secondCallAfterDays: 7, secondCallWindowDays: 7, satisfiedFrom: 4 },
  reminders: { leadDays: 14, firstServiceAfterDays: 90, maintenanceIntervalDays: 180, sendAtHour: 9 },
  customers: { loyalVisits: 3, loyalWindowMonths: 12, lostAfterMonths: 12 },
};
