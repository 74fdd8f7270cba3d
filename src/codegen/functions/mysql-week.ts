/**
 * MySQL/StarRocks week numbering (WEEK(d, mode), YEARWEEK, DATE_FORMAT %U %u %V %v %X %x) as a
 * DuckDB expression. It follows MySQL's calc_week: the mode's three bits are "Monday first",
 * "week belongs to the year it mostly lies in (1..53)" and "week 1 starts on the first
 * Sunday/Monday" (else: the first week with ≥ 4 days). The date is bound once through a one-element
 * list lambda so the generated expression never repeats the caller's fragment.
 */

const D = '__rk_d';

/** MySQL's week_mode(): mode → behaviour bits (1 Monday first, 2 week year, 4 first weekday). */
function behaviour(mode: number): number {
  let b = mode & 7;
  if ((b & 1) === 0) b ^= 4;
  return b;
}

/** Weekday of the 1st of January of the year of `yearSql`, 0-based per the mode's first day. */
function jan1Weekday(yearSql: string, mondayFirst: boolean): string {
  const jan1 = `make_date(${yearSql}, 1, 1)`;
  return mondayFirst ? `(isodow(${jan1}) - 1)` : `dayofweek(${jan1})`;
}

function daysInYear(yearSql: string): string {
  return `(make_date((${yearSql}) + 1, 1, 1) - make_date(${yearSql}, 1, 1))`;
}

/** Offset rule: days from the 1st of January to the start of week 1. */
function adjust(w: string, firstWeekday: boolean): string {
  const starts = firstWeekday ? `(${w}) <> 0` : `(${w}) >= 4`;
  return `(CASE WHEN ${starts} THEN 7 - (${w}) ELSE -(${w}) END)`;
}

/** Bind a DATE fragment once and evaluate `body` (which uses the variable D) on it. */
function bindDate(dateSql: string, body: string): string {
  return `list_transform([CAST(${dateSql} AS DATE)], lambda ${D}: ${body})[1]`;
}

/** Week number (and the year it belongs to) as two SQL expressions over the bound date D. */
function weekParts(mode: number): { week: string; year: string } {
  const b = behaviour(mode);
  const mondayFirst = (b & 1) !== 0;
  const weekYear = (b & 2) !== 0;
  const firstWeekday = (b & 4) !== 0;
  const y = `year(${D})`;
  const w0 = jan1Weekday(y, mondayFirst);
  const inFirstDays = `(month(${D}) = 1 AND day(${D}) <= 7 - ${w0})`;
  const startsLate = firstWeekday ? `${w0} <> 0` : `${w0} >= 4`;
  const daysFrom = (yearSql: string, w: string): string =>
    `((${D} - make_date(${yearSql}, 1, 1)) - ${adjust(w, firstWeekday)})`;
  if (!weekYear) {
    const days = daysFrom(y, w0);
    const week = `(CASE WHEN ${inFirstDays} AND ${startsLate} THEN 0 ELSE ${days} // 7 + 1 END)`;
    return { week, year: y };
  }
  const prevW = `((${w0} + 53 * 7 - ${daysInYear(`${y} - 1`)}) % 7)`;
  const yy = `(CASE WHEN ${inFirstDays} THEN ${y} - 1 ELSE ${y} END)`;
  const wy = `(CASE WHEN ${inFirstDays} THEN ${prevW} ELSE ${w0} END)`;
  const days = `(CASE WHEN ${inFirstDays} THEN ${daysFrom(`${y} - 1`, prevW)} ELSE ${daysFrom(y, w0)} END)`;
  const w2 = `((${wy} + ${daysInYear(yy)}) % 7)`;
  const rollsOver = firstWeekday ? `${w2} = 0` : `${w2} < 4`;
  const next = `(${days} >= 52 * 7 AND ${rollsOver})`;
  return {
    week: `(CASE WHEN ${next} THEN 1 ELSE ${days} // 7 + 1 END)`,
    year: `(CASE WHEN ${next} THEN ${yy} + 1 ELSE ${yy} END)`,
  };
}

/** WEEK(date, mode) as an INTEGER expression. */
export function mysqlWeek(dateSql: string, mode: number): string {
  return `CAST(${bindDate(dateSql, weekParts(mode).week)} AS INTEGER)`;
}

/** The year a MySQL week belongs to (for %X / %x). */
export function mysqlWeekYear(dateSql: string, mode: number): string {
  return `CAST(${bindDate(dateSql, weekParts(mode).year)} AS INTEGER)`;
}

/** YEARWEEK(date, mode): year * 100 + week, with the week-year rule forced on as MySQL does. */
export function mysqlYearWeek(dateSql: string, mode: number): string {
  const p = weekParts(mode | 2);
  return `CAST(${bindDate(dateSql, `(${p.year}) * 100 + (${p.week})`)} AS INTEGER)`;
}
