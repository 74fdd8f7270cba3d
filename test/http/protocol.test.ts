/**
 * The HTTP protocol as clients see it: FE 307 without 100-continue, BE 100-continue, the exact
 * response fields, auth, labels, get_load_state, error logs, metrics — with curl and node:http.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { basic, curl, http, httpFollow, startHarness, STREAM_LOAD_FIELDS, type Harness } from './harness.js';

let h: Harness;
const AUTH = { Authorization: basic('root', '') };

before(async () => {
  h = await startHarness();
  await h.sql('CREATE DATABASE p');
  await h.sql(
    'CREATE TABLE p.t (id INT NOT NULL, name VARCHAR(10), score DOUBLE) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)',
  );
});
after(async () => h.close());

async function count(): Promise<number> {
  return Number((await h.sql('SELECT count(*) FROM p.t'))[0]?.[0]);
}

describe('FE and BE roles', () => {
  test('FE answers 307 to the BE with path and query verbatim, never 100 Continue, and closes', async () => {
    const r = await http(
      'PUT',
      `${h.fe}/api/p/t/_stream_load?x=1&y=%20`,
      { ...AUTH, label: 'fe1' },
      '1\ta\t1\n',
    );
    assert.equal(r.status, 307);
    assert.equal(r.continued, false, 'the FE must not send 100 Continue');
    assert.equal(r.headers.location, `${h.be.replace('http://', 'http://')}/api/p/t/_stream_load?x=1&y=%20`);
    assert.equal(r.headers.connection, 'close');
    assert.equal(await count(), 0, 'nothing loaded by the FE');
  });

  test('HTTP/1.1 without Expect at the FE fails like StarRocks', async () => {
    const r = await http('PUT', `${h.fe}/api/p/t/_stream_load`, { ...AUTH }, '1\ta\t1\n', false);
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, {
      Status: 'FAILED',
      Message: 'class com.starrocks.common.DdlException: There is no 100-continue header',
    });
  });

  test('BE sends 100 Continue, loads, and every response field is there in order', async () => {
    const r = await httpFollow(
      'PUT',
      `${h.fe}/api/p/t/_stream_load`,
      { ...AUTH, label: 'be1' },
      '1\ta\t1.5\n2\tb\t2\n',
    );
    assert.equal(r.redirected?.status, 307);
    assert.equal(r.continued, true);
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.json), STREAM_LOAD_FIELDS);
    assert.equal(r.json.Label, 'be1');
    assert.equal(r.json.Status, 'Success');
    assert.equal(r.json.Message, 'OK');
    assert.equal(r.json.NumberTotalRows, 2);
    assert.equal(r.json.NumberLoadedRows, 2);
    assert.equal(r.json.NumberFilteredRows, 0);
    assert.equal(r.json.NumberUnselectedRows, 0);
    assert.equal(r.json.LoadBytes, 14);
    assert.ok(typeof r.json.TxnId === 'number' && r.json.TxnId > 0);
    assert.match(r.body, /^\{\n {4}"TxnId": /, 'pretty-printed like StarRocks');
    assert.deepEqual(await h.sql('SELECT * FROM p.t ORDER BY id'), [
      [1, 'a', 1.5],
      [2, 'b', 2],
    ]);
  });

  test('curl --location-trusted (documented command) and plain --location', async () => {
    const ok = await curl(
      [
        '--location-trusted',
        '-u',
        'root:',
        '-H',
        'Expect:100-continue',
        '-H',
        'label:curl1',
        '-H',
        'column_separator:,',
        '-T',
        '-',
        '-XPUT',
        `${h.fe}/api/p/t/_stream_load`,
      ],
      '3,c,3\n',
    );
    assert.equal(ok.code, 200);
    assert.equal(ok.json.Status, 'Success');
    // Without --location-trusted curl drops the credentials on the redirect: the BE refuses.
    const no = await curl(
      [
        '--location',
        '-u',
        'root:',
        '-H',
        'Expect:100-continue',
        '-H',
        'label:curl2',
        '-T',
        '-',
        '-XPUT',
        `${h.fe}/api/p/t/_stream_load`,
      ],
      '4\td\t4\n',
    );
    assert.equal(no.json.Status, 'Fail');
    assert.equal(no.json.Message, 'no valid Basic authorization');
  });

  test('wrong password: FE 401 with WWW-Authenticate; BE Fail with Access denied', async () => {
    const fe = await http(
      'PUT',
      `${h.fe}/api/p/t/_stream_load`,
      { Authorization: basic('root', 'bad') },
      'x',
    );
    assert.equal(fe.status, 401);
    assert.equal(fe.headers['www-authenticate'], 'Basic realm=""');
    assert.equal(fe.json.status, 'FAILED');
    assert.match(
      String(fe.json.msg),
      /^Access denied for user 'root'@'127\.0\.0\.1' \(using password: YES\)$/,
    );
    const be = await http('PUT', `${h.be}/api/p/t/_stream_load`, { Authorization: basic('nobody', '') }, 'x');
    assert.equal(be.status, 200);
    assert.equal(be.continued, false, 'refused before the body');
    assert.equal(be.json.Status, 'Fail');
    assert.match(String(be.json.Message), /^Access denied for user 'nobody'/);
  });

  test('missing table / database / bad label / bad header values answer before the body', async () => {
    const cases: [string, Record<string, string>, string][] = [
      ['/api/p/nope/_stream_load', {}, 'unknown table, table=nope'],
      ['/api/nodb/t/_stream_load', {}, 'unknown database, database=nodb'],
      [
        '/api/p/t/_stream_load',
        { label: 'bad label!' },
        'Label format error. regex: ^[-\\w]{1,128}$, label: bad label!',
      ],
      ['/api/p/t/_stream_load', { strict_mode: 'yes' }, 'Invalid strict mode format. Must be bool type'],
      ['/api/p/t/_stream_load', { timeout: 'soon' }, 'Invalid timeout format'],
      ['/api/p/t/_stream_load', { format: 'xml' }, 'unknown data format, format=xml'],
      ['/api/p/t/_stream_load', { columns: 'id, nope = 1' }, "Unknown column 'nope' in 't'"],
    ];
    for (const [path, headers, message] of cases) {
      const r = await http('PUT', `${h.be}${path}`, { ...AUTH, ...headers }, '1\ta\t1\n');
      assert.equal(r.status, 200, path);
      assert.equal(r.continued, false, `${message}: answered before 100 Continue`);
      assert.equal(r.json.Status, 'Fail');
      assert.equal(r.json.Message, message);
    }
  });
});

describe('labels', () => {
  test('a committed label is taken (FINISHED), get_load_state VISIBLE, UNKNOWN for unseen', async () => {
    const body = '10\tx\t1\n';
    const first = await httpFollow('PUT', `${h.fe}/api/p/t/_stream_load`, { ...AUTH, label: 'dup' }, body);
    assert.equal(first.json.Status, 'Success');
    const again = await httpFollow('PUT', `${h.fe}/api/p/t/_stream_load`, { ...AUTH, label: 'dup' }, body);
    assert.equal(again.continued, false);
    assert.deepEqual(Object.keys(again.json).slice(0, 5), [
      'TxnId',
      'Label',
      'Status',
      'ExistingJobStatus',
      'Message',
    ]);
    assert.equal(again.json.Status, 'Label Already Exists');
    assert.equal(again.json.ExistingJobStatus, 'FINISHED');
    assert.equal(again.json.Message, 'Label [dup] has already been used.');
    const state = await http('GET', `${h.fe}/api/p/get_load_state?label=dup`, AUTH, undefined, false);
    assert.deepEqual(state.json, {
      state: 'VISIBLE',
      reason: '',
      status: 'OK',
      code: '0',
      msg: 'Success',
      message: 'OK',
    });
    const unseen = await http('GET', `${h.fe}/api/p/get_load_state?label=never`, AUTH, undefined, false);
    assert.equal(unseen.json.state, 'UNKNOWN');
    assert.equal(Number((await h.sql('SELECT count(*) FROM p.t WHERE id = 10'))[0]?.[0]), 1);
  });

  test('an aborted label is ABORTED in get_load_state and may be reused', async () => {
    const bad = await httpFollow(
      'PUT',
      `${h.fe}/api/p/t/_stream_load`,
      { ...AUTH, label: 'retry' },
      '11\tx\n',
    );
    assert.equal(bad.json.Status, 'Fail');
    assert.equal(bad.json.Message, 'too many filtered rows');
    const state = await http('GET', `${h.fe}/api/p/get_load_state?label=retry`, AUTH, undefined, false);
    assert.equal(state.json.state, 'ABORTED');
    const good = await httpFollow(
      'PUT',
      `${h.fe}/api/p/t/_stream_load`,
      { ...AUTH, label: 'retry' },
      '11\tx\t1\n',
    );
    assert.equal(good.json.Status, 'Success');
  });

  test('a label in flight is RUNNING for a concurrent load', async () => {
    // Hold the first load open: headers accepted, body not finished yet.
    const url = new URL(`${h.be}/api/p/t/_stream_load`);
    const req = request(url, {
      method: 'PUT',
      headers: { ...AUTH, label: 'inflight', 'Transfer-Encoding': 'chunked' },
    });
    req.write('12\ty\t1\n');
    await new Promise((r) => setTimeout(r, 300));
    const second = await http(
      'PUT',
      `${h.be}/api/p/t/_stream_load`,
      { ...AUTH, label: 'inflight' },
      '13\tz\t1\n',
    );
    assert.equal(second.json.Status, 'Label Already Exists');
    assert.equal(second.json.ExistingJobStatus, 'RUNNING');
    const state = await http('GET', `${h.fe}/api/p/get_load_state?label=inflight`, AUTH, undefined, false);
    assert.equal(state.json.state, 'PREPARE');
    const done = new Promise<string>((resolve) =>
      req.on('response', (res) => {
        let t = '';
        res.on('data', (d: Buffer) => (t += d.toString()));
        res.on('end', () => resolve(t));
      }),
    );
    req.end();
    assert.equal(JSON.parse(await done).Status, 'Success');
  });
});

describe('bodies', () => {
  test('gzip body (format: gzip) and Content-Type form-urlencoded is never form-parsed', async () => {
    const r = await httpFollow(
      'PUT',
      `${h.fe}/api/p/t/_stream_load`,
      { ...AUTH, label: 'gz', format: 'gzip', column_separator: '&' },
      gzipSync(Buffer.from('20&a=b&1\n21&c%20d&2\n')),
    );
    assert.equal(r.json.Status, 'Success');
    const form = await httpFollow(
      'PUT',
      `${h.fe}/api/p/t/_stream_load`,
      { ...AUTH, label: 'form', 'Content-Type': 'application/x-www-form-urlencoded', column_separator: '&' },
      '22&x=y&3\n',
    );
    assert.equal(form.json.Status, 'Success');
    assert.deepEqual(await h.sql('SELECT id, name FROM p.t WHERE id BETWEEN 20 AND 22 ORDER BY id'), [
      [20, 'a=b'],
      [21, 'c%20d'],
      [22, 'x=y'],
    ]);
  });

  test('empty body fails with StarRocks message; the client going away mid-body leaves nothing', async () => {
    const before = await count();
    const empty = await httpFollow('PUT', `${h.fe}/api/p/t/_stream_load`, { ...AUTH, label: 'empty' }, '');
    assert.equal(empty.json.Status, 'Fail');
    assert.equal(empty.json.Message, 'all partitions have no load data');
    assert.equal(empty.json.NumberTotalRows, 0);
    await new Promise<void>((resolve) => {
      const req = request(new URL(`${h.be}/api/p/t/_stream_load`), {
        method: 'PUT',
        headers: { ...AUTH, label: 'cut', 'Content-Length': 1000 },
      });
      req.on('error', () => resolve());
      req.write('30\ta\t1\n31\tb');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 200);
    });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await count(), before);
    const state = await http('GET', `${h.fe}/api/p/get_load_state?label=cut`, AUTH, undefined, false);
    assert.notEqual(state.json.state, 'VISIBLE');
    const retry = await httpFollow(
      'PUT',
      `${h.fe}/api/p/t/_stream_load`,
      { ...AUTH, label: 'cut' },
      '30\ta\t1\n',
    );
    assert.equal(retry.json.Status, 'Success', 'the label of a cut-off load is free again');
  });

  test('metrics count loads', async () => {
    const r = await http('GET', `${h.fe}/metrics`, {}, undefined, false);
    assert.equal(r.status, 200);
    assert.match(r.body, /^# TYPE starrocks_be_streaming_load_requests_total counter$/m);
    const n = Number(/^starrocks_be_streaming_load_requests_total (\d+)$/m.exec(r.body)?.[1]);
    assert.ok(n >= 5, r.body);
    assert.match(r.body, /^starrocks_be_stream_load\{type="load_rows"\} \d+$/m);
  });
});
