/**
 * Date/time emitters. StarRocks semantics kept: DAYOFWEEK 1 = Sunday, WEEK modes as MySQL,
 * DATE_ADD family returns DATETIME with month-end clamping, *_diff counts complete units
 * (months_diff('2024-02-29','2024-01-31') = 0), DATEDIFF compares date parts only, NOW() is
 * second-precision local time in the session zone, FROM_UNIXTIME/UNIX_TIMESTAMP use the zone.
 */
import { SqlError } from '../../errors/index.js';
import { T } from '../../types/index.js';
import type { EmitCall, FunctionEmitter } from '../function-emitter.js';
import { formatHasTime, formatTemporal, formatTemporalDynamic, parseTemporal } from './date-format.js';
import { jodaToMysql, teradataToMysql } from './foreign-formats.js';
import { mysqlWeek, mysqlYearWeek } from './mysql-week.js';
import { CURRENT_INSTANT, fromLocal, parseZone, sessionZone, toLocal } from './time-zone.js';
import { arg, argT, castTo, constArg, constInt, constString, tmpl, unsupported } from './util.js';

const INTERVAL_FN: Readonly<Record<string, (n: string) => string>> = {
  years: (n) => `to_years(CAST(${n} AS INTEGER))`,
  quarters: (n) => `to_months(CAST(${n} AS INTEGER) * 3)`,
  months: (n) => `to_months(CAST(${n} AS INTEGER))`,
  weeks: (n) => `to_days(CAST(${n} AS INTEGER) * 7)`,
  days: (n) => `to_days(CAST(${n} AS INTEGER))`,
  hours: (n) => `to_hours(CAST(${n} AS BIGINT))`,
  minutes: (n) => `to_minutes(CAST(${n} AS BIGINT))`,
  seconds: (n) => `to_seconds(CAST(${n} AS BIGINT))`,
  milliseconds: (n) => `to_milliseconds(CAST(${n} AS BIGINT))`,
  microseconds: (n) => `to_microseconds(CAST(${n} AS BIGINT))`,
};

function now(c: EmitCall): string {
  const local = toLocal(CURRENT_INSTANT, sessionZone(c), c.literal);
  const precision = c.args.length > 0 ? (constInt(c, 0) ?? 0) : 0;
  const truncated =
    precision >= 6
      ? local
      : precision >= 3
        ? `date_trunc('millisecond', ${local})`
        : `date_trunc('second', ${local})`;
  return `CAST(${truncated} AS TIMESTAMP)`;
}

/**
 * Complete months from b to a (a - b) as StarRocks counts them: the raw month distance, minus one
 * when a's day-and-time is before b's; when a is the last day of its month, b only has to be no
 * later than the last day of the month N months before a (so 2017-02-28 is a full year after
 * 2016-02-29). Checked against StarRocks' date_diff SQL-tester cases.
 */
function monthsDiff(a: string, b: string): string {
  const raw = `((year(${a}) * 12 + month(${a})) - (year(${b}) * 12 + month(${b})))`;
  const rest = (x: string): string => `strftime(${x}, '%d%H%M%S%f')`;
  const aIsMonthEnd = `(CAST(${a} AS DATE) = last_day(${a}))`;
  const shifted = `(CAST(last_day(${a} - to_months(CAST(${raw} AS INTEGER))) AS TIMESTAMP) + (CAST(${a} AS TIMESTAMP) - date_trunc('day', ${a})))`;
  const full = `(${rest(a)} >= ${rest(b)} OR (${aIsMonthEnd} AND ${shifted} >= ${b}))`;
  return `(${raw} - CASE WHEN ${raw} > 0 AND NOT ${full} THEN 1 WHEN ${raw} < 0 AND ${rest(a)} > ${rest(b)} THEN -1 ELSE 0 END)`;
}

function diff(unit: string, a: string, b: string): string {
  switch (unit) {
    case 'years':
      return `CAST(trunc(${monthsDiff(a, b)} / 12) AS BIGINT)`;
    case 'quarters':
      return `CAST(trunc(${monthsDiff(a, b)} / 3) AS BIGINT)`;
    case 'months':
      return `CAST(${monthsDiff(a, b)} AS BIGINT)`;
    default:
      return `CAST(date_sub('${unit.replace(/s$/, '')}', ${b}, ${a}) AS BIGINT)`;
  }
}

/**
 * Trino's date_diff(unit, a, b): whole units from a to b, counted like StarRocks' from the later
 * date back to the earlier one (so month-end rules apply to the later date), with b's sign.
 */
function trinoDiff(unit: string, a: string, b: string): string {
  if (!['years', 'quarters', 'months'].includes(unit)) return diff(unit, b, a);
  return `(CASE WHEN CAST(${b} AS TIMESTAMP) >= CAST(${a} AS TIMESTAMP) THEN ${diff(unit, b, a)} ELSE -${diff(unit, a, b)} END)`;
}

function addEmitter(unit: string, sign: 1 | -1): FunctionEmitter {
  const interval = INTERVAL_FN[unit] as (n: string) => string;
  return (c) => `CAST(${arg(c, 0)} ${sign > 0 ? '+' : '-'} ${interval(arg(c, 1))} AS TIMESTAMP)`;
}

function arithmeticEmitters(): Record<string, FunctionEmitter> {
  const out: Record<string, FunctionEmitter> = {};
  for (const unit of Object.keys(INTERVAL_FN)) {
    out[`${unit}_add`] = addEmitter(unit, 1);
    out[`${unit}_sub`] = addEmitter(unit, -1);
    out[`${unit}_diff`] = (c) => diff(unit, arg(c, 0), arg(c, 1));
  }
  return out;
}

const DATE_DIFF_UNITS: Readonly<Record<string, string>> = {
  year: 'years',
  quarter: 'quarters',
  month: 'months',
  week: 'weeks',
  day: 'days',
  hour: 'hours',
  minute: 'minutes',
  second: 'seconds',
  millisecond: 'milliseconds',
};

function dateFormat(c: EmitCall): string {
  const v = arg(c, 0);
  const fmt = constString(c, 1);
  return fmt === undefined ? formatTemporalDynamic(v, arg(c, 1)) : formatTemporal(v, fmt, c.literal);
}

function strToDate(c: EmitCall, asDate: boolean): string {
  const fmt = constString(c, 1);
  if (fmt === undefined) return unsupported('STR_TO_DATE with a non-constant format');
  const parsed = parseTemporal(arg(c, 0), fmt, c.literal) ?? unsupported(`STR_TO_DATE format '${fmt}'`);
  const wantDate = asDate || c.returnType.kind === 'date' || !formatHasTime(fmt);
  return wantDate && c.returnType.kind === 'date'
    ? `CAST(${parsed} AS DATE)`
    : `CAST(${parsed} AS TIMESTAMP)`;
}

function unixTimestamp(c: EmitCall): string {
  if (c.args.length === 0) return `CAST(floor(epoch(${CURRENT_INSTANT})) AS BIGINT)`;
  let v = arg(c, 0);
  if (c.args.length === 2) {
    const fmt = constString(c, 1);
    if (fmt === undefined) return unsupported('UNIX_TIMESTAMP with a non-constant format');
    v = parseTemporal(v, fmt, c.literal) ?? unsupported(`UNIX_TIMESTAMP format '${fmt}'`);
  }
  return `CAST(floor(epoch(${fromLocal(v, sessionZone(c), c.literal)})) AS BIGINT)`;
}

/**
 * TO_DATETIME(n [, scale]): n in seconds (scale 0), milliseconds (3) or microseconds (6) as epoch
 * microseconds; any other scale (constant or per row) gives NULL.
 */
function epochMicros(c: EmitCall): string {
  const n = `CAST(${arg(c, 0)} AS BIGINT)`;
  const at = (k: number): string => `${n} * ${10 ** (6 - k)}`;
  if (c.args.length < 2) return `(${at(0)})`;
  const scale = constInt(c, 1);
  if (scale !== undefined) return [0, 3, 6].includes(scale) ? `(${at(scale)})` : 'CAST(NULL AS BIGINT)';
  return `(CASE ${arg(c, 1)} WHEN 0 THEN ${at(0)} WHEN 3 THEN ${at(3)} WHEN 6 THEN ${at(6)} END)`;
}

function fromUnixtime(c: EmitCall, millis: boolean): string {
  const n = arg(c, 0);
  const seconds = millis ? `(${n}) / 1000.0` : n;
  const local = toLocal(`to_timestamp(${seconds})`, sessionZone(c), c.literal);
  const body =
    c.args.length > 1
      ? (() => {
          const fmt = constString(c, 1);
          return fmt === undefined
            ? formatTemporalDynamic(local, arg(c, 1))
            : formatTemporal(local, fmt, c.literal);
        })()
      : `strftime(${local}, '%Y-%m-%d %H:%M:%S')`;
  // StarRocks: NULL outside [0, 253402243199].
  return `CASE WHEN (${n}) < 0 OR (${n}) > ${millis ? '253402243199999' : '253402243199'} THEN NULL ELSE ${body} END`;
}

function weekday(name: string): string {
  const days = ['su', 'mo', 'tu', 'we', 'th', 'fr', 'sa'];
  const prefix = name.trim().toLowerCase().slice(0, 2);
  const i = days.indexOf(prefix);
  return i < 0 ? 'NULL' : String(i);
}

function nextOrPreviousDay(c: EmitCall, next: boolean): string {
  const name = constString(c, 1);
  if (name === undefined) return unsupported('NEXT_DAY/PREVIOUS_DAY with a non-constant day');
  const target = weekday(name);
  const d = `CAST(${arg(c, 0)} AS DATE)`;
  const delta = next
    ? `((${target} - dayofweek(${d}) + 6) % 7 + 1)`
    : `-((dayofweek(${d}) - ${target} + 6) % 7 + 1)`;
  return `CAST(${d} + CAST(${delta} AS INTEGER) AS DATE)`;
}

function lastDay(c: EmitCall): string {
  const d = `CAST(${arg(c, 0)} AS DATE)`;
  const unit =
    c.args.length > 1 ? (constString(c, 1) ?? unsupported('LAST_DAY with a non-constant unit')) : 'month';
  switch (unit.toLowerCase()) {
    case 'month':
      return `last_day(${d})`;
    case 'quarter':
      return `CAST(date_trunc('quarter', ${d}) + INTERVAL 3 MONTH - INTERVAL 1 DAY AS DATE)`;
    case 'year':
      return `make_date(year(${d}), 12, 31)`;
    default:
      return unsupported(`LAST_DAY unit '${unit}'`);
  }
}

const TRUNC_UNITS = new Set([
  'microsecond',
  'millisecond',
  'second',
  'minute',
  'hour',
  'day',
  'week',
  'month',
  'quarter',
  'year',
]);

function dateTrunc(c: EmitCall): string {
  const unit = constString(c, 0)?.toLowerCase();
  if (unit === undefined || !TRUNC_UNITS.has(unit)) return unsupported(`DATE_TRUNC unit ${c.args[0] ?? ''}`);
  return castTo(`date_trunc('${unit}', ${arg(c, 1)})`, c.returnType);
}

/** Slice lengths (in units) that cover the whole 0001–9999 range. */
const SLICE_SPAN: Readonly<Record<string, number>> = {
  year: 10_000,
  quarter: 40_000,
  month: 120_000,
  week: 530_000,
  day: 3_700_000,
  hour: 88_000_000,
  minute: 5_300_000_000,
};

function timeSlice(c: EmitCall, isDate: boolean): string {
  const unit = constString(c, 2)?.toLowerCase();
  const n = constInt(c, 1);
  if (unit === undefined || n === undefined || !TRUNC_UNITS.has(unit))
    return unsupported('TIME_SLICE arguments');
  const v = `CAST(${arg(c, 0)} AS TIMESTAMP)`;
  const ceil = (constString(c, 3) ?? 'floor').toLowerCase() === 'ceil';
  const span = SLICE_SPAN[unit];
  if (span !== undefined && n > span) {
    // A slice longer than 0001-01-01 … 9999-12-31 (DuckDB cannot even form the INTERVAL): every
    // value floors to the origin, and the slice's end lies past 9999.
    const origin = ceil ? 'NULL' : `TIMESTAMP '0001-01-01 00:00:00'`;
    return castTo(`CASE WHEN ${v} IS NOT NULL THEN ${origin} END`, isDate ? T.date : T.datetime);
  }
  const interval = `INTERVAL ${n} ${unit.toUpperCase()}`;
  const floor = `time_bucket(${interval}, ${v}, TIMESTAMP '0001-01-01 00:00:00')`;
  // CEIL is the end of the slice (floor + interval, even for a value on a boundary); past 9999 it is NULL.
  const end = `${floor} + ${interval}`;
  const body = ceil ? `CASE WHEN ${end} <= TIMESTAMP '9999-12-31 23:59:59.999999' THEN ${end} END` : floor;
  const early = c.literal("time used with time_slice can't before 0001-01-01 00:00:00");
  const checked = `CASE WHEN ${v} < TIMESTAMP '0001-01-01 00:00:00' THEN error(${early}) ELSE ${body} END`;
  return castTo(checked, isDate ? T.date : T.datetime);
}

function teraParse(c: EmitCall, asDate: boolean): string {
  // A NULL format (a NULL literal, possibly cast) gives NULL like any NULL argument.
  if (constArg(c, 1) === null || /^(CAST\()?NULL\b/i.test((c.args[1] ?? '').trim()))
    return asDate ? 'CAST(NULL AS DATE)' : 'CAST(NULL AS TIMESTAMP)';
  const fmt = constString(c, 1);
  if (fmt === undefined) return unsupported('TO_TERA_DATE/TO_TERA_TIMESTAMP with a non-constant format');
  const t =
    teradataToMysql(fmt) ??
    (() => {
      throw new SqlError('runtime-error', { message: `The format parameter ${fmt} is invalid format` });
    })();
  const parsed = parseTemporal(arg(c, 0), t.mysql, c.literal) ?? unsupported(`Teradata format '${fmt}'`);
  const ts = t.pm
    ? `(${parsed} + CASE WHEN hour(${parsed}) < 12 THEN INTERVAL 12 HOUR ELSE INTERVAL 0 HOUR END)`
    : parsed;
  return asDate ? `CAST(${ts} AS DATE)` : `CAST(${ts} AS TIMESTAMP)`;
}

function jodaParse(c: EmitCall): string {
  const fmt = constString(c, 1);
  if (fmt === undefined) return unsupported('STR_TO_JODATIME with a non-constant format');
  const mysql = jodaToMysql(fmt) ?? unsupported(`Joda format '${fmt}'`);
  const parsed = parseTemporal(arg(c, 0), mysql, c.literal) ?? unsupported(`Joda format '${fmt}'`);
  return `CAST(${parsed} AS TIMESTAMP)`;
}

function jodaFormat(c: EmitCall): string {
  const fmt = constString(c, 1);
  if (fmt === undefined) return unsupported('JODATIME_FORMAT with a non-constant format');
  return formatTemporal(arg(c, 0), jodaToMysql(fmt) ?? unsupported(`Joda format '${fmt}'`), c.literal);
}

const OFFSET_RE = `'[+-][0-9]{1,2}:[0-9]{2}'`;

/** SQL: the minutes east of UTC of a zone string when it is a `±hh:mm` offset, else 0. */
function dynamicOffset(zone: string): string {
  const z = `trim(${zone})`;
  const minutes = `(CAST(split_part(substr(${z}, 2), ':', 1) AS INTEGER) * 60 + CAST(split_part(${z}, ':', 2) AS INTEGER))`;
  return `(CASE WHEN regexp_full_match(${z}, ${OFFSET_RE}) THEN (CASE WHEN starts_with(${z}, '-') THEN -1 ELSE 1 END) * ${minutes} ELSE 0 END)`;
}

/** SQL: the ICU zone name of a zone string; offsets become UTC (their shift is applied apart). */
function dynamicName(zone: string): string {
  const z = `trim(${zone})`;
  return `(CASE WHEN regexp_full_match(${z}, ${OFFSET_RE}) THEN 'UTC' WHEN upper(${z}) = 'CST' THEN 'Asia/Shanghai' ELSE ${z} END)`;
}

/** CONVERT_TZ: zones may be IANA names or `+08:00` offsets, constant or per row. */
function convertTz(c: EmitCall): string {
  const [from, to] = [constString(c, 1), constString(c, 2)];
  const v = `CAST(${arg(c, 0)} AS TIMESTAMP)`;
  if (from === undefined || to === undefined) {
    const [f, t] = [arg(c, 1), arg(c, 2)];
    const instant = `timezone(${dynamicName(f)}, ${v} - to_minutes(${dynamicOffset(f)}))`;
    return `CAST(timezone(${dynamicName(t)}, ${instant}) + to_minutes(${dynamicOffset(t)}) AS TIMESTAMP)`;
  }
  return `CAST(${toLocal(fromLocal(v, parseZone(from), c.literal), parseZone(to), c.literal)} AS TIMESTAMP)`;
}

function weekMode(c: EmitCall): number {
  if (c.args.length < 2) return 0;
  return constInt(c, 1) ?? unsupported('WEEK with a non-constant mode');
}

/** Date/time emitters by id. */
export const DATETIME_EMITTERS: Readonly<Record<string, FunctionEmitter>> = {
  now,
  curdate: (c) => `CAST(${now(c)} AS DATE)`,
  curtime: (c) => `CAST(${now(c)} AS TIME)`,
  utc_timestamp: () => `CAST(date_trunc('second', timezone('UTC', ${CURRENT_INSTANT})) AS TIMESTAMP)`,
  utc_time: () => `CAST(date_trunc('second', timezone('UTC', ${CURRENT_INSTANT})) AS TIME)`,
  current_timezone: (c) => c.literal(c.session?.timeZone ?? 'Asia/Shanghai'),
  year: tmpl((a) => `CAST(year(${a[0]}) AS SMALLINT)`),
  month: tmpl((a) => `CAST(month(${a[0]}) AS TINYINT)`),
  day: tmpl((a) => `CAST(day(${a[0]}) AS TINYINT)`),
  dayofmonth: tmpl((a) => `CAST(day(${a[0]}) AS TINYINT)`),
  hour: tmpl((a) => `CAST(hour(${a[0]}) AS TINYINT)`),
  minute: tmpl((a) => `CAST(minute(${a[0]}) AS TINYINT)`),
  second: tmpl((a) => `CAST(second(${a[0]}) AS TINYINT)`),
  millisecond: tmpl((a) => `CAST((microsecond(${a[0]}) % 1000000) // 1000 AS INTEGER)`),
  microsecond: tmpl((a) => `CAST(microsecond(${a[0]}) % 1000000 AS INTEGER)`),
  quarter: tmpl((a) => `CAST(quarter(${a[0]}) AS INTEGER)`),
  dayofweek: tmpl((a) => `CAST(dayofweek(${a[0]}) + 1 AS INTEGER)`),
  dayofweek_iso: tmpl((a) => `CAST(isodow(${a[0]}) AS INTEGER)`),
  dayofyear: tmpl((a) => `CAST(dayofyear(${a[0]}) AS INTEGER)`),
  weekofyear: tmpl((a) => `CAST(week(${a[0]}) AS INTEGER)`),
  week_iso: tmpl((a) => `CAST(week(${a[0]}) AS INTEGER)`),
  weekday: tmpl((a) => `CAST(isodow(${a[0]}) - 1 AS INTEGER)`),
  week: (c) => mysqlWeek(arg(c, 0), weekMode(c)),
  yearweek: (c) => mysqlYearWeek(arg(c, 0), weekMode(c)),
  dayname: tmpl((a) => `dayname(${a[0]})`),
  monthname: tmpl((a) => `monthname(${a[0]})`),
  to_date: tmpl((a) => `CAST(${a[0]} AS DATE)`),
  timestamp: tmpl((a) => `CAST(${a[0]} AS TIMESTAMP)`),
  to_days: tmpl((a) => `CAST((CAST(${a[0]} AS DATE) - DATE '1970-01-01') + 719528 AS INTEGER)`),
  from_days: tmpl((a) => `CAST(DATE '1970-01-01' + CAST((${a[0]}) - 719528 AS INTEGER) AS DATE)`),
  last_day: lastDay,
  next_day: (c) => nextOrPreviousDay(c, true),
  previous_day: (c) => nextOrPreviousDay(c, false),
  makedate: tmpl(
    (a) =>
      `CASE WHEN (${a[1]}) <= 0 THEN NULL ELSE CAST(make_date(${a[0]}, 1, 1) + CAST((${a[1]}) - 1 AS INTEGER) AS DATE) END`,
  ),
  date_format: dateFormat,
  time_format: (c) => {
    const fmt = constString(c, 1) ?? unsupported('TIME_FORMAT with a non-constant format');
    return formatTemporal(`(TIMESTAMP '2000-01-01 00:00:00' + ${arg(c, 0)})`, fmt, c.literal);
  },
  str_to_date: (c) => strToDate(c, false),
  str2date: (c) => strToDate(c, true),
  to_tera_date: (c) => teraParse(c, true),
  to_tera_timestamp: (c) => teraParse(c, false),
  str_to_jodatime: jodaParse,
  jodatime_format: jodaFormat,
  date_trunc: dateTrunc,
  ...arithmeticEmitters(),
  datediff: tmpl((a) => `CAST(CAST(${a[0]} AS DATE) - CAST(${a[1]} AS DATE) AS INTEGER)`),
  date_diff: (c) => {
    // Under sql_dialect='Trino' date_diff(unit, a, b) counts from a to b, by Trino's rules.
    const trino = c.session?.sqlDialect?.toLowerCase() === 'trino';
    const [a, b] = [arg(c, 1), arg(c, 2)];
    const unit = DATE_DIFF_UNITS[(constString(c, 0) ?? '').toLowerCase()];
    const count = trino ? trinoDiff : diff;
    if (unit !== undefined) return count(unit, a, b);
    // A unit from a column (or NULL, or unknown): chosen per row; NULL gives NULL.
    const u = arg(c, 0);
    const whens = Object.entries(DATE_DIFF_UNITS).map(
      ([name, du]) => `WHEN ${c.literal(name)} THEN ${count(du, a, b)}`,
    );
    const bad = c.literal('type column should be one of day/hour/minute/second/millisecond');
    return `(CASE lower(${u}) ${whens.join(' ')} ELSE (CASE WHEN ${u} IS NULL THEN NULL ELSE error(${bad}) END) END)`;
  },
  timediff: tmpl(
    (a) => `CAST(TIME '00:00:00' + (CAST(${a[0]} AS TIMESTAMP) - CAST(${a[1]} AS TIMESTAMP)) AS TIME)`,
  ),
  unix_timestamp: unixTimestamp,
  from_unixtime: (c) => fromUnixtime(c, false),
  from_unixtime_ms: (c) => fromUnixtime(c, true),
  to_datetime: (c) => {
    const us = `to_microseconds(${epochMicros(c)})`;
    return `CAST(${toLocal(`(to_timestamp(0) + ${us})`, sessionZone(c), c.literal)} AS TIMESTAMP)`;
  },
  to_datetime_ntz: (c) => `make_timestamp(${epochMicros(c)})`,
  convert_tz: convertTz,
  time_to_sec: tmpl((a) => `CAST(epoch(${a[0]}) AS BIGINT)`),
  sec_to_time: tmpl((a) => `CAST(TIME '00:00:00' + to_seconds(CAST(${a[0]} AS BIGINT)) AS TIME)`),
  to_iso8601: (c) =>
    argT(c, 0).kind === 'date'
      ? `strftime(${arg(c, 0)}, '%Y-%m-%d')`
      : `strftime(${arg(c, 0)}, '%Y-%m-%dT%H:%M:%S.%f')`,
  time_slice: (c) => timeSlice(c, false),
  date_slice: (c) => timeSlice(c, true),
};
