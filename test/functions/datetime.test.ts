import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DuckDBConnection } from '@duckdb/node-api';
import { intervalFunctionName, timestampDiffFunctionName } from '../../src/analyzer/functions/index.js';
import { bi, d, dt, evalCall, i, nul, openDuck, s, type Arg } from './harness.js';
import { T } from '../../src/types/index.js';

let conn: DuckDBConnection;
before(async () => {
  conn = await openDuck();
});
after(() => conn.closeSync());

type Case = readonly [name: string, args: readonly Arg[], expected: string | null];

async function check(cases: readonly Case[]): Promise<void> {
  for (const [name, args, expected] of cases) {
    const got = await evalCall(conn, name, args);
    assert.equal(got, expected, `${name}(${args.map((a) => a.sql).join(', ')})`);
  }
}

describe('date parts (StarRocks values and NULL handling)', () => {
  test('year … second, dayofweek 1 = Sunday, quarter, dayofyear', () =>
    check([
      ['year', [dt('2024-02-29 13:14:15')], '2024'],
      ['month', [d('2024-02-29')], '2'],
      ['day', [dt('2024-02-29 13:14:15')], '29'],
      ['hour', [dt('2024-02-29 13:14:15')], '13'],
      ['minute', [dt('2024-02-29 13:14:15')], '14'],
      ['second', [dt('2024-02-29 13:14:15')], '15'],
      ['dayofweek', [d('2024-03-03')], '1'],
      ['dayofweek', [d('2024-03-09')], '7'],
      ['dayofweek_iso', [d('2024-03-03')], '7'],
      ['weekday', [d('2024-03-04')], '0'],
      ['quarter', [d('2024-11-30')], '4'],
      ['dayofyear', [d('2024-12-31')], '366'],
      ['weekofyear', [d('2024-12-30')], '1'],
      ['year', [s('2023-05-06 01:02:03')], '2023'],
      ['year', [s('not a date')], null],
      ['year', [nul(T.datetime)], null],
      ['microsecond', [dt('2024-01-01 00:00:01.000123')], '123'],
      ['dayname', [d('2024-03-03')], 'Sunday'],
      ['monthname', [d('2024-03-03')], 'March'],
    ]));

  test('WEEK modes follow MySQL (calc_week)', () =>
    check([
      ['week', [d('2024-01-01')], '0'],
      ['week', [d('2024-01-07')], '1'],
      ['week', [d('2008-02-20')], '7'],
      ['week', [d('2008-02-20'), i(1)], '8'],
      ['week', [d('2008-12-31'), i(1)], '53'],
      ['week', [d('2000-01-01'), i(0)], '0'],
      ['week', [d('2000-01-01'), i(2)], '52'],
      ['week', [d('2000-01-01'), i(3)], '52'],
      ['week', [d('2021-01-03'), i(3)], '53'],
      ['week', [d('2019-12-30'), i(3)], '1'],
      ['yearweek', [d('1987-01-01')], '198652'],
      ['yearweek', [d('2021-01-03'), i(3)], '202053'],
    ]));

  test('DATE(), TO_DATE, LAST_DAY, MAKEDATE, TO_DAYS/FROM_DAYS, NEXT_DAY', () =>
    check([
      ['date', [dt('2024-05-06 07:08:09')], '2024-05-06'],
      ['date', [s('2024-05-06 07:08:09')], '2024-05-06'],
      ['to_date', [dt('2020-02-02 00:00:00')], '2020-02-02'],
      ['last_day', [d('2024-02-10')], '2024-02-29'],
      ['last_day', [dt('2023-02-10 10:00:00')], '2023-02-28'],
      ['last_day', [d('2024-05-10'), s('quarter')], '2024-06-30'],
      ['last_day', [d('2024-05-10'), s('year')], '2024-12-31'],
      ['makedate', [i(2024), i(60)], '2024-02-29'],
      ['makedate', [i(2024), i(0)], null],
      ['to_days', [d('2007-10-07')], '733321'],
      ['from_days', [i(733321)], '2007-10-07'],
      ['next_day', [d('2024-03-06'), s('Monday')], '2024-03-11'],
      ['next_day', [d('2024-03-04'), s('Mo')], '2024-03-11'],
      ['previous_day', [d('2024-03-06'), s('Wed')], '2024-02-28'],
    ]));
});

describe('DATE_FORMAT with MySQL format codes', () => {
  const t = dt('2024-01-05 03:04:05.012345');
  test('common codes', () =>
    check([
      ['date_format', [t, s('%Y-%m')], '2024-01'],
      ['date_format', [d('2023-12-31'), s('%Y-%m-%d')], '2023-12-31'],
      ['date_format', [t, s('%Y-%m-%d %H:%i:%s')], '2024-01-05 03:04:05'],
      ['date_format', [t, s('%e %c %k %l %h %I')], '5 1 3 3 03 03'],
      ['date_format', [t, s('%W %a %M %b')], 'Friday Fri January Jan'],
      ['date_format', [t, s('%j %y %p %f')], '005 24 AM 012345'],
      ['date_format', [t, s('%r | %T')], '03:04:05 AM | 03:04:05'],
      ['date_format', [t, s('%D %D')], '5th 5th'],
      ['date_format', [d('2024-03-01'), s('%D')], '1st'],
      ['date_format', [d('2024-03-12'), s('%D')], '12th'],
      ['date_format', [d('2024-03-22'), s('%D')], '22nd'],
      ['date_format', [t, s('100%% %x')], '100% 2024'],
      ['date_format', [t, s("it's %Y")], "it's 2024"],
      ['date_format', [nul(T.datetime), s('%Y')], null],
      ['date_format', [s('2024-07-08'), s('%d/%m/%Y')], '08/07/2024'],
    ]));
  test('week codes %U %u %V %v %X %x', () =>
    check([
      ['date_format', [d('2014-01-01'), s('%X-%V')], '2013-52'],
      ['date_format', [d('2014-01-01'), s('%U')], '00'],
      ['date_format', [d('2008-02-20'), s('%u')], '08'],
      ['date_format', [d('2021-01-03'), s('%x-%v')], '2020-53'],
    ]));
});

describe('STR_TO_DATE / STR2DATE', () => {
  test('parses, ignores trailing input, NULL on failure, DATE for date-only formats', () =>
    check([
      ['str_to_date', [s('2014-12-21 12:34:56'), s('%Y-%m-%d %H:%i:%s')], '2014-12-21 12:34:56'],
      ['str_to_date', [s('2014-12-21 12:34:56'), s('%Y-%m-%d')], '2014-12-21'],
      ['str_to_date', [s('20141221'), s('%Y%m%d')], '2014-12-21'],
      ['str_to_date', [s('5/3/2024'), s('%d/%m/%Y')], '2024-03-05'],
      ['str_to_date', [s('2014-13-21'), s('%Y-%m-%d')], null],
      ['str_to_date', [s('garbage'), s('%Y-%m-%d')], null],
      ['str_to_date', [s('Jan 5 2024 10:11:12 PM'), s('%b %e %Y %r')], '2024-01-05 22:11:12'],
      ['str2date', [s('2010-11-30 23:59:59'), s('%Y-%m-%d %H:%i:%s')], '2010-11-30'],
    ]));
});

describe('Teradata and Joda formats', () => {
  test('TO_TERA_DATE / TO_TERA_TIMESTAMP', () =>
    check([
      ['to_tera_date', [s('2020-02-02 00:00:00'), s('yyyy-mm-dd')], '2020-02-02'],
      ['to_tera_date', [s('1988'), s('yyyy')], '1988-01-01'],
      ['to_tera_date', [s('04.1988,08'), s('mm.yyyy,dd')], '1988-04-08'],
      ['to_tera_date', [s(';198804:08'), s(';yyyymm:dd')], '1988-04-08'],
      ['to_tera_date', [s('1988/04/08'), s('yy/mm/dd')], null],
      ['to_tera_timestamp', [s('1988/04/08 2'), s('yyyy/mm/dd hh')], '1988-04-08 02:00:00'],
      ['to_tera_timestamp', [s('1988/04/08 2:3:4'), s('yyyy/mm/dd hh24:mi:ss')], '1988-04-08 02:03:04'],
      ['to_tera_timestamp', [s('1988/04/08 02 pm:3:4'), s('yyyy/mm/dd hh pm:mi:ss')], '1988-04-08 14:03:04'],
      ['to_tera_timestamp', [s('1988/04/08 02 pm:3:4'), s('yyyy/mm/dd hh am:mi:ss')], null],
      ['to_tera_timestamp', [nul(T.varchar()), s('yyyy/mm/dd')], null],
    ]));
  test('Joda patterns', () =>
    check([
      ['str_to_jodatime', [s('2024-04-01'), s('yyyy-MM-dd')], '2024-04-01 00:00:00'],
      ['parse_datetime', [s('2014-12-21 12:34:56'), s('yyyy-MM-dd HH:mm:ss')], '2014-12-21 12:34:56'],
      ['jodatime_format', [d('2024-04-01'), s("yyyy-MM-dd'T'HH")], '2024-04-01T00'],
      ['format_datetime', [d('2024-04-01'), s('yyyy-ww')], '2024-14'],
    ]));
});

describe('INTERVAL arithmetic (DATE_ADD/DATE_SUB rewritten to <unit>s_add/_sub)', () => {
  test('helpers name the rewrite targets', () => {
    assert.equal(intervalFunctionName('month', true), 'months_sub');
    assert.equal(intervalFunctionName('day', false), 'days_add');
    assert.equal(timestampDiffFunctionName('quarter'), 'quarters_diff');
  });
  test('results are DATETIME, month ends clamp, DATE inputs widen', () =>
    check([
      ['months_sub', [d('2024-03-31'), i(1)], '2024-02-29 00:00:00'],
      ['months_add', [dt('2010-01-31 10:00:00'), i(1)], '2010-02-28 10:00:00'],
      ['days_sub', [d('2024-01-01'), i(90)], '2023-10-03 00:00:00'],
      ['date_add', [dt('2010-11-30 23:59:59'), i(2)], '2010-12-02 23:59:59'],
      ['date_sub', [d('2010-12-03'), i(2)], '2010-12-01 00:00:00'],
      ['adddate', [s('2023-10-31 23:59:59'), i(1)], '2023-11-01 23:59:59'],
      ['years_add', [d('2020-02-29'), i(1)], '2021-02-28 00:00:00'],
      ['quarters_add', [dt('2010-11-30 23:59:59'), i(2)], '2011-05-30 23:59:59'],
      ['weeks_sub', [d('2024-01-08'), i(1)], '2024-01-01 00:00:00'],
      ['hours_add', [dt('2024-01-01 23:00:00'), i(2)], '2024-01-02 01:00:00'],
      ['seconds_sub', [dt('2024-01-01 00:00:00'), i(1)], '2023-12-31 23:59:59'],
      ['milliseconds_add', [dt('2023-10-31 23:59:59'), i(1)], '2023-10-31 23:59:59.001000'],
      ['microseconds_add', [dt('2023-10-31 23:59:59'), i(5)], '2023-10-31 23:59:59.000005'],
      ['months_add', [nul(T.datetime), i(1)], null],
    ]));
});

describe('differences', () => {
  test('DATEDIFF compares date parts; *_diff counts complete units (end first)', () =>
    check([
      ['datediff', [dt('2007-12-31 23:59:59'), dt('2007-12-30 00:00:01')], '1'],
      ['datediff', [d('2010-11-30'), d('2010-12-31')], '-31'],
      ['days_diff', [dt('2010-11-30 23:59:59'), dt('2010-11-29 23:59:50')], '1'],
      ['days_diff', [dt('2010-11-30 23:59:49'), dt('2010-11-29 23:59:50')], '0'],
      ['months_diff', [d('2024-02-29'), d('2024-01-28')], '1'],
      ['months_diff', [d('2024-03-28'), d('2024-01-29')], '1'],
      ['months_diff', [d('2024-02-29'), d('2024-01-31')], '1'],
      ['months_diff', [d('2024-02-28'), d('2024-01-31')], '0'],
      ['months_diff', [dt('2017-02-28 00:00:00'), dt('2016-02-28 00:00:00.001')], '12'],
      ['months_diff', [dt('2017-02-28 00:00:00'), dt('2016-02-29 00:00:00.001')], '11'],
      ['months_diff', [dt('2016-02-28 00:00:00'), dt('2015-02-28 00:00:00.01')], '11'],
      ['months_diff', [dt('2016-06-30 00:00:00'), dt('2016-04-30 00:00:00.01')], '1'],
      ['years_diff', [d('2017-02-28'), d('2016-02-29')], '1'],
      ['months_diff', [d('2024-03-31'), d('2024-01-31')], '2'],
      ['months_diff', [d('2024-01-31'), d('2024-03-30')], '-1'],
      ['years_diff', [d('2021-02-28'), d('2020-02-29')], '1'],
      ['years_diff', [d('2021-02-27'), d('2020-02-29')], '0'],
      ['years_diff', [d('2022-03-01'), d('2020-02-29')], '2'],
      ['quarters_diff', [d('2024-07-01'), d('2024-01-01')], '2'],
      ['hours_diff', [dt('2021-03-31 14:30:00'), dt('2021-03-31 12:00:00')], '2'],
      ['minutes_diff', [dt('2010-11-30 23:59:59'), dt('2010-11-30 20:58:59')], '181'],
      ['seconds_diff', [dt('2010-11-30 23:59:59'), dt('2010-11-30 20:59:59')], '10800'],
      ['weeks_diff', [dt('2010-11-30 23:59:59'), dt('2010-10-31 23:59:59')], '4'],
      ['date_diff', [s('month'), d('2024-05-01'), d('2024-01-01')], '4'],
    ]));
});

describe('DATE_TRUNC, TIME_SLICE', () => {
  test('unit-first argument order; DATE stays DATE', () =>
    check([
      ['date_trunc', [s('month'), dt('2024-05-06 07:08:09')], '2024-05-01 00:00:00'],
      ['date_trunc', [s('HOUR'), dt('2024-05-06 07:08:09')], '2024-05-06 07:00:00'],
      ['date_trunc', [s('week'), dt('2024-05-08 07:08:09')], '2024-05-06 00:00:00'],
      ['date_trunc', [s('quarter'), d('2024-05-06')], '2024-04-01'],
      ['date_trunc', [s('year'), d('2024-05-06')], '2024-01-01'],
      ['time_slice', [dt('2023-01-01 10:07:00'), i(5), s('minute')], '2023-01-01 10:05:00'],
      ['time_slice', [dt('2023-01-01 10:07:00'), i(5), s('minute'), s('ceil')], '2023-01-01 10:10:00'],
      ['time_slice', [dt('2023-05-17 10:07:00'), i(1), s('month')], '2023-05-01 00:00:00'],
    ]));
});

describe('session time zone (default Asia/Shanghai)', () => {
  test('FROM_UNIXTIME / UNIX_TIMESTAMP interpret DATETIME in the session zone', async () => {
    await check([
      ['from_unixtime', [bi(0)], '1970-01-01 08:00:00'],
      ['from_unixtime', [bi(1617184800)], '2021-03-31 18:00:00'],
      ['from_unixtime', [bi(1617184800), s('%Y-%m-%d')], '2021-03-31'],
      ['from_unixtime', [bi(-1)], null],
      ['unix_timestamp', [dt('1970-01-01 08:00:00')], '0'],
      ['unix_timestamp', [s('2021-03-31 18:00:00')], '1617184800'],
      ['unix_timestamp', [s('2021-03-31'), s('%Y-%m-%d')], '1617120000'],
      [
        'convert_tz',
        [dt('2021-08-01 11:11:11'), s('Asia/Shanghai'), s('America/Los_Angeles')],
        '2021-07-31 20:11:11',
      ],
      [
        'convert_tz',
        [s('2019-08-01 13:21:03.001'), s('Asia/Shanghai'), s('America/Los_Angeles')],
        '2019-07-31 22:21:03.001000',
      ],
      ['convert_tz', [dt('2021-08-01 11:11:11'), s('+08:00'), s('+00:00')], '2021-08-01 03:11:11'],
      ['convert_tz', [dt('2021-08-01 11:11:11'), s('UTC'), s('-05:30')], '2021-08-01 05:41:11'],
    ]);
    const utc = { session: { timeZone: 'UTC' } };
    assert.equal(await evalCall(conn, 'from_unixtime', [bi(0)], utc), '1970-01-01 00:00:00');
    const plus = { session: { timeZone: '+05:30' } };
    assert.equal(await evalCall(conn, 'from_unixtime', [bi(0)], plus), '1970-01-01 05:30:00');
    assert.equal(await evalCall(conn, 'unix_timestamp', [dt('1970-01-01 05:30:00')], plus), '0');
  });

  test('NOW/CURDATE are the current local time, second precision, stable within a statement', async () => {
    const now = await evalCall(conn, 'now', []);
    assert.match(now ?? '', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const today = await evalCall(conn, 'current_date', []);
    assert.match(today ?? '', /^\d{4}-\d{2}-\d{2}$/);
    const shanghai = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const nowUtc = new Date(Date.now() + 8 * 3600_000);
    // Allow the test to straddle midnight.
    const yesterday = new Date(nowUtc.getTime() - 60_000).toISOString().slice(0, 10);
    assert.ok(today === shanghai || today === yesterday, `${today} vs ${shanghai}`);
    assert.match((await evalCall(conn, 'curtime', [])) ?? '', /^\d{2}:\d{2}:\d{2}$/);
  });
});
