export { type FestivalBreak, type HolidayNotice, type IsoDate, MAINLAND_CHINA_NOTICES } from './mainland-china.js';
export { daysOff, HOLIDAY_CALENDARS, type HolidayCalendarName, type HolidayDays, holidayDays, publishedYears } from './holiday-calendar.js';
