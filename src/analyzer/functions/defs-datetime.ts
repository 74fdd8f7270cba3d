/**
 * Date and time functions (StarRocks gensrc functions.py 50xxx). DATE arguments are accepted
 * wherever DATETIME is (an implicit widening); strings are parsed as DATETIME. INTERVAL arithmetic
 * (`DATE_ADD(x, INTERVAL n MONTH)`, `x - INTERVAL 1 DAY`, TIMESTAMPADD/TIMESTAMPDIFF) reaches the
 * registry already rewritten by the binder to `months_add(x, n)` / `months_diff(b, a)` (see
 * interval.ts).
 */
import { T, type SqlType } from '../../types/index.js';
import { scalar, sig, VARCHAR, type FunctionDef, type Param } from './signature.js';

const DT = T.datetime;
const D = T.date;
const INT = T.int;

function part(ret: SqlType): FunctionDef {
  return scalar([sig(['temporal'], ret)]);
}

function addLike(): FunctionDef {
  return scalar([sig([DT, INT], DT)]);
}

function diffLike(ret: SqlType = T.bigint): FunctionDef {
  return scalar([sig([DT, DT], ret)]);
}

const UNITS = ['years', 'quarters', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds'] as const;

function arithmetic(): Record<string, FunctionDef> {
  const out: Record<string, FunctionDef> = {};
  for (const u of [...UNITS, 'milliseconds', 'microseconds']) {
    out[`${u}_add`] = addLike();
    out[`${u}_sub`] = addLike();
  }
  for (const u of [...UNITS, 'milliseconds', 'microseconds']) out[`${u}_diff`] = diffLike();
  return out;
}

const now = scalar([sig([], DT), sig([INT], DT)], { id: 'now' });
const curdate = scalar([sig([], D)], { id: 'curdate' });
const curtime = scalar([sig([], T.time)], { id: 'curtime' });
const dateFormat = scalar([sig(['temporal', VARCHAR], VARCHAR)]);
const fmtParams: Param[] = [VARCHAR, VARCHAR];

/** Date/time function table. */
export const DATETIME_FUNCTIONS: Readonly<Record<string, FunctionDef>> = {
  now,
  current_timestamp: now,
  localtime: now,
  localtimestamp: now,
  sysdate: now,
  curdate,
  current_date: curdate,
  curtime,
  current_time: curtime,
  utc_timestamp: scalar([sig([], DT)]),
  utc_time: scalar([sig([], T.time)]),
  current_timezone: scalar([sig([], VARCHAR)]),
  year: part(T.smallint),
  month: part(T.tinyint),
  day: part(T.tinyint),
  dayofmonth: part(T.tinyint),
  hour: part(T.tinyint),
  minute: part(T.tinyint),
  second: part(T.tinyint),
  millisecond: part(INT),
  microsecond: part(INT),
  quarter: part(INT),
  dayofweek: part(INT),
  dayofweek_iso: part(INT),
  dayofyear: part(INT),
  weekofyear: part(INT),
  week_iso: part(INT),
  weekday: part(INT),
  week: scalar([sig(['temporal'], INT), sig(['temporal', INT], INT)]),
  yearweek: scalar([sig(['temporal'], INT), sig(['temporal', INT], INT)]),
  dayname: part(VARCHAR),
  monthname: part(VARCHAR),
  date: scalar([sig(['temporal'], D)], { id: 'to_date' }),
  to_date: scalar([sig(['temporal'], D)]),
  timestamp: scalar([sig([DT], DT)]),
  to_days: scalar([sig([D], INT)]),
  from_days: scalar([sig([INT], D)]),
  last_day: scalar([sig(['temporal'], D), sig(['temporal', VARCHAR], D)]),
  next_day: scalar([sig([DT, VARCHAR], D)]),
  previous_day: scalar([sig([DT, VARCHAR], D)]),
  makedate: scalar([sig([INT, INT], D)]),
  date_format: dateFormat,
  time_format: scalar([sig([T.time, VARCHAR], VARCHAR)]),
  str_to_date: scalar([sig(fmtParams, DT)]),
  str2date: scalar([sig(fmtParams, D)]),
  to_tera_date: scalar([sig(fmtParams, D)]),
  to_tera_timestamp: scalar([sig(fmtParams, DT)]),
  str_to_jodatime: scalar([sig(fmtParams, DT)], { id: 'str_to_jodatime' }),
  parse_datetime: scalar([sig(fmtParams, DT)], { id: 'str_to_jodatime' }),
  jodatime_format: scalar([sig(['temporal', VARCHAR], VARCHAR)], { id: 'jodatime_format' }),
  format_datetime: scalar([sig(['temporal', VARCHAR], VARCHAR)], { id: 'jodatime_format' }),
  date_trunc: scalar([sig([VARCHAR, 'temporal'], (a) => (a[1]?.kind === 'date' ? D : DT))]),
  date_add: scalar([sig([DT, INT], DT)], { id: 'days_add' }),
  adddate: scalar([sig([DT, INT], DT)], { id: 'days_add' }),
  date_sub: scalar([sig([DT, INT], DT)], { id: 'days_sub' }),
  subdate: scalar([sig([DT, INT], DT)], { id: 'days_sub' }),
  add_months: scalar([sig([DT, INT], DT)], { id: 'months_add' }),
  ...arithmetic(),
  datediff: diffLike(INT),
  date_diff: scalar([sig([VARCHAR, DT, DT], T.bigint)]),
  timediff: scalar([sig([DT, DT], T.time)]),
  unix_timestamp: scalar([sig([], T.bigint), sig(['temporal'], T.bigint), sig([VARCHAR, VARCHAR], T.bigint)]),
  from_unixtime: scalar([sig([T.bigint], VARCHAR), sig([T.bigint, VARCHAR], VARCHAR)]),
  from_unixtime_ms: scalar([sig([T.bigint], VARCHAR)]),
  to_datetime: scalar([sig([T.bigint], DT), sig([T.bigint, INT], DT)]),
  to_datetime_ntz: scalar([sig([T.bigint], DT), sig([T.bigint, INT], DT)]),
  convert_tz: scalar([sig([DT, VARCHAR, VARCHAR], DT)]),
  time_to_sec: scalar([sig([T.time], T.bigint)]),
  sec_to_time: scalar([sig([T.bigint], T.time)]),
  to_iso8601: scalar([sig(['temporal'], VARCHAR)]),
  time_slice: scalar([sig([DT, INT, VARCHAR], DT), sig([DT, INT, VARCHAR, VARCHAR], DT)]),
  date_slice: scalar([sig([D, INT, VARCHAR], D), sig([D, INT, VARCHAR, VARCHAR], D)]),
};
