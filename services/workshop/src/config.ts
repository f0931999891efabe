import { HOLIDAY_CALENDARS, holidayDays } from '@rooftop/calendar';
import { booleanVar, defineConfig, loadConfig, positiveIntVar, type Env } from '@rooftop/platform';
import { storeServiceConfig } from '@rooftop/service-host';
import { z } from 'zod';
import { DEFAULT_WORKSHOP_SETTINGS as D, type WorkshopSettings } from './domain/settings.js';

const dateList = () =>
  z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    )
    .pipe(z.array(z.iso.date()));

/** The workshop service's environment: the platform's variables plus this store's workshop settings. */
export const workshopConfig = defineConfig({
  ...storeServiceConfig.shape,
  WORKSHOP_HOLIDAY_CALENDAR: z
    .enum(HOLIDAY_CALENDARS)
    .default('mainland-china')
    .describe(
      "Built-in public holidays and make-up working days: mainland-china (the State Council's notices, every published year from 2020) or none (weekends only).",
    ),
  WORKSHOP_HOLIDAYS: dateList().describe(
    "Days off of this store besides the built-in calendar's (a local holiday, a year not yet built in), comma-separated YYYY-MM-DD.",
  ),
  WORKSHOP_MAKE_UP_WORKING_DAYS: dateList().describe(
    "Days worked besides the built-in calendar's make-up days (调休), comma-separated YYYY-MM-DD; a date listed here is a working day even if it is a holiday.",
  ),
  WORKSHOP_NO_SHOW_AFTER_MINUTES: positiveIntVar()
    .default(D.appointments.noShowAfterMinutes)
    .describe('A booked customer who has not come this many minutes after the slot ended is recorded as a no-show (platform default 120).'),
  WORKSHOP_FIRST_CALL_WORKING_DAYS: positiveIntVar()
    .default(D.followUp.firstCallAfterWorkingDays)
    .describe('First follow-up call due this many working days after release (store documents: 3).'),
  WORKSHOP_ESCALATE_AFTER_DAYS: positiveIntVar()
    .default(D.followUp.escalateAfterDays)
    .describe('An issue from a follow-up call still open after this many days goes to the supervisor (documents: 2).'),
  WORKSHOP_SECOND_CALL_AFTER_DAYS: positiveIntVar()
    .default(D.followUp.secondCallAfterDays)
    .describe('The second call window opens this many days after the first call (documents: a week).'),
  WORKSHOP_SECOND_CALL_WINDOW_DAYS: positiveIntVar()
    .default(D.followUp.secondCallWindowDays)
    .describe('Length of the second call window in days (documents: 7).'),
  WORKSHOP_SATISFIED_FROM: z.coerce
    .number()
    .int()
    .min(1)
    .max(5)
    .default(D.followUp.satisfiedFrom)
    .describe('Lowest satisfaction score (1–5) that counts as satisfied for CSI (platform default 4).'),
  WORKSHOP_REMINDER_LEAD_DAYS: positiveIntVar()
    .default(D.reminders.leadDays)
    .describe('Maintenance reminder this many days before the due date, and again on it (documents: 14).'),
  WORKSHOP_FIRST_SERVICE_AFTER_DAYS: positiveIntVar()
    .default(D.reminders.firstServiceAfterDays)
    .describe("First service due this many days after delivery (platform default 90; set the brand's rule)."),
  WORKSHOP_MAINTENANCE_INTERVAL_DAYS: positiveIntVar()
    .default(D.reminders.maintenanceIntervalDays)
    .describe('Next maintenance this many days after a maintenance visit when the SA advised no date (platform default 180).'),
  WORKSHOP_REMINDER_HOUR: z.coerce
    .number()
    .int()
    .min(0)
    .max(23)
    .default(D.reminders.sendAtHour)
    .describe('Local hour at which reminders become due (platform default 9).'),
  WORKSHOP_LOYAL_VISITS: positiveIntVar()
    .default(D.customers.loyalVisits)
    .describe('Visits within the loyalty window that make a customer loyal (platform default 3; the documents name the class, not the figure).'),
  WORKSHOP_LOYAL_WINDOW_MONTHS: positiveIntVar().default(D.customers.loyalWindowMonths).describe('Loyalty window in months (platform default 12).'),
  WORKSHOP_LOST_AFTER_MONTHS: positiveIntVar()
    .default(D.customers.lostAfterMonths)
    .describe('Months without a visit after which a customer is lost (platform default 12; the documents name the class, not the figure).'),
  WORKSHOP_RUN_RELAY: booleanVar()
    .default(false)
    .describe(
      "Run the store's event relay (event store → JetStream) in this process. One relay per store: the sales service runs it by default; set true where the workshop runs without it.",
    ),
  WORKSHOP_TIMER_POLL_MS: positiveIntVar().default(1_000).describe('Poll period of the timer dispatcher (wake-ups also arrive over LISTEN/NOTIFY).'),
});

export type WorkshopConfig = z.output<typeof workshopConfig>;

export const loadWorkshopConfig = (env: Env = process.env): WorkshopConfig => loadConfig(workshopConfig, env);

export const workshopSettingsOf = (c: WorkshopConfig): WorkshopSettings => ({
  timeZone: c.STORE_TIME_ZONE,
  ...holidayDays(c.WORKSHOP_HOLIDAY_CALENDAR, { holidays: c.WORKSHOP_HOLIDAYS, makeUpWorkingDays: c.WORKSHOP_MAKE_UP_WORKING_DAYS }),
  appointments: { noShowAfterMinutes: c.WORKSHOP_NO_SHOW_AFTER_MINUTES },
  followUp: {
    firstCallAfterWorkingDays: c.WORKSHOP_FIRST_CALL_WORKING_DAYS,
    escalateAfterDays: c.WORKSHOP_ESCALATE_AFTER_DAYS,
    secondCallAfterDays: c.WORKSHOP_SECOND_CALL_AFTER_DAYS,
    secondCallWindowDays: c.WORKSHOP_SECOND_CALL_WINDOW_DAYS,
    satisfiedFrom: c.WORKSHOP_SATISFIED_FROM,
  },
  reminders: {
    leadDays: c.WORKSHOP_REMINDER_LEAD_DAYS,
    firstServiceAfterDays: c.WORKSHOP_FIRST_SERVICE_AFTER_DAYS,
    maintenanceIntervalDays: c.WORKSHOP_MAINTENANCE_INTERVAL_DAYS,
    sendAtHour: c.WORKSHOP_REMINDER_HOUR,
  },
  customers: { loyalVisits: c.WORKSHOP_LOYAL_VISITS, loyalWindowMonths: c.WORKSHOP_LOYAL_WINDOW_MONTHS, lostAfterMonths: c.WORKSHOP_LOST_AFTER_MONTHS },
});
