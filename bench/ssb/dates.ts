/**
 * The SSB date dimension: every day from 1992-01-01 to 1998-12-31 (2,556 rows), and the day
 * offsets lineorder dates are drawn from. Day 0 is 1992-01-01; all arithmetic is in UTC.
 */
import { DAY_NAMES, MONTH_NAMES, isHoliday, sellingSeason } from './distributions.js';

/** Number of days in the date dimension. */
export const DATE_COUNT = 2556;

/** The latest order date offset: TPC-H orders end 151 days before the last day (1998-08-02). */
export const LAST_ORDER_DAY = DATE_COUNT - 1 - 151;

const START_MS = Date.UTC(1992, 0, 1);
const DAY_MS = 86_400_000;

/** One day of the calendar, with the fields the date dimension and lineorder need. */
export interface Day {
  /** YYYYMMDD as a number: D_DATEKEY and the multi-table LO_ORDERDATE / LO_COMMITDATE. */
  readonly datekey: number;
  /** 'YYYY-MM-DD': the flat table's DATE columns. */
  readonly iso: string;
  /** The full `dates` row, '|'-separated. */
  readonly row: string;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function makeDay(offset: number): Day {
  const d = new Date(START_MS + offset * DAY_MS);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const weekday = d.getUTCDay() + 1; // 1 = Sunday … 7 = Saturday
  const dayOfYear = Math.round((d.getTime() - Date.UTC(year, 0, 1)) / DAY_MS) + 1;
  const lastOfMonth = new Date(Date.UTC(year, month, 0)).getUTCDate() === day;
  const monthName = MONTH_NAMES[month - 1] as string;
  const datekey = year * 10000 + month * 100 + day;
  const fields = [
    datekey,
    `${monthName} ${day}, ${year}`,
    DAY_NAMES[weekday - 1] as string,
    monthName,
    year,
    year * 100 + month,
    `${monthName.slice(0, 3)}${year}`,
    weekday,
    day,
    dayOfYear,
    month,
    // SSB counts weeks from day-of-year: week 6 of 1994 is Feb 4–10 (day 35–41).
    Math.floor(dayOfYear / 7) + 1,
    sellingSeason(month),
    weekday === 7 ? 1 : 0,
    lastOfMonth ? 1 : 0,
    isHoliday(month, day) ? 1 : 0,
    weekday !== 1 && weekday !== 7 ? 1 : 0,
  ];
  return { datekey, iso: `${year}-${pad2(month)}-${pad2(day)}`, row: fields.join('|') };
}

let calendar: readonly Day[] | undefined;

/** All 2,556 days, built once. */
export function days(): readonly Day[] {
  calendar ??= Array.from({ length: DATE_COUNT }, (_, i) => makeDay(i));
  return calendar;
}
