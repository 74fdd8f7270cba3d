/**
 * Stream Load into PRIMARY KEY tables, as StarRocks' "Change data through loading" page documents
 * it: `__op` upsert/delete (constant mapping or a column of 0/1), partial_update with `columns`,
 * merge_condition, JSON objects carrying `__op`, and the connectors' transaction loads with
 * `columns: …,__op`. Also every validation message (StarRocks' FE texts) and the table left
 * unchanged when a load is refused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { basic, httpFollow, startHarness, type Harness, type HttpResult } from './harness.js';

let h: Harness;
const AUTH = { Authorization: basic('root', '') };
let n = 0;

before(async () => {
  h = await startHarness();
  await h.sql('CREATE DATABASE p');
  await h.sql(
    'CREATE TABLE p.dup (id INT, name VARCHAR(20), score INT) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)',
  );
  await h.sql(
    'CREATE TABLE p.check_pk (id INT NOT NULL, name VARCHAR(20), score INT, ver INT, j JSON) PRIMARY KEY(id) DISTRIBUTED BY HASH(id)',
  );
});
after(async () => h.close());

function load(table: string, headers: Record<string, string>, body: string): Promise<HttpResult> {
  return httpFollow(
    'PUT',
    `${h.fe}/api/p/${table}/_stream_load`,
    { ...AUTH, label: `pk${++n}`, ...headers },
    body,
  );
}

function txn(op: string, headers: Record<string, string>, body?: string): Promise<HttpResult> {
  return httpFollow(
    op === 'load' ? 'PUT' : 'POST',
    `${h.fe}/api/transaction/${op}`,
    { ...AUTH, db: 'p', ...headers },
    body,
  );
}

async function rows(sql: string): Promise<unknown[][]> {
  return (await h.sql(sql)).map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v)));
}

async function pkTable(name: string): Promise<void> {
  await h.sql(
    `CREATE TABLE p.${name} (id INT NOT NULL, name VARCHAR(20), score INT DEFAULT '7', ver INT) PRIMARY KEY(id) DISTRIBUTED BY HASH(id)`,
  );
}

function assertFail(r: HttpResult, message: string): void {
  assert.equal(r.status, 200);
  assert.equal(r.json.Status, 'Fail', JSON.stringify(r.json));
  assert.equal(r.json.Message, message);
  assert.equal(r.json.NumberLoadedRows, 0);
}

describe('__op, partial_update, merge_condition: validation (StarRocks FE texts)', () => {
  test('refused before the body is read; the table is unchanged', async () => {
    await h.sql("INSERT INTO p.check_pk VALUES (1, 'a', 1, 1, NULL)");
    const cases: [string, Record<string, string>, string][] = [
      [
        'dup',
        { partial_update: 'true', columns: 'id,name' },
        'Only primary key table support partial update',
      ],
      ['dup', { merge_condition: 'score' }, 'Conditional update only support primary key table dup'],
      ['check_pk', { partial_update: 'yes' }, 'Invalid partial update flag format. Must be bool type'],
      ['check_pk', { merge_condition: 'id' }, 'Merge condition column id should not be primary key!'],
      [
        'check_pk',
        { merge_condition: 'name' },
        'Merge condition column has invalid type maybe bitmap/hll/percentile/json/varchar!',
      ],
      [
        'check_pk',
        { merge_condition: 'j' },
        'Merge condition column has invalid type maybe bitmap/hll/percentile/json/varchar!',
      ],
      [
        'check_pk',
        { merge_condition: 'nope' },
        'Merge condition column nope does not exist. If you are doing partial update with condition update, please check condition column is in the given update columns. Otherwise please check condition column is in table check_pk',
      ],
      [
        'check_pk',
        { partial_update: 'true', columns: 'id,name', merge_condition: 'ver' },
        'Merge condition column ver does not exist. If you are doing partial update with condition update, please check condition column is in the given update columns. Otherwise please check condition column is in table check_pk',
      ],
      [
        'check_pk',
        { partial_update: 'true', columns: 'name,score' },
        'key column id not in partial update columns',
      ],
      ['check_pk', { columns: "id,name,__op='bogus'" }, 'load op type string not supported: bogus'],
      [
        'check_pk',
        { columns: 'id,name,__op=1.5' },
        'const load op type column should only be upsert(0)/delete(1)',
      ],
    ];
    for (const [table, headers, message] of cases) {
      const r = await load(table, { column_separator: ',', ...headers }, '1,b,2,2,null\n');
      assertFail(r, message);
    }
    assert.deepEqual(await rows('SELECT id, name, score, ver FROM p.check_pk'), [[1, 'a', 1, 1]]);
  });

  test('__op on a DUPLICATE KEY table is an ignored source column (StarRocks: only PRIMARY KEY reads it)', async () => {
    const r = await load('dup', { column_separator: ',', columns: 'id,name,score,__op' }, '1,x,5,1\n');
    assert.equal(r.json.Status, 'Success', JSON.stringify(r.json));
    assert.equal(r.json.NumberLoadedRows, 1);
    assert.deepEqual(await rows('SELECT id, name, score FROM p.dup'), [[1, 'x', 5]]);
  });
});

describe('PRIMARY KEY loads (docs: Change data through loading)', () => {
  test('UPSERT, DELETE by constant __op, and a mixed file with an __op column', async () => {
    await pkTable('t_op');
    const up = await load(
      't_op',
      { column_separator: ',', columns: "id,name,score,__op='upsert'" },
      '101,Lily,100\n102,Rose,100\n',
    );
    assert.equal(up.json.Status, 'Success', JSON.stringify(up.json));
    assert.equal(up.json.NumberLoadedRows, 2);
    const again = await load('t_op', { column_separator: ',' }, '101,Lily,99,2\n103,Alice,90,1\n');
    assert.equal(again.json.Status, 'Success', JSON.stringify(again.json));
    assert.deepEqual(await rows('SELECT id, name, score FROM p.t_op ORDER BY id'), [
      [101, 'Lily', 99],
      [102, 'Rose', 100],
      [103, 'Alice', 90],
    ]);
    const del = await load(
      't_op',
      { column_separator: ',', columns: "id,name,score,__op='delete'" },
      '102,Rose,100\n',
    );
    assert.equal(del.json.Status, 'Success', JSON.stringify(del.json));
    assert.equal(del.json.NumberLoadedRows, 1);
    assert.deepEqual(await rows('SELECT id FROM p.t_op ORDER BY id'), [[101], [103]]);
    // example3: the last column says what to do with each row (0 upsert, 1 delete).
    const mixed = await load(
      't_op',
      { column_separator: ',', columns: 'id,name,score,__op' },
      '101,Tom,100,1\n104,Bob,80,0\n103,Alice,91,0\n',
    );
    assert.equal(mixed.json.Status, 'Success', JSON.stringify(mixed.json));
    assert.equal(mixed.json.NumberTotalRows, 3);
    assert.equal(mixed.json.NumberLoadedRows, 3);
    assert.deepEqual(await rows('SELECT id, name, score FROM p.t_op ORDER BY id'), [
      [103, 'Alice', 91],
      [104, 'Bob', 80],
    ]);
  });

  test('partial_update: only the named columns change; new keys take defaults', async () => {
    await pkTable('t_partial');
    await h.sql("INSERT INTO p.t_partial VALUES (1, 'a', 10, 1), (2, 'b', 20, 1)");
    const r = await load(
      't_partial',
      { column_separator: ',', partial_update: 'true', partial_update_mode: 'row', columns: 'id,name' },
      '1,A\n3,C\n',
    );
    assert.equal(r.json.Status, 'Success', JSON.stringify(r.json));
    assert.equal(r.json.NumberLoadedRows, 2);
    assert.deepEqual(await rows('SELECT id, name, score, ver FROM p.t_partial ORDER BY id'), [
      [1, 'A', 10, 1],
      [2, 'b', 20, 1],
      [3, 'C', 7, null],
    ]);
    const column = await load(
      't_partial',
      { column_separator: ',', partial_update: 'true', partial_update_mode: 'column', columns: 'id,score' },
      '2,21\n',
    );
    assert.equal(column.json.Status, 'Success', JSON.stringify(column.json));
    assert.deepEqual(await rows('SELECT id, name, score FROM p.t_partial WHERE id = 2'), [[2, 'b', 21]]);
  });

  test('merge_condition: a row replaces the stored one only when its value is not smaller', async () => {
    await pkTable('t_merge');
    await h.sql("INSERT INTO p.t_merge VALUES (1, 'a', 10, 5), (2, 'b', 20, 5)");
    const r = await load(
      't_merge',
      { column_separator: ',', merge_condition: 'ver' },
      '1,old,11,4\n2,new,21,6\n3,c,30,1\n',
    );
    assert.equal(r.json.Status, 'Success', JSON.stringify(r.json));
    assert.deepEqual(await rows('SELECT id, name, score, ver FROM p.t_merge ORDER BY id'), [
      [1, 'a', 10, 5],
      [2, 'new', 21, 6],
      [3, 'c', 30, 1],
    ]);
  });

  test('JSON objects carry __op themselves (missing: upsert)', async () => {
    await pkTable('t_json');
    await h.sql("INSERT INTO p.t_json VALUES (1, 'a', 10, 1), (2, 'b', 20, 1)");
    const r = await load(
      't_json',
      { format: 'json', strip_outer_array: 'true' },
      '[{"id":1,"__op":1},{"id":2,"name":"B","score":21},{"id":3,"name":"c","score":3,"__op":0}]',
    );
    assert.equal(r.json.Status, 'Success', JSON.stringify(r.json));
    assert.equal(r.json.NumberLoadedRows, 3);
    assert.deepEqual(await rows('SELECT id, name, score FROM p.t_json ORDER BY id'), [
      [2, 'B', 21],
      [3, 'c', 3],
    ]);
  });

  test('transaction Stream Load with columns `…,__op` (Flink/Spark connectors): deletes apply at commit', async () => {
    await pkTable('t_txn');
    await h.sql("INSERT INTO p.t_txn VALUES (1, 'a', 10, 1), (2, 'b', 20, 1)");
    const headers = {
      table: 't_txn',
      label: 'pk_txn_1',
      column_separator: ',',
      columns: '`id`,`name`,`score`,`ver`,`__op`',
    };
    assert.equal((await txn('begin', headers)).json.Status, 'OK');
    assert.equal((await txn('load', headers, '1,a,10,1,1\n3,c,30,1,0\n')).json.Status, 'OK');
    assert.equal((await txn('load', headers, '2,B,22,2,0\n3,C,31,2,0\n')).json.Status, 'OK');
    assert.equal((await txn('prepare', headers)).json.Status, 'OK');
    // Nothing is visible before commit.
    assert.deepEqual(await rows('SELECT id FROM p.t_txn ORDER BY id'), [[1], [2]]);
    const c = await txn('commit', headers);
    assert.equal(c.json.Status, 'OK', JSON.stringify(c.json));
    assert.equal(c.json.NumberLoadedRows, 4);
    assert.deepEqual(await rows('SELECT id, name, score, ver FROM p.t_txn ORDER BY id'), [
      [2, 'B', 22, 2],
      [3, 'C', 31, 2],
    ]);
  });
});
