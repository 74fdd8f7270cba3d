/**
 * Stream Load into a table with an AUTO_INCREMENT column: ids are generated for rows that do not
 * carry one (column left out, or \N), explicit ids are kept, and a partial update of existing
 * keys keeps their ids while new keys get fresh ones.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { basic, httpFollow, startHarness, type Harness } from './harness.js';

let h: Harness;
const AUTH = { Authorization: basic('root', '') };
let n = 0;

before(async () => {
  h = await startHarness();
  await h.sql('CREATE DATABASE ai');
  await h.sql(
    'CREATE TABLE ai.t (id BIGINT NOT NULL, name VARCHAR(10), seq BIGINT NOT NULL AUTO_INCREMENT) PRIMARY KEY(id) DISTRIBUTED BY HASH(id)',
  );
});
after(async () => h.close());

async function load(headers: Record<string, string>, body: string): Promise<void> {
  const r = await httpFollow(
    'PUT',
    `${h.fe}/api/ai/t/_stream_load`,
    { ...AUTH, label: `ai${++n}`, column_separator: ',', ...headers },
    body,
  );
  assert.equal(r.json.Status, 'Success', JSON.stringify(r.json));
}

async function rows(): Promise<unknown[][]> {
  return (await h.sql('SELECT id, name, seq FROM ai.t ORDER BY id')).map((r) =>
    r.map((v) => (typeof v === 'bigint' ? Number(v) : v)),
  );
}

test('ids are generated for loaded rows without one and kept when given', async () => {
  await load({ columns: 'id,name' }, '1,a\n2,b\n');
  await load({}, '3,c,\\N\n4,d,40\n');
  assert.deepEqual(await rows(), [
    [1, 'a', 1],
    [2, 'b', 2],
    [3, 'c', 3],
    [4, 'd', 40],
  ]);
});

test('a partial update keeps the ids of existing keys', async () => {
  await load({ columns: 'id,name', partial_update: 'true' }, '1,aa\n5,e\n');
  const all = await rows();
  assert.deepEqual(all[0], [1, 'aa', 1]);
  const fresh = all[4];
  assert.equal(fresh?.[0], 5);
  assert.ok(typeof fresh?.[2] === 'number' && fresh[2] > 3, `a new id for key 5: ${String(fresh?.[2])}`);
});
