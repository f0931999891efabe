// Mainland China's public holidays and make-up working days (调休上班), as the State Council's General Office
// publishes them once a year in 《国务院办公厅关于<year>年部分节假日安排的通知》. The dates are transcribed from those
// notices; `days` is the notice's own "共N天" for each festival, which the unit test checks the dates against.
// A year is added when its notice is published; until then a store lists that year's days in its own settings.

/** A calendar day `YYYY-MM-DD`. */
export type IsoDate = string;

export interface FestivalBreak {
  /** The festival as the notice names it, and in English. */
  readonly name: { readonly zh: string; readonly en: string };
  /** First and last day off, inclusive (weekends inside the break included, as the notice counts them). */
  readonly off: readonly [IsoDate, IsoDate];
  /** "共N天": the length of the break the notice states. */
  readonly days: number;
  /** Weekend days worked in exchange (调休上班), as the notice lists them. */
  readonly makeUp: readonly IsoDate[];
}

export interface HolidayNotice {
  /** The year the notice is for (a break may start in the year before, e.g. New Year 2023 began on 31 Dec 2022). */
  readonly year: number;
  /** The notice's title: the source of the year's dates. */
  readonly source: string;
  readonly breaks: readonly FestivalBreak[];
}

const NEW_YEAR = { zh: '元旦', en: "New Year's Day" } as const;
const SPRING = { zh: '春节', en: 'Spring Festival' } as const;
const QINGMING = { zh: '清明节', en: 'Qingming Festival' } as const;
const LABOUR = { zh: '劳动节', en: 'Labour Day' } as const;
const DRAGON_BOAT = { zh: '端午节', en: 'Dragon Boat Festival' } as const;
const MID_AUTUMN = { zh: '中秋节', en: 'Mid-Autumn Festival' } as const;
const NATIONAL = { zh: '国庆节', en: 'National Day' } as const;
const MID_AUTUMN_NATIONAL = { zh: '中秋节、国庆节', en: 'Mid-Autumn Festival and National Day' } as const;

const notice = (year: number) => `国务院办公厅关于${year}年部分节假日安排的通知`;

export const MAINLAND_CHINA_NOTICES: readonly HolidayNotice[] = [
  {
    year: 2020,
    // The 2020 Spring Festival break was extended to 2 February by a second notice (COVID-19), which also turned
    // the make-up Saturday of 1 February into a day off. The data follows what was in force.
    source: `${notice(2020)}; 国务院办公厅关于延长2020年春节假期的通知`,
    breaks: [
      { name: NEW_YEAR, off: ['2020-01-01', '2020-01-01'], days: 1, makeUp: [] },
      { name: SPRING, off: ['2020-01-24', '2020-02-02'], days: 10, makeUp: ['2020-01-19'] },
      { name: QINGMING, off: ['2020-04-04', '2020-04-06'], days: 3, makeUp: [] },
      { name: LABOUR, off: ['2020-05-01', '2020-05-05'], days: 5, makeUp: ['2020-04-26', '2020-05-09'] },
      { name: DRAGON_BOAT, off: ['2020-06-25', '2020-06-27'], days: 3, makeUp: ['2020-06-28'] },
      { name: MID_AUTUMN_NATIONAL, off: ['2020-10-01', '2020-10-08'], days: 8, makeUp: ['2020-09-27', '2020-10-10'] },
    ],
  },
  {
    year: 2021,
    source: notice(2021),
    breaks: [
      { name: NEW_YEAR, off: ['2021-01-01', '2021-01-03'], days: 3, makeUp: [] },
      { name: SPRING, off: ['2021-02-11', '2021-02-17'], days: 7, makeUp: ['2021-02-07', '2021-02-20'] },
      { name: QINGMING, off: ['2021-04-03', '2021-04-05'], days: 3, makeUp: [] },
      { name: LABOUR, off: ['2021-05-01', '2021-05-05'], days: 5, makeUp: ['2021-04-25', '2021-05-08'] },
      { name: DRAGON_BOAT, off: ['2021-06-12', '2021-06-14'], days: 3, makeUp: [] },
      { name: MID_AUTUMN, off: ['2021-09-19', '2021-09-21'], days: 3, makeUp: ['2021-09-18'] },
      { name: NATIONAL, off: ['2021-10-01', '2021-10-07'], days: 7, makeUp: ['2021-09-26', '2021-10-09'] },
    ],
  },
  {
    year: 2022,
    source: notice(2022),
    breaks: [
      { name: NEW_YEAR, off: ['2022-01-01', '2022-01-03'], days: 3, makeUp: [] },
      { name: SPRING, off: ['2022-01-31', '2022-02-06'], days: 7, makeUp: ['2022-01-29', '2022-01-30'] },
      { name: QINGMING, off: ['2022-04-03', '2022-04-05'], days: 3, makeUp: ['2022-04-02'] },
      { name: LABOUR, off: ['2022-04-30', '2022-05-04'], days: 5, makeUp: ['2022-04-24', '2022-05-07'] },
      { name: DRAGON_BOAT, off: ['2022-06-03', '2022-06-05'], days: 3, makeUp: [] },
      { name: MID_AUTUMN, off: ['2022-09-10', '2022-09-12'], days: 3, makeUp: [] },
      { name: NATIONAL, off: ['2022-10-01', '2022-10-07'], days: 7, makeUp: ['2022-10-08', '2022-10-09'] },
    ],
  },
  {
    year: 2023,
    source: notice(2023),
    breaks: [
      { name: NEW_YEAR, off: ['2022-12-31', '2023-01-02'], days: 3, makeUp: [] },
      { name: SPRING, off: ['2023-01-21', '2023-01-27'], days: 7, makeUp: ['2023-01-28', '2023-01-29'] },
      { name: QINGMING, off: ['2023-04-05', '2023-04-05'], days: 1, makeUp: [] },
      { name: LABOUR, off: ['2023-04-29', '2023-05-03'], days: 5, makeUp: ['2023-04-23', '2023-05-06'] },
      { name: DRAGON_BOAT, off: ['2023-06-22', '2023-06-24'], days: 3, makeUp: ['2023-06-25'] },
      { name: MID_AUTUMN_NATIONAL, off: ['2023-09-29', '2023-10-06'], days: 8, makeUp: ['2023-10-07', '2023-10-08'] },
    ],
  },
  {
    year: 2024,
    source: notice(2024),
    breaks: [
      { name: NEW_YEAR, off: ['2024-01-01', '2024-01-01'], days: 1, makeUp: [] },
      { name: SPRING, off: ['2024-02-10', '2024-02-17'], days: 8, makeUp: ['2024-02-04', '2024-02-18'] },
      { name: QINGMING, off: ['2024-04-04', '2024-04-06'], days: 3, makeUp: ['2024-04-07'] },
      { name: LABOUR, off: ['2024-05-01', '2024-05-05'], days: 5, makeUp: ['2024-04-28', '2024-05-11'] },
      { name: DRAGON_BOAT, off: ['2024-06-08', '2024-06-10'], days: 3, makeUp: [] },
      { name: MID_AUTUMN, off: ['2024-09-15', '2024-09-17'], days: 3, makeUp: ['2024-09-14'] },
      { name: NATIONAL, off: ['2024-10-01', '2024-10-07'], days: 7, makeUp: ['2024-09-29', '2024-10-12'] },
    ],
  },
  {
    year: 2025,
    // From 2025 the Spring Festival and Labour Day each have one more statutory day (国务院令第793号).
    source: notice(2025),
    breaks: [
      { name: NEW_YEAR, off: ['2025-01-01', '2025-01-01'], days: 1, makeUp: [] },
      { name: SPRING, off: ['2025-01-28', '2025-02-04'], days: 8, makeUp: ['2025-01-26', '2025-02-08'] },
      { name: QINGMING, off: ['2025-04-04', '2025-04-06'], days: 3, makeUp: [] },
      { name: LABOUR, off: ['2025-05-01', '2025-05-05'], days: 5, makeUp: ['2025-04-27'] },
      { name: DRAGON_BOAT, off: ['2025-05-31', '2025-06-02'], days: 3, makeUp: [] },
      { name: MID_AUTUMN_NATIONAL, off: ['2025-10-01', '2025-10-08'], days: 8, makeUp: ['2025-09-28', '2025-10-11'] },
    ],
  },
  {
    year: 2026,
    source: notice(2026),
    breaks: [
      { name: NEW_YEAR, off: ['2026-01-01', '2026-01-03'], days: 3, makeUp: ['2026-01-04'] },
      { name: SPRING, off: ['2026-02-15', '2026-02-23'], days: 9, makeUp: ['2026-02-14', '2026-02-28'] },
      { name: QINGMING, off: ['2026-04-04', '2026-04-06'], days: 3, makeUp: [] },
      { name: LABOUR, off: ['2026-05-01', '2026-05-05'], days: 5, makeUp: ['2026-05-09'] },
      { name: DRAGON_BOAT, off: ['2026-06-19', '2026-06-21'], days: 3, makeUp: [] },
      { name: MID_AUTUMN, off: ['2026-09-25', '2026-09-27'], days: 3, makeUp: [] },
      { name: NATIONAL, off: ['2026-10-01', '2026-10-07'], days: 7, makeUp: ['2026-09-20', '2026-10-10'] },
    ],
  },
];
