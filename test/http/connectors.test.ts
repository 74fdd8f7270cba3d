/**
 * The request sequences of StarRocks' loaders (LOADING.md §2), replayed with node:http the way
 * Apache HttpClient sends them: Expect: 100-continue, 307 followed with all headers and the same
 * body. Flink V2 / Spark / Kafka use the sdk's transaction API; DataX and Flink V1 plain Stream Load.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { basic, http, httpFollow, startHarness, type Harness, type HttpResult } from './harness.js';

let h: Harness;
const dir = mkdtempSync(join(tmpdir(), 'rockling-conn-'));
const AUTH = { Authorization: basic('root', '') };

before(async () => {
  h = await startHarness({ dir });
  await h.sql('CREATE DATABASE c');
  await h.sql(
    'CREATE TABLE c.orders (id BIGINT NOT NULL, name VARCHAR(32), amount DECIMAL(10,2), dt DATE) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)',
  );
});
after(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The sdk's transaction op: POST (begin/prepare/commit/rollback) or PUT (load) via the FE. */
function txn(op: string, headers: Record<string, string>, body?: string): Promise<HttpResult> {
  return httpFollow(
    op === 'load' ? 'PUT' : 'POST',
    `${h.fe}/api/transaction/${op}`,
    { ...AUTH, ...headers },
    body,
  );
}

async function rows(where: string): Promise<unknown[][]> {
  return h.sql(`SELECT CAST(id AS INT), name, amount, dt FROM c.orders WHERE ${where} ORDER BY id`);
}

describe('transaction Stream Load (sdk: Flink V2, Spark, Kafka)', () => {
  test('feature probe: POST begin without label or db answers JSON that is not "Not implemented"', async () => {
    const r = await http('POST', `${h.fe}/api/transaction/begin`, AUTH, undefined, true);
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, {
      Status: 'FAILED',
      Message: 'class com.starrocks.common.StarRocksException: No database selected.',
    });
    const noLabel = await http(
      'POST',
      `${h.fe}/api/transaction/begin`,
      { ...AUTH, db: 'c' },
      undefined,
      true,
    );
    assert.equal(noLabel.json.Message, 'class com.starrocks.common.StarRocksException: Empty label.');
  });

  test('Flink at-least-once JSON: begin → load ×2 → prepare → commit, every field checked', async () => {
    const label = `flink-${randomUUID()}`;
    const base = { db: 'c', table: 'orders', label, timeout: '600' };
    const begin = await txn('begin', base);
    assert.deepEqual(Object.keys(begin.json), ['Status', 'Message', 'Label', 'TxnId', 'BeginTxnTimeMs']);
    assert.equal(begin.json.Status, 'OK');
    assert.equal(begin.json.Message, '');
    assert.equal(begin.json.Label, label);
    const loadHeaders = {
      ...base,
      format: 'json',
      strip_outer_array: 'true',
      ignore_json_size: 'true',
      'Content-Type': 'application/octet-stream',
    };
    const l1 = await txn(
      'load',
      loadHeaders,
      '[{"id":1,"name":"a","amount":1.5,"dt":"2024-01-01"},{"id":2,"name":"b"}]',
    );
    assert.equal(l1.continued, true);
    assert.deepEqual(Object.keys(l1.json), [
      'Status',
      'Message',
      'Label',
      'TxnId',
      'LoadBytes',
      'StreamLoadPlanTimeMs',
      'ReceivedDataTimeMs',
    ]);
    assert.equal(l1.json.Status, 'OK');
    assert.equal(l1.json.TxnId, begin.json.TxnId);
    const l2 = await txn('load', loadHeaders, '[{"id":3,"name":"c","amount":"3.25","dt":"2024-01-03"}]');
    assert.equal(l2.json.Status, 'OK');
    assert.deepEqual(await rows('id <= 3'), [], 'nothing visible before commit');
    const prep = await txn('prepare', { ...base, prepared_timeout: '180' });
    assert.equal(prep.json.Status, 'OK');
    assert.equal(prep.json.NumberTotalRows, 3);
    assert.equal(prep.json.NumberLoadedRows, 3);
    const state = await http('GET', `${h.fe}/api/c/get_load_state?label=${label}`, AUTH, undefined, false);
    assert.equal(state.json.state, 'PREPARED');
    const commit = await txn('commit', base);
    assert.deepEqual(Object.keys(commit.json), [
      'Status',
      'Message',
      'Label',
      'TxnId',
      'NumberTotalRows',
      'NumberLoadedRows',
      'NumberFilteredRows',
      'NumberUnselectedRows',
      'LoadBytes',
      'LoadTimeMs',
      'StreamLoadPlanTimeMs',
      'ReceivedDataTimeMs',
      'WriteDataTimeMs',
      'CommitAndPublishTimeMs',
    ]);
    assert.equal(commit.json.Status, 'OK');
    assert.equal(commit.json.NumberLoadedRows, 3);
    assert.deepEqual(await rows('id <= 3'), [
      [1, 'a', '1.50', '2024-01-01'],
      [2, 'b', null, null],
      [3, 'c', '3.25', '2024-01-03'],
    ]);
    const visible = await http('GET', `${h.fe}/api/c/get_load_state?label=${label}`, AUTH, undefined, false);
    assert.equal(visible.json.state, 'VISIBLE');
    const again = await txn('commit', base);
    assert.equal(again.json.Status, 'OK', 'a repeated commit of a visible transaction is OK');
    const reuse = await txn('begin', base);
    assert.equal(reuse.json.Status, 'LABEL_ALREADY_EXISTS');
    assert.equal(reuse.json.ExistingJobStatus, 'FINISHED');
  });

  test('Spark CSV defaults (no separator headers, tab/newline), label spark-<uuid>, timeout 900', async () => {
    const label = `spark-${randomUUID()}`;
    const base = { db: 'c', table: 'orders', label, timeout: '900' };
    assert.equal((await txn('begin', base)).json.Status, 'OK');
    const load = await txn(
      'load',
      { ...base, format: 'csv' },
      '10\tx\t1.00\t2024-02-01\n11\t\\N\t\\N\t\\N\n',
    );
    assert.equal(load.json.Status, 'OK');
    assert.equal((await txn('prepare', base)).json.Status, 'OK');
    assert.equal((await txn('commit', base)).json.Status, 'OK');
    assert.deepEqual(await rows('id IN (10, 11)'), [
      [10, 'x', '1.00', '2024-02-01'],
      [11, null, null, null],
    ]);
  });

  test('Kafka connector: label -<uuid>, user-set strip_outer_array, rollback leaves nothing', async () => {
    const label = `-${randomUUID()}`;
    const base = { db: 'c', table: 'orders', label, timeout: '600' };
    assert.equal((await txn('begin', base)).json.Status, 'OK');
    const load = await txn(
      'load',
      { ...base, format: 'json', strip_outer_array: 'true' },
      '[{"id":20,"name":"k"}]',
    );
    assert.equal(load.json.Status, 'OK');
    const rb = await txn('rollback', base);
    assert.deepEqual(rb.json, { Status: 'OK', Message: '', Label: label });
    assert.deepEqual(await rows('id = 20'), []);
    const state = await http('GET', `${h.fe}/api/c/get_load_state?label=${label}`, AUTH, undefined, false);
    assert.equal(state.json.state, 'ABORTED');
    const missing = await txn('commit', base);
    assert.equal(missing.json.Status, 'TXN_NOT_EXISTS');
    // An aborted label is free again.
    assert.equal((await txn('begin', base)).json.Status, 'OK');
    assert.equal((await txn('rollback', base)).json.Status, 'OK');
  });

  test('commit without data, prepare with too many filtered rows', async () => {
    const empty = { db: 'c', table: 'orders', label: `e-${randomUUID()}` };
    assert.equal((await txn('begin', empty)).json.Status, 'OK');
    const c0 = await txn('commit', empty);
    assert.equal(c0.json.Status, 'FAILED');
    assert.match(String(c0.json.Message), /hasn't send any data yet/);
    const bad = { db: 'c', table: 'orders', label: `b-${randomUUID()}` };
    assert.equal((await txn('begin', bad)).json.Status, 'OK');
    assert.equal((await txn('load', bad, '30\tok\t1\t2024-01-01\n31\tbad\n')).json.Status, 'OK');
    const p = await txn('prepare', bad);
    assert.equal(p.json.Status, 'FAILED');
    assert.equal(p.json.Message, 'too many filtered rows');
    assert.equal(p.json.NumberFilteredRows, 1);
    assert.match(String(p.json.ErrorURL), /\/api\/_load_error_log\?file=error_log_/);
    assert.deepEqual(await rows('id IN (30, 31)'), []);
  });

  test('Flink exactly-once: a PREPARED transaction survives a restart and commits; PREPARE is aborted', async () => {
    const prepared = { db: 'c', table: 'orders', label: 'flink-orders-0-17' };
    const open = { db: 'c', table: 'orders', label: 'flink-orders-0-18' };
    for (const b of [prepared, open]) {
      assert.equal((await txn('begin', { ...b, timeout: '600' })).json.Status, 'OK');
      assert.equal(
        (
          await txn(
            'load',
            { ...b, format: 'json', strip_outer_array: 'true' },
            `[{"id":${b === prepared ? 40 : 41}}]`,
          )
        ).json.Status,
        'OK',
      );
    }
    assert.equal((await txn('prepare', prepared)).json.Status, 'OK');
    await h.close();
    h = await startHarness({ dir });
    // LingeringTransactionAborter: PREPARED → may be committed; PREPARE was aborted with the restart.
    const s1 = await http(
      'GET',
      `${h.fe}/api/c/get_load_state?label=flink-orders-0-17`,
      AUTH,
      undefined,
      false,
    );
    assert.equal(s1.json.state, 'PREPARED');
    const s2 = await http(
      'GET',
      `${h.fe}/api/c/get_load_state?label=flink-orders-0-18`,
      AUTH,
      undefined,
      false,
    );
    assert.equal(s2.json.state, 'ABORTED');
    assert.equal((await txn('commit', prepared)).json.Status, 'OK');
    assert.deepEqual(await rows('id IN (40, 41)'), [[40, null, null, null]]);
  });
});

describe('plain Stream Load clients', () => {
  test('DataX starrockswriter: \\x01 separator, back-quoted columns, form Content-Type, \\N; retry → Label Already Exists', async () => {
    const label = `datax${randomUUID().replace(/-/g, '')}`;
    const headers = {
      ...AUTH,
      columns: '`id`,`name`,`amount`,`dt`',
      column_separator: '\\x01',
      row_delimiter: '\\x02',
      max_filter_ratio: '0',
      label,
      'Content-Type': 'application/x-www-form-urlencoded',
    };
    const body = '50\x01d1\x0112.5\x012024-03-01\x0251\x01\\N\x01\\N\x01\\N\x02';
    const r = await httpFollow('PUT', `${h.fe}/api/c/orders/_stream_load`, headers, body);
    assert.equal(r.redirected?.status, 307);
    assert.equal(r.json.Status, 'Success');
    assert.equal(r.json.NumberLoadedRows, 2);
    const retry = await httpFollow('PUT', `${h.fe}/api/c/orders/_stream_load`, headers, body);
    assert.equal(retry.json.Status, 'Label Already Exists');
    // DataX then polls get_load_state and accepts VISIBLE.
    const state = await http('GET', `${h.fe}/api/c/get_load_state?label=${label}`, AUTH, undefined, false);
    assert.equal(state.json.state, 'VISIBLE');
    assert.deepEqual(await rows('id IN (50, 51)'), [
      [50, 'd1', '12.50', '2024-03-01'],
      [51, null, null, null],
    ]);
  });

  test('Flink V1 sink: CSV with columns, Status != Fail', async () => {
    const r = await httpFollow(
      'PUT',
      `${h.fe}/api/c/orders/_stream_load`,
      { ...AUTH, label: `v1${randomUUID()}`, columns: '`id`,`name`', column_separator: ',' },
      '60,v1\n61,v2\n',
    );
    assert.equal(r.json.Status, 'Success');
    assert.deepEqual(await rows('id IN (60, 61)'), [
      [60, 'v1', null, null],
      [61, 'v2', null, null],
    ]);
  });
});
