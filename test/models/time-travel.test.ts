/**
 * `SELECT … FROM t BEFORE 'datetime'` over the write history (codegen/write-history.ts): rows as of
 * a past moment while a table's rows have only been appended (DUPLICATE inserts, new PRIMARY KEY
 * keys, ADD COLUMN between), the history survives a reopen, and a table whose rows were deleted,
 * updated or upserted refuses rather than answer wrongly. Also: SLEEP(n) really waits.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openDatabase, type DatabaseImpl } from '../../src/session/database.js';
import type { Session } from '../../src/session/index.js';

const dir = mkdtempSync(join(tmpdir(), 'rockling-tt-'));
let db: DatabaseImpl;
let session: Session;

async function open(): Promise<void> {
  db = await openDatabase({ dataDir: dir });
  session = await db.openInternalSession(null);
  await sql("SET time_zone = '+00:00'");
}

async function sql(text: string): Promise<unknown[][]> {
  const rows: unknown[][] = [];
  for await (const r of session.query(text)) {
    if (r.kind === 'rows') for await (const b of r.batches) for (const row of b) rows.push([...row]);
  }
  return rows;
}

/** Now as a UTC datetime text (the session zone is +00:00), after a pause on both sides. */
async function moment(): Promise<string> {
  await new Promise((r) => setTimeout(r, 20));
  const t = new Date().toISOString().replace('T', ' ').replace('Z', '');
  await new Promise((r) => setTimeout(r, 20));
  return t;
}

const ids = (rows: unknown[][]): number[] => rows.map((r) => Number(r[0])).sort((a, b) => a - b);

before(open);
after(async () => {
  await session.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

test('appends: each moment sees the rows written before it, also after ADD COLUMN and a reopen', async () => {
  await sql('CREATE DATABASE tt');
  await sql('USE tt');
  await sql('CREATE TABLE d (k INT, v INT) DUPLICATE KEY(k)');
  await sql('CREATE TABLE p (k INT NOT NULL, v INT) PRIMARY KEY(k) DISTRIBUTED BY HASH(k)');
  const t0 = await moment();
  await sql('INSERT INTO d VALUES (1, 1), (2, 2)');
  await sql('INSERT INTO p VALUES (1, 1)');
  const t1 = await moment();
  await sql('INSERT INTO d VALUES (3, 3)');
  await sql('INSERT INTO p VALUES (2, 2), (3, 3)');
  const t2 = await moment();
  assert.deepEqual(ids(await sql(`SELECT k FROM d BEFORE '${t0}'`)), []);
  assert.deepEqual(ids(await sql(`SELECT k FROM d BEFORE '${t1}'`)), [1, 2]);
  assert.deepEqual(ids(await sql(`SELECT k FROM p BEFORE '${t1}'`)), [1]);
  assert.deepEqual(ids(await sql(`SELECT k FROM p BEFORE '${t2}'`)), [1, 2, 3]);
  await sql('ALTER TABLE d ADD COLUMN w INT DEFAULT "100"');
  assert.deepEqual(await sql(`SELECT k, w FROM d BEFORE '${t1}' ORDER BY k`), [
    [1, 100],
    [2, 100],
  ]);
  await session.close();
  await db.close();
  await open();
  await sql('USE tt');
  assert.deepEqual(ids(await sql(`SELECT k FROM d BEFORE '${t1}'`)), [1, 2]);
  assert.deepEqual(ids(await sql(`SELECT d.k FROM d BEFORE '${t2}' JOIN p ON d.k = p.k`)), [1, 2, 3]);
});

test('a delete, an update or an upsert of an existing key ends time travel on that table', async () => {
  await sql('CREATE TABLE d2 (k INT, v INT) DUPLICATE KEY(k)');
  await sql('CREATE TABLE p2 (k INT NOT NULL, v INT) PRIMARY KEY(k) DISTRIBUTED BY HASH(k)');
  await sql('CREATE TABLE p3 (k INT NOT NULL, v INT) PRIMARY KEY(k) DISTRIBUTED BY HASH(k)');
  await sql('INSERT INTO d2 VALUES (1, 1), (2, 2)');
  await sql('INSERT INTO p2 VALUES (1, 1), (2, 2)');
  await sql('INSERT INTO p3 VALUES (1, 1)');
  const t1 = await moment();
  await sql('DELETE FROM d2 WHERE k = 2');
  await sql('UPDATE p2 SET v = 5 WHERE k = 1');
  await sql('INSERT INTO p3 VALUES (1, 7)');
  for (const t of ['d2', 'p2', 'p3'])
    await assert.rejects(sql(`SELECT * FROM ${t} BEFORE '${t1}'`), /keeps no older row versions/);
});

test('SLEEP(n) waits n seconds', async () => {
  const start = Date.now();
  assert.deepEqual(await sql('SELECT sleep(1)'), [[true]]);
  assert.ok(Date.now() - start >= 950, `slept ${Date.now() - start} ms`);
});
