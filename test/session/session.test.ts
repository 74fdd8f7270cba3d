import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { open, type RocklingDb } from '../../src/index.js';
import { openDatabase, type Database, type Session, type StatementResult } from '../../src/session/index.js';
import { T, type Value } from '../../src/types/index.js';

async function rows(result: StatementResult): Promise<Value[][]> {
  assert.equal(result.kind, 'rows');
  const out: Value[][] = [];
  if (result.kind === 'rows') for await (const b of result.batches) for (const r of b) out.push([...r]);
  return out;
}

async function all(session: Session, sql: string): Promise<StatementResult[]> {
  const out: StatementResult[] = [];
  for await (const r of session.query(sql)) out.push(r);
  return out;
}

describe('sessions over one database', () => {
  let db: Database;
  let a: Session;
  let b: Session;
  before(async () => {
    db = await openDatabase({ dataDir: ':memory:' });
    a = await db.openSession({ user: 'root', host: '10.0.0.1', database: null, connectionId: 11 });
    b = await db.openSession({ user: 'root', host: '10.0.0.2', database: null, connectionId: 12 });
    await all(
      a,
      'CREATE DATABASE s; CREATE TABLE s.t (id INT NOT NULL, name VARCHAR(10)) PRIMARY KEY(id) DISTRIBUTED BY HASH(id)',
    );
    await all(a, "INSERT INTO s.t VALUES (1, 'a'), (2, 'b')");
  });
  after(async () => {
    await db.close();
  });

  test('root with an empty password exists; other users do not', async () => {
    assert.deepEqual(await db.lookupUser('root', '127.0.0.1'), {
      user: 'root',
      host: '%',
      passwordDoubleSha1: null,
    });
    assert.equal(await db.lookupUser('nobody', '127.0.0.1'), null);
  });

  test('several statements yield several results in order', async () => {
    const results = await all(a, 'SELECT 1; SET @x = 5; SELECT @x + 1');
    assert.deepEqual(
      results.map((r) => r.kind),
      ['rows', 'ok', 'rows'],
    );
    assert.deepEqual(await rows(results[2]!), [[6]]);
  });

  test('a failing statement stops the rest and leaves the session usable', async () => {
    await assert.rejects(
      all(a, 'SET @y = 1; SELECT * FROM nowhere.t; SET @y = 2'),
      (e: { errno: number }) => e.errno === 5501,
    );
    const [r] = await all(a, 'SELECT @y');
    assert.deepEqual(await rows(r!), [[1]]);
    assert.equal(a.status.warningCount, 0);
  });

  test('binary-protocol prepare knows the columns; execute takes typed parameters and re-executes', async () => {
    const info = await a.prepare('SELECT id, name FROM s.t WHERE id >= ? ORDER BY id');
    assert.equal(info.paramCount, 1);
    assert.deepEqual(
      info.columns.map((c) => [c.name, c.type.kind]),
      [
        ['id', 'int'],
        ['name', 'varchar'],
      ],
    );
    assert.deepEqual(await rows(await a.executePrepared(info.id, [2])), [[2, 'b']]);
    assert.deepEqual(await rows(await a.executePrepared(info.id, [1n])), [
      [1, 'a'],
      [2, 'b'],
    ]);
    await assert.rejects(a.executePrepared(info.id, []), (e: { errno: number }) => e.errno === 1210);
    a.closePrepared(info.id);
    await assert.rejects(a.executePrepared(info.id, [1]), (e: { errno: number }) => e.errno === 1243);
    const ins = await a.prepare('INSERT INTO s.t VALUES (?, ?)');
    const ok = await a.executePrepared(ins.id, [3, null]);
    assert.equal(ok.kind === 'ok' && ok.affectedRows, 1);
  });

  test('COM_FIELD_LIST describes the columns of a table in the current database', async () => {
    await a.useDatabase('s');
    const fields = await a.fieldList('t', '');
    assert.deepEqual(
      fields.map((f) => [f.name, f.type.kind, f.nullable, f.primaryKey ?? false, f.table, f.db]),
      [
        ['id', 'int', false, true, 't', 's'],
        ['name', 'varchar', true, false, 't', 's'],
      ],
    );
    assert.deepEqual(
      (await a.fieldList('t', 'na%')).map((f) => f.name),
      ['name'],
    );
    await assert.rejects(a.fieldList('nope', ''), (e: { errno: number }) => e.errno === 1146);
  });

  test('COM_INIT_DB accepts catalog.db and rejects unknown names', async () => {
    await b.useDatabase('default_catalog.s');
    assert.equal(b.currentDb, 's');
    await assert.rejects(b.useDatabase('nope'), (e: { errno: number }) => e.errno === 1049);
    await assert.rejects(b.useDatabase('hive.s'), /Unknown catalog 'hive'/);
  });

  test('status flags follow autocommit and BEGIN/COMMIT', async () => {
    assert.deepEqual(b.status, { autocommit: true, inTransaction: false, warningCount: 0 });
    await all(b, 'SET autocommit = 0; BEGIN');
    assert.equal(b.status.autocommit, false);
    assert.equal(b.status.inTransaction, true);
    await all(b, 'ROLLBACK; SET autocommit = 1');
    assert.deepEqual(b.status, { autocommit: true, inTransaction: false, warningCount: 0 });
  });

  test('SHOW PROCESSLIST lists every session; KILL QUERY interrupts another session', async () => {
    const list = await rows((await all(b, 'SHOW FULL PROCESSLIST'))[0]!);
    assert.deepEqual(
      list.map((r) => [r[0], r[2], r[4]]),
      [
        ['11', '10.0.0.1', 'Sleep'],
        ['12', '10.0.0.2', 'Query'],
      ],
    );
    await all(a, 'CREATE TABLE s.k (n INT); INSERT INTO s.k SELECT 1 FROM s.t a, s.t b, s.t c');
    await all(a, 'INSERT INTO s.k SELECT a.n FROM s.k a, s.k b, s.k c');
    const slow = (async () => {
      for await (const r of a.query('SELECT count(*) FROM s.k a, s.k b, s.k c, s.k d, s.k e')) {
        await rows(r);
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    await all(b, 'KILL QUERY 11');
    await assert.rejects(slow, (e: { errno: number }) => e.errno === 1317);
    const [r] = await all(a, 'SELECT 1');
    assert.deepEqual(await rows(r!), [[1]]);
    await assert.rejects(all(b, 'KILL 999'), (e: { errno: number }) => e.errno === 1094);
  });

  test('KILL CONNECTION reaches the connection through onKill', async () => {
    const killed: boolean[] = [];
    const c = await db.openSession({
      user: 'root',
      host: 'h',
      database: null,
      connectionId: 13,
      onKill: (q) => killed.push(q),
    });
    assert.equal(db.kill(13, false), true);
    assert.deepEqual(killed, [false]);
    await c.close();
    assert.equal(db.kill(13, false), false);
  });

  test('reset() restores variables and drops prepared statements', async () => {
    await all(b, "SET time_zone = '+01:00'; SET @v = 1");
    const p = await b.prepare('SELECT 1');
    await b.reset();
    const [r] = await all(b, 'SELECT @@time_zone, @v');
    assert.deepEqual(await rows(r!), [['Asia/Shanghai', null]]);
    await assert.rejects(b.executePrepared(p.id, []), (e: { errno: number }) => e.errno === 1243);
  });

  test('SHOW TABLE STATUS has MySQL columns and the table creation time', async () => {
    const [r] = await all(b, "SHOW TABLE STATUS FROM s LIKE 't'");
    assert.equal(r?.kind, 'rows');
    if (r?.kind !== 'rows') return;
    assert.deepEqual(
      r.columns.map((c) => c.name),
      [
        'Name',
        'Engine',
        'Version',
        'Row_format',
        'Rows',
        'Avg_row_length',
        'Data_length',
        'Max_data_length',
        'Index_length',
        'Data_free',
        'Auto_increment',
        'Create_time',
        'Update_time',
        'Check_time',
        'Collation',
        'Checksum',
        'Create_options',
        'Comment',
      ],
    );
    const [row] = await rows(r);
    assert.equal(row?.[0], 't');
    assert.match(String(row?.[11]), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  test('COM_STATISTICS text', () => {
    assert.match(b.statistics(), /^Uptime: \d+ {2}Threads: \d+ {2}Questions: \d+/);
  });

  test('result columns carry StarRocks types and origins', async () => {
    const [r] = await all(b, 'SELECT id, name, 1.5 AS x FROM s.t WHERE id = 1');
    assert.equal(r?.kind, 'rows');
    if (r?.kind !== 'rows') return;
    assert.deepEqual(r.columns[0], {
      name: 'id',
      type: T.int,
      nullable: false,
      orgName: 'id',
      table: 't',
      orgTable: 't',
      db: 's',
    });
    assert.deepEqual(r.columns[2]?.type, T.decimal(2, 1));
    await rows(r);
  });
});

describe('in-process API', () => {
  let db: RocklingDb;
  before(async () => {
    db = await open(':memory:');
  });
  after(async () => {
    await db.close();
  });

  test('query returns the last statement with all rows; sessions are independent', async () => {
    const r = await db.query(
      'CREATE DATABASE api; CREATE TABLE api.t (a INT); INSERT INTO api.t VALUES (1), (2); SELECT sum(a) FROM api.t',
    );
    assert.deepEqual(r.rows, [[3n]]);
    const ins = await db.query('INSERT INTO api.t VALUES (3)');
    assert.equal(ins.affectedRows, 1);
    assert.match(ins.info, /^\{'label':'insert_[0-9a-f]+', 'status':'VISIBLE', 'txnId':'\d+'\}$/);
    const s1 = await db.session({ database: 'api' });
    await s1.query('SET @k = 10');
    const s2 = await db.session();
    assert.deepEqual((await s1.query('SELECT @k, DATABASE()')).rows, [[10, 'api']]);
    assert.deepEqual((await s2.query('SELECT @k, DATABASE()')).rows, [[null, null]]);
    const results = await s1.queryAll('SELECT 1; SELECT 2');
    assert.deepEqual(
      results.map((x) => x.rows),
      [[[1]], [[2]]],
    );
    await s1.close();
    await s2.close();
  });
});
