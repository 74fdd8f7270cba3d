/**
 * Stream Load into partitioned tables against a real `rockling serve` with curl and Node fetch:
 * rows outside every partition are filtered rows (StarRocks' OlapTableSink: "The row is out of
 * partition ranges. Please add a new partition."), counted in NumberFilteredRows, subject to
 * max_filter_ratio and listed at ErrorURL; the `partitions` header narrows the target partitions
 * (rows of other partitions are filtered the same way, automatic partition creation is off);
 * unknown partition names fail before the body; expression partitioning still creates partitions.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { createConnection, type Connection } from 'mysql2/promise';
import { freePort, startRockling, type RocklingServer } from '../../src/testing/index.js';
import { STREAM_LOAD_FIELDS } from './harness.js';

let server: RocklingServer;
let mysql: Connection;
let bePort = 0;
let n = 0;

const OUT_OF_RANGE = 'The row is out of partition ranges. Please add a new partition.';

before(async () => {
  bePort = await freePort();
  server = await startRockling({ extraArgs: ['--be-http-port', String(bePort)], startTimeoutMs: 60_000 });
  mysql = await createConnection({ host: '127.0.0.1', port: server.port, user: 'root' });
  await mysql.query('CREATE DATABASE pl');
  await mysql.query(
    "CREATE TABLE pl.r (k INT, dt DATE, v VARCHAR(10)) DUPLICATE KEY(k) PARTITION BY RANGE(dt) (PARTITION p1 VALUES [('2024-01-01'), ('2024-02-01')), PARTITION p2 VALUES [('2024-02-01'), ('2024-03-01'))) DISTRIBUTED BY HASH(k)",
  );
  await mysql.query(
    "CREATE TABLE pl.l (k INT NOT NULL, city VARCHAR(10) NOT NULL, v INT) PRIMARY KEY(k, city) PARTITION BY LIST(city) (PARTITION pa VALUES IN ('a'), PARTITION pb VALUES IN ('b')) DISTRIBUTED BY HASH(k)",
  );
  await mysql.query(
    "CREATE TABLE pl.e (k INT, dt DATE, v INT) DUPLICATE KEY(k) PARTITION BY date_trunc('day', dt) DISTRIBUTED BY HASH(k)",
  );
});
after(async () => {
  await mysql?.end();
  await server?.stop();
});

interface Reply {
  readonly json: Record<string, unknown>;
  readonly code: number;
}

/** `curl --location-trusted -T -` to the FE port, as StarRocks' documentation does it. */
function curlLoad(table: string, headers: Record<string, string>, body: string): Promise<Reply> {
  const args = [
    '-sS',
    '--location-trusted',
    '-u',
    'root:',
    '-H',
    'Expect:100-continue',
    '-w',
    '\n%{http_code}',
  ];
  for (const [k, v] of Object.entries({ label: `pl${++n}`, ...headers })) args.push('-H', `${k}:${v}`);
  args.push('-T', '-', `http://127.0.0.1:${server.httpPort}/api/pl/${table}/_stream_load`);
  return new Promise((resolve, reject) => {
    const p = spawn('curl', args);
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    p.on('error', reject);
    p.on('close', () => {
      const i = out.lastIndexOf('\n');
      try {
        resolve({
          json: JSON.parse(out.slice(0, i)) as Record<string, unknown>,
          code: Number(out.slice(i + 1)),
        });
      } catch (e) {
        reject(new Error(`bad reply ${out}: ${String(e)}`));
      }
    });
    p.stdin.end(body);
  });
}

/**
 * Node fetch straight to the BE port, as connectors that know a BE do (fetch cannot send
 * `Expect: 100-continue`, which the FE requires, and drops Authorization on a cross-port redirect).
 */
async function fetchLoad(table: string, headers: Record<string, string>, body: string): Promise<Reply> {
  const all = {
    Authorization: `Basic ${Buffer.from('root:').toString('base64')}`,
    label: `pl${++n}`,
    ...headers,
  };
  const be = await fetch(`http://127.0.0.1:${bePort}/api/pl/${table}/_stream_load`, {
    method: 'PUT',
    headers: all,
    body,
  });
  return { json: (await be.json()) as Record<string, unknown>, code: be.status };
}

function checkReply(
  r: Reply,
  want: {
    status: string;
    message: string | RegExp;
    total: number;
    loaded: number;
    filtered: number;
    unselected?: number;
    bytes: number;
    early?: boolean;
  },
): void {
  assert.equal(r.code, 200);
  const errorUrl = typeof r.json.ErrorURL === 'string';
  assert.deepEqual(Object.keys(r.json), errorUrl ? [...STREAM_LOAD_FIELDS, 'ErrorURL'] : STREAM_LOAD_FIELDS);
  assert.equal(r.json.Status, want.status);
  if (typeof want.message === 'string') assert.equal(r.json.Message, want.message);
  else assert.match(String(r.json.Message), want.message);
  // Loads refused before the body have no transaction (TxnId -1).
  assert.ok(
    typeof r.json.TxnId === 'number' && (want.early === true ? r.json.TxnId === -1 : r.json.TxnId > 0),
  );
  assert.match(String(r.json.Label), /^pl\d+$/);
  assert.equal(r.json.NumberTotalRows, want.total);
  assert.equal(r.json.NumberLoadedRows, want.loaded);
  assert.equal(r.json.NumberFilteredRows, want.filtered);
  assert.equal(r.json.NumberUnselectedRows, want.unselected ?? 0);
  assert.equal(r.json.LoadBytes, want.bytes);
  for (const f of STREAM_LOAD_FIELDS.slice(9))
    assert.ok(typeof r.json[f] === 'number' && (r.json[f] as number) >= 0, f);
  assert.equal(errorUrl, want.filtered > 0, 'ErrorURL exactly when rows were filtered');
}

async function errorLog(r: Reply): Promise<string> {
  const res = await fetch(String(r.json.ErrorURL));
  assert.equal(res.status, 200);
  return res.text();
}

async function rows(sql: string): Promise<unknown[][]> {
  const [result] = await mysql.query({ sql, rowsAsArray: true, dateStrings: true });
  return result as unknown[][];
}

const RANGE_BODY = '1,2024-01-05,a\n2,2024-02-07,b\n3,2025-06-01,c\n4,2024-01-31,d\n';

describe('range partitions', () => {
  test('a row outside every partition is filtered: max_filter_ratio 0 fails and leaves the table unchanged', async () => {
    const r = await curlLoad('r', { column_separator: ',' }, RANGE_BODY);
    // A failed load reports no loaded rows (nothing was committed).
    checkReply(r, {
      status: 'Fail',
      message: 'too many filtered rows',
      total: 4,
      loaded: 0,
      filtered: 1,
      bytes: RANGE_BODY.length,
    });
    const log = await errorLog(r);
    assert.equal(log, `Error: ${OUT_OF_RANGE}. Row: [3, 2025-06-01, 'c']\n`);
    assert.deepEqual(await rows('SELECT count(*) FROM pl.r'), [[0]]);
  });

  test('within max_filter_ratio the other rows load into their partitions (curl)', async () => {
    const r = await curlLoad('r', { column_separator: ',', max_filter_ratio: '0.3' }, RANGE_BODY);
    checkReply(r, {
      status: 'Success',
      message: 'OK',
      total: 4,
      loaded: 3,
      filtered: 1,
      bytes: RANGE_BODY.length,
    });
    assert.match(await errorLog(r), /out of partition ranges.*Row: \[3, 2025-06-01, 'c'\]/);
    assert.deepEqual(await rows('SELECT k, dt, v FROM pl.r ORDER BY k'), [
      [1, '2024-01-05', 'a'],
      [2, '2024-02-07', 'b'],
      [4, '2024-01-31', 'd'],
    ]);
    const [parts] = await mysql.query({ sql: 'SHOW PARTITIONS FROM pl.r', rowsAsArray: true });
    assert.deepEqual(
      (parts as unknown[][]).map((p) => String(p[1])),
      ['p1', 'p2'],
      'no partition was added for the filtered row',
    );
  });

  test('partitions header: rows of other partitions are filtered, with where they are counted after unselected ones (fetch)', async () => {
    await mysql.query('TRUNCATE TABLE pl.r');
    const body = `${RANGE_BODY}5\t2024-02-02\te\n`.replace(/\t/g, ',');
    const r = await fetchLoad(
      'r',
      { column_separator: ',', partitions: 'P1', max_filter_ratio: '0.8', where: 'k != 4' },
      body,
    );
    // Rows 2 and 5 (p2) and 3 (no partition) are filtered; row 4 is unselected by where.
    checkReply(r, {
      status: 'Success',
      message: 'OK',
      total: 5,
      loaded: 1,
      filtered: 3,
      unselected: 1,
      bytes: body.length,
    });
    const log = (await errorLog(r)).trimEnd().split('\n');
    assert.equal(log.length, 3);
    for (const line of log) assert.ok(line.startsWith(`Error: ${OUT_OF_RANGE}. Row: [`), line);
    assert.deepEqual(await rows('SELECT k FROM pl.r ORDER BY k'), [[1]]);
  });

  test('partitions header with every row inside loads them all; two partitions', async () => {
    await mysql.query('TRUNCATE TABLE pl.r');
    const r = await curlLoad(
      'r',
      { column_separator: ',', partitions: 'p1, p2' },
      '1,2024-01-05,a\n2,2024-02-07,b\n',
    );
    checkReply(r, { status: 'Success', message: 'OK', total: 2, loaded: 2, filtered: 0, bytes: 30 });
    assert.deepEqual(await rows('SELECT count(*) FROM pl.r'), [[2]]);
  });

  test('an unknown partition fails before the body with StarRocks’ message', async () => {
    const r = await curlLoad('r', { column_separator: ',', partitions: 'p1,p9' }, RANGE_BODY);
    checkReply(r, {
      status: 'Fail',
      message: "Unknown partition 'p9' in table 'r'",
      total: 0,
      loaded: 0,
      filtered: 0,
      bytes: 0,
      early: true,
    });
    assert.deepEqual(await rows('SELECT count(*) FROM pl.r'), [[2]]);
  });

  test('JSON rows outside every partition are filtered too', async () => {
    const body = JSON.stringify([
      { k: 7, dt: '2024-01-09', v: 'x' },
      { k: 8, dt: '2023-12-31', v: 'y' },
    ]);
    const r = await fetchLoad(
      'r',
      { format: 'json', strip_outer_array: 'true', max_filter_ratio: '0.5' },
      body,
    );
    checkReply(r, { status: 'Success', message: 'OK', total: 2, loaded: 1, filtered: 1, bytes: body.length });
    assert.match(await errorLog(r), /out of partition ranges.*Row: \[8, 2023-12-31, 'y'\]/);
    assert.deepEqual(await rows('SELECT k FROM pl.r WHERE k > 6'), [[7]]);
  });
});

describe('list partitions and PRIMARY KEY', () => {
  test('a value in no list is filtered; the rest upserts', async () => {
    const body = '1,a,10\n2,b,20\n3,z,30\n1,a,11\n';
    const r = await curlLoad('l', { column_separator: ',', max_filter_ratio: '0.25' }, body);
    checkReply(r, { status: 'Success', message: 'OK', total: 4, loaded: 3, filtered: 1, bytes: body.length });
    assert.deepEqual(await rows('SELECT k, city, v FROM pl.l ORDER BY k'), [
      [1, 'a', 11],
      [2, 'b', 20],
    ]);
    const only = await curlLoad('l', { column_separator: ',', partitions: 'pb' }, '4,a,1\n');
    checkReply(only, {
      status: 'Fail',
      message: 'too many filtered rows',
      total: 1,
      loaded: 0,
      filtered: 1,
      bytes: 6,
    });
    assert.deepEqual(await rows('SELECT count(*) FROM pl.l'), [[2]]);
  });
});

describe('expression partitioning', () => {
  test('new days create partitions; with the partitions header nothing is created and other days are filtered', async () => {
    const first = await curlLoad('e', { column_separator: ',' }, '1,2024-05-01,1\n2,2024-05-02,2\n');
    checkReply(first, { status: 'Success', message: 'OK', total: 2, loaded: 2, filtered: 0, bytes: 30 });
    const [parts] = await mysql.query({ sql: 'SHOW PARTITIONS FROM pl.e', rowsAsArray: true });
    const names = (parts as unknown[][]).map((p) => String(p[1])).sort();
    assert.deepEqual(names, ['p20240501', 'p20240502']);
    const body = '3,2024-05-01,3\n4,2024-05-09,4\n';
    const r = await curlLoad(
      'e',
      { column_separator: ',', partitions: 'p20240501', max_filter_ratio: '0.5' },
      body,
    );
    checkReply(r, { status: 'Success', message: 'OK', total: 2, loaded: 1, filtered: 1, bytes: body.length });
    const [after] = await mysql.query({ sql: 'SHOW PARTITIONS FROM pl.e', rowsAsArray: true });
    assert.equal((after as unknown[][]).length, 2, 'no partition created while the header names partitions');
    assert.deepEqual(await rows('SELECT k FROM pl.e ORDER BY k'), [[1], [2], [3]]);
  });
});
