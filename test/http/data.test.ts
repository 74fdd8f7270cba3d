/**
 * What ends up in the table: the StarRocks documentation's Stream Load examples (CSV with column
 * mapping and where, JSON with jsonpaths/json_root/strip_outer_array), CSV dialects, strict mode,
 * filter accounting and the rejected-row log, and the table left unchanged by failed loads.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { basic, curl, http, httpFollow, startHarness, type Harness, type HttpResult } from './harness.js';

let h: Harness;
const AUTH = { Authorization: basic('root', '') };
let n = 0;

before(async () => {
  h = await startHarness();
  await h.sql('CREATE DATABASE d');
  // The docs' table1 / table2 examples.
  await h.sql(
    'CREATE TABLE d.table1 (id INT, name VARCHAR(20), score INT) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)',
  );
  await h.sql(
    'CREATE TABLE d.strict (k INT NOT NULL, s VARCHAR(5), t TINYINT, dt DATE, dtm DATETIME, dec DECIMAL(5,2)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)',
  );
  await h.sql(
    'CREATE TABLE d.json1 (id INT, city VARCHAR(20), price DOUBLE, tags JSON) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)',
  );
});
after(async () => h.close());

function load(table: string, headers: Record<string, string>, body: string | Buffer): Promise<HttpResult> {
  return httpFollow(
    'PUT',
    `${h.fe}/api/d/${table}/_stream_load`,
    { ...AUTH, label: `l${++n}`, ...headers },
    body,
  );
}

async function rows(sql: string): Promise<unknown[][]> {
  return (await h.sql(sql)).map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v)));
}

describe('documentation examples', () => {
  test('CSV with column mapping and where (curl)', async () => {
    // columns: the file has (id, name, raw score); score is computed; where drops id 2.
    const r = await curl(
      [
        '--location-trusted',
        '-u',
        'root:',
        '-H',
        'label:doc_csv',
        '-H',
        'Expect:100-continue',
        '-H',
        'column_separator:,',
        '-H',
        'columns: id, name, tmp_score, score = tmp_score * 10',
        '-H',
        'where: id != 2',
        '-T',
        '-',
        '-XPUT',
        `${h.fe}/api/d/table1/_stream_load`,
      ],
      '1,Lily,23\n2,Rose,23\n3,Alice,24\n4,Julia,25\n',
    );
    assert.equal(r.json.Status, 'Success');
    assert.equal(r.json.NumberTotalRows, 4);
    assert.equal(r.json.NumberLoadedRows, 3);
    assert.equal(r.json.NumberUnselectedRows, 1);
    assert.equal(r.json.NumberFilteredRows, 0);
    assert.deepEqual(await rows('SELECT * FROM d.table1 ORDER BY id'), [
      [1, 'Lily', 230],
      [3, 'Alice', 240],
      [4, 'Julia', 250],
    ]);
  });

  test('JSON with jsonpaths and json_root, strip_outer_array; NDJSON objects', async () => {
    const body = JSON.stringify({
      RECORDS: [
        { id: 10, loc: { city: 'Beijing' }, price: 10.5, tags: ['a'] },
        { id: 11, loc: { city: 'Shanghai' }, price: 7 },
      ],
    });
    const r = await load(
      'json1',
      {
        format: 'json',
        jsonpaths: '["$.id", "$.loc.city", "$.price", "$.tags"]',
        json_root: '$.RECORDS',
        strip_outer_array: 'true',
      },
      body,
    );
    assert.equal(r.json.Status, 'Success');
    assert.equal(r.json.NumberLoadedRows, 2);
    const arr = await load(
      'json1',
      { format: 'json', strip_outer_array: 'true' },
      '[{"id":12,"city":"X","price":1}]',
    );
    assert.equal(arr.json.Status, 'Success');
    const nd = await load(
      'json1',
      { format: 'json' },
      '{"id":13,"CITY":"case"}\n{"id":14,"price":"2.5","extra":1}',
    );
    assert.equal(nd.json.Status, 'Success');
    assert.equal(nd.json.NumberLoadedRows, 2);
    assert.deepEqual(await rows('SELECT id, city, price, CAST(tags AS VARCHAR) FROM d.json1 ORDER BY id'), [
      [10, 'Beijing', 10.5, '["a"]'],
      [11, 'Shanghai', 7, null],
      [12, 'X', 1, null],
      [13, 'case', null, null],
      [14, null, 2.5, null],
    ]);
    // An outer array without strip_outer_array is one non-object row: filtered.
    const noStrip = await load('json1', { format: 'json' }, '[{"id":15}]');
    assert.equal(noStrip.json.Status, 'Fail');
    assert.equal(noStrip.json.NumberFilteredRows, 1);
    const illegal = await load('json1', { format: 'json' }, 'id=1');
    assert.equal(illegal.json.Message, 'illegal json started with i');
  });
});

describe('CSV dialects', () => {
  test('enclose + escape, multi-char separators, skip_header, trim_space', async () => {
    const r = await load(
      'table1',
      {
        column_separator: '||',
        row_delimiter: '\\x0d0a',
        enclose: '"',
        escape: '\\',
        skip_header: '1',
        trim_space: 'true',
      },
      'id||name||score\r\n20|| "a||b" ||1\r\n21||"say ""hi"" \\"x"||2\r\n',
    );
    assert.equal(r.json.Status, 'Success', JSON.stringify(r.json));
    assert.deepEqual(await rows('SELECT * FROM d.table1 WHERE id IN (20, 21) ORDER BY id'), [
      [20, 'a||b', 1],
      [21, 'say "hi" "x', 2],
    ]);
  });
});

describe('timezone', () => {
  test("mapping expressions see the load's timezone header (default Asia/Shanghai, as StarRocks)", async () => {
    await h.sql('CREATE TABLE d.tz (id INT, dt DATETIME) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)');
    const cases: [number, Record<string, string>][] = [
      [1, {}],
      [2, { timezone: 'UTC' }],
      [3, { timezone: '-05:00' }],
    ];
    for (const [id, headers] of cases) {
      const r = await load(
        'tz',
        { column_separator: ',', columns: 'id, tmp, dt = from_unixtime(tmp)', ...headers },
        `${id},0\n`,
      );
      assert.equal(r.json.Status, 'Success', JSON.stringify(r.json));
    }
    assert.deepEqual(await rows('SELECT id, CAST(dt AS VARCHAR) FROM d.tz ORDER BY id'), [
      [1, '1970-01-01 08:00:00'],
      [2, '1970-01-01 00:00:00'],
      [3, '1969-12-31 19:00:00'],
    ]);
  });
});

describe('bad input', () => {
  async function strictCount(): Promise<number> {
    return Number((await h.sql('SELECT count(*) FROM d.strict'))[0]?.[0]);
  }

  test('malformed rows: too many filtered rows, ErrorURL lists them, the table is unchanged', async () => {
    const before = await strictCount();
    const r = await load(
      'strict',
      { column_separator: ',' },
      '1,a,1,2024-01-01,2024-01-01 00:00:00,1\n2,b\n3,c,1,x,y,z,extra\n',
    );
    assert.equal(r.json.Status, 'Fail');
    assert.equal(r.json.Message, 'too many filtered rows');
    assert.equal(r.json.NumberTotalRows, 3);
    assert.equal(r.json.NumberFilteredRows, 2);
    assert.equal(r.json.NumberLoadedRows, 0);
    assert.equal(await strictCount(), before);
    const url = String(r.json.ErrorURL);
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/api\/_load_error_log\?file=error_log_/);
    const log = await http('GET', url, {}, undefined, false);
    assert.equal(log.status, 200);
    assert.equal(
      log.body,
      "Error: Target column count: 6 doesn't match source value column count: 2. Column separator: ',', Row delimiter: '\\n'. Row: 2,b\n" +
        "Error: Target column count: 6 doesn't match source value column count: 7. Column separator: ',', Row delimiter: '\\n'. Row: 3,c,1,x,y,z,extra\n",
    );
  });

  test('max_filter_ratio lets a load with some bad rows through', async () => {
    const r = await load(
      'strict',
      { column_separator: ',', max_filter_ratio: '0.5' },
      '4,a,1,2024-01-01,2024-01-01,1\n5,b\n',
    );
    assert.equal(r.json.Status, 'Success');
    assert.equal(r.json.NumberLoadedRows, 1);
    assert.equal(r.json.NumberFilteredRows, 1);
    assert.ok(typeof r.json.ErrorURL === 'string');
  });

  test('strict_mode off: values that do not convert become NULL (NOT NULL column: filtered)', async () => {
    const r = await load(
      'strict',
      { column_separator: ',', max_filter_ratio: '1' },
      '6,toolongvalue,1000,2024-13-45,notatime,123456\n\\N,x,1,2024-01-01,2024-01-01,1\n7,ok,1.5,20240102,2024-01-02,1.005\n',
    );
    assert.equal(r.json.Status, 'Success');
    assert.equal(r.json.NumberLoadedRows, 2);
    assert.equal(r.json.NumberFilteredRows, 1);
    const log = await http('GET', String(r.json.ErrorURL), {}, undefined, false);
    assert.match(
      log.body,
      /^Error: NULL value in non-nullable column 'k'\. Row: \\N,x,1,2024-01-01,2024-01-01,1\n$/,
    );
    assert.deepEqual(await rows('SELECT k, s, t, dt, dtm, dec FROM d.strict WHERE k IN (6, 7) ORDER BY k'), [
      [6, null, null, null, null, null],
      [7, 'ok', null, '2024-01-02', '2024-01-02 00:00:00', '1.01'],
    ]);
  });

  test("date text is read by StarRocks' date parser: 2-digit years, digits only, a time part", async () => {
    const r = await load(
      'strict',
      { column_separator: ',', strict_mode: 'true' },
      '20,a,1,15/03/24,15/03/24 10:20:30,1\n21,b,1,85-1-2,19850102,1\n22,c,1,2024-01-02 23:59:59,2024-01-02,1\n',
    );
    assert.equal(r.json.Status, 'Success', JSON.stringify(r.json));
    assert.deepEqual(await rows('SELECT k, dt, dtm FROM d.strict WHERE k BETWEEN 20 AND 22 ORDER BY k'), [
      [20, '2015-03-24', '2015-03-24 10:20:30'],
      [21, '1985-01-02', '1985-01-02 00:00:00'],
      [22, '2024-01-02', '2024-01-02 00:00:00'],
    ]);
  });

  test('strict_mode on: rows with a value that does not convert are filtered, with the field in the log', async () => {
    const body =
      '8,fine,1,2024-01-01,2024-01-01 10:00:00,1\n9,toolong,1,2024-01-01,2024-01-01,1\n10,x,300,2024-01-01,2024-01-01,1\n11,x,1,bad-date,2024-01-01,1\n12,\\N,\\N,\\N,\\N,\\N\n';
    const fail = await load('strict', { column_separator: ',', strict_mode: 'true' }, body);
    assert.equal(fail.json.Status, 'Fail');
    assert.equal(fail.json.NumberFilteredRows, 3);
    assert.equal(fail.json.NumberLoadedRows, 0);
    const ok = await load(
      'strict',
      { column_separator: ',', strict_mode: 'true', max_filter_ratio: '0.8' },
      body,
    );
    assert.equal(ok.json.Status, 'Success');
    assert.equal(ok.json.NumberLoadedRows, 2);
    const log = await http('GET', String(ok.json.ErrorURL), {}, undefined, false);
    const lines = log.body.trim().split('\n');
    assert.equal(lines.length, 3);
    assert.equal(
      lines[0],
      'Error: The field (name = s, pos = 1) is out of range. Type: VARCHAR(5), Value length: 7, Value: toolong. Row: 9,toolong,1,2024-01-01,2024-01-01,1',
    );
    assert.match(lines[1] ?? '', /name = t, pos = 2\) is out of range\. Type: TINYINT.*Value: 300/);
    assert.match(lines[2] ?? '', /name = dt, pos = 3\) is out of range\. Type: DATE.*Value: bad-date/);
    assert.deepEqual(await rows('SELECT k, s FROM d.strict WHERE k IN (8, 12) ORDER BY k'), [
      [8, 'fine'],
      [12, null],
    ]);
  });

  test('a body truncated mid-row: the partial last row is filtered, the load fails, nothing changes', async () => {
    const before = await strictCount();
    const r = await load('strict', { column_separator: ',' }, '13,a,1,2024-01-01,2024-01-01,1\n14,b,1,2024-');
    assert.equal(r.json.Status, 'Fail');
    assert.equal(r.json.Message, 'too many filtered rows');
    assert.equal(r.json.NumberTotalRows, 2);
    assert.equal(await strictCount(), before);
  });

  test('rows DuckDB would read differently go through the general reader (\\r, trailing separator, bad UTF-8)', async () => {
    const r = await load(
      'table1',
      { max_filter_ratio: '1' },
      Buffer.concat([
        Buffer.from('30\tcr\r\t1\n31\ttrail\t2\t\n'),
        Buffer.from([0x33, 0x32, 0x09, 0xff, 0x09, 0x31, 0x0a]),
      ]),
    );
    assert.equal(r.json.Status, 'Success');
    assert.equal(r.json.NumberTotalRows, 3);
    assert.equal(r.json.NumberLoadedRows, 1);
    assert.equal(r.json.NumberFilteredRows, 2);
    assert.deepEqual(await rows('SELECT * FROM d.table1 WHERE id >= 30 ORDER BY id'), [[30, 'cr\r', 1]]);
    const log = await http('GET', String(r.json.ErrorURL), {}, undefined, false);
    assert.match(log.body, /source value column count: 4/);
    assert.match(log.body, /Error: Invalid UTF-8 row\./);
  });

  test('wrong field counts in a plain body: DuckDB refuses, the general reader counts them', async () => {
    const good = Array.from({ length: 5000 }, (_, i) => `${1000 + i}\tn${i}\t${i}`).join('\n');
    const r = await load('table1', { max_filter_ratio: '0.1' }, `${good}\n9999\tshort\n`);
    assert.equal(r.json.Status, 'Success');
    assert.equal(r.json.NumberTotalRows, 5001);
    assert.equal(r.json.NumberLoadedRows, 5000);
    assert.equal(r.json.NumberFilteredRows, 1);
  });
});
