/**
 * Plain CSV bodies are written segment by segment while they arrive (small segments here). A
 * problem found late — by the gatekeeper scan or by DuckDB — rolls the whole load back and
 * re-reads the body with the general reader: counts and rows must be exactly as if unsegmented.
 * Also: labels expire after label_keep_max_second.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { basic, http, httpFollow, startHarness, type Harness } from './harness.js';

let h: Harness;
const AUTH = { Authorization: basic('root', '') };

before(async () => {
  h = await startHarness({ segmentBytes: 4096, labelKeepSeconds: 1 });
  await h.sql('CREATE DATABASE s');
  await h.sql(
    'CREATE TABLE s.t (id INT NOT NULL, name VARCHAR(20)) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)',
  );
});
after(async () => h.close());

function body(from: number, n: number): string {
  let out = '';
  for (let i = from; i < from + n; i++) out += `${i}\tname${i}\n`;
  return out;
}

async function ids(lo: number, hi: number): Promise<number> {
  return Number((await h.sql(`SELECT count(DISTINCT id) FROM s.t WHERE id BETWEEN ${lo} AND ${hi}`))[0]?.[0]);
}

describe('segmented plain CSV', () => {
  test('many segments load every row exactly once, with skip_header on the first only', async () => {
    const r = await httpFollow(
      'PUT',
      `${h.fe}/api/s/t/_stream_load`,
      { ...AUTH, label: 'seg1', skip_header: '1' },
      `id\tname\n${body(0, 3000)}`,
    );
    assert.equal(r.json.Status, 'Success');
    assert.equal(r.json.NumberTotalRows, 3000);
    assert.equal(r.json.NumberLoadedRows, 3000);
    assert.equal(await ids(0, 2999), 3000);
  });

  test('a late carriage return (scan) and a late short row (DuckDB) re-read the whole body', async () => {
    const late = `${body(10000, 2000)}12000\tcr\r\n`;
    const r1 = await httpFollow('PUT', `${h.fe}/api/s/t/_stream_load`, { ...AUTH, label: 'seg2' }, late);
    assert.equal(r1.json.Status, 'Success');
    assert.equal(r1.json.NumberLoadedRows, 2001);
    assert.equal(await ids(10000, 12000), 2001);
    const short = `${body(20000, 2000)}21999\n`;
    const r2 = await httpFollow(
      'PUT',
      `${h.fe}/api/s/t/_stream_load`,
      { ...AUTH, label: 'seg3', max_filter_ratio: '0.01' },
      short,
    );
    assert.equal(r2.json.Status, 'Success');
    assert.equal(r2.json.NumberTotalRows, 2001);
    assert.equal(r2.json.NumberFilteredRows, 1);
    assert.equal(await ids(20000, 21999), 2000);
    const fail = await httpFollow(
      'PUT',
      `${h.fe}/api/s/t/_stream_load`,
      { ...AUTH, label: 'seg4' },
      `${body(30000, 2000)}x\n`,
    );
    assert.equal(fail.json.Status, 'Fail');
    assert.equal(await ids(30000, 31999), 0, 'segments written before the failure are rolled back');
  });

  test('finished labels expire after label_keep_max_second and can be used again', async () => {
    const first = await httpFollow(
      'PUT',
      `${h.fe}/api/s/t/_stream_load`,
      { ...AUTH, label: 'old' },
      '50000\tx\n',
    );
    assert.equal(first.json.Status, 'Success');
    await new Promise((r) => setTimeout(r, 2100));
    await h.load.expire();
    const state = await http('GET', `${h.fe}/api/s/get_load_state?label=old`, AUTH, undefined, false);
    assert.equal(state.json.state, 'UNKNOWN');
    const again = await httpFollow(
      'PUT',
      `${h.fe}/api/s/t/_stream_load`,
      { ...AUTH, label: 'old' },
      '50001\tx\n',
    );
    assert.equal(again.json.Status, 'Success');
  });
});

describe('segmented JSON (general reader output written while the body arrives)', () => {
  function json(from: number, n: number, bad: readonly number[]): string {
    const items: string[] = [];
    for (let i = from; i < from + n; i++) {
      if (bad.includes(i)) items.push('"not an object"');
      items.push(`{"id": ${i}, "name": "n${i}"}`);
    }
    return `[${items.join(',\n')}]`;
  }

  test('rejects in early and late segments are counted once each; rows load exactly once', async () => {
    const body = json(60000, 9000, [60010, 68990]);
    assert.ok(body.length > 200_000, 'the body arrives in many socket reads');
    const r = await httpFollow(
      'PUT',
      `${h.fe}/api/s/t/_stream_load`,
      { ...AUTH, label: 'segj1', format: 'json', strip_outer_array: 'true', max_filter_ratio: '0.01' },
      body,
    );
    assert.equal(r.json.Status, 'Success');
    assert.equal(r.json.NumberTotalRows, 9002);
    assert.equal(r.json.NumberLoadedRows, 9000);
    assert.equal(r.json.NumberFilteredRows, 2);
    assert.equal(r.json.LoadBytes, Buffer.byteLength(body));
    assert.equal(await ids(60000, 68999), 9000);
    const log = await http('GET', String(r.json.ErrorURL), {}, undefined, false);
    const lines = log.body.trimEnd().split('\n');
    assert.deepEqual(lines, [
      'Error: The value of JSON data is not an object. Row: "not an object"',
      'Error: The value of JSON data is not an object. Row: "not an object"',
    ]);
  });

  test('a late reject over max_filter_ratio rolls back the segments already written', async () => {
    const body = json(70000, 6000, [75995]);
    const r = await httpFollow(
      'PUT',
      `${h.fe}/api/s/t/_stream_load`,
      { ...AUTH, label: 'segj2', format: 'json', strip_outer_array: 'true' },
      body,
    );
    assert.equal(r.json.Status, 'Fail');
    assert.equal(r.json.Message, 'too many filtered rows');
    assert.equal(r.json.NumberTotalRows, 6001);
    assert.equal(r.json.NumberFilteredRows, 1);
    assert.equal(await ids(70000, 75999), 0);
  });
});
