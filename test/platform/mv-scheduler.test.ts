/**
 * Asynchronous MV refresh on a schedule, driven by a manual clock: nothing happens before the
 * period is over, one refresh per period (missed periods collapse), the refresh record carries the
 * clock's times, a failing refresh is recorded and leaves the old rows, and resource-group
 * concurrency_limit holds a slot until a result has been read.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { MvClock } from '../../src/catalog/mv/index.js';
import type { StatementResult } from '../../src/session/api.js';
import { openDatabase } from '../../src/session/index.js';
import { openPlatform, platformOf } from '../../src/session/exec-mv.js';
import type { SessionImpl } from '../../src/session/session.js';

const dir = mkdtempSync(join(tmpdir(), 'rockling-mv-'));
let db: Awaited<ReturnType<typeof openDatabase>>;
let s: SessionImpl;
let now = new Date(2030, 0, 1, 8, 0, 0).getTime();
const clock: MvClock = { now: () => now, every: () => () => undefined };

before(async () => {
  db = await openDatabase({ dataDir: dir });
  await openPlatform(db, clock);
  s = await db.openInternalSession();
});

after(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function rows(session: SessionImpl, sql: string): Promise<unknown[][]> {
  const out: unknown[][] = [];
  for await (const r of session.query(sql))
    if (r.kind === 'rows') for await (const b of r.batches) out.push(...b.map((x) => [...x]));
  return out;
}

const tick = (): Promise<number> => platformOf(db).scheduler.tick();

test('EVERY (INTERVAL 1 MINUTE): refreshed once per period on the clock, never in between', async () => {
  await rows(s, 'CREATE DATABASE m');
  await rows(s, 'CREATE TABLE m.t (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)');
  await rows(s, 'INSERT INTO m.t VALUES (1, 1), (2, 2)');
  await rows(
    s,
    'CREATE MATERIALIZED VIEW m.mv DISTRIBUTED BY HASH(n) REFRESH ASYNC EVERY (INTERVAL 1 MINUTE) AS SELECT count(*) AS n, sum(v) AS total FROM m.t',
  );
  assert.deepEqual(await rows(s, 'SELECT n, total FROM m.mv'), [[2n, 3n]]);
  await rows(s, 'INSERT INTO m.t VALUES (3, 3)');

  now += 30_000;
  assert.equal(await tick(), 0);
  assert.deepEqual(await rows(s, 'SELECT n, total FROM m.mv'), [[2n, 3n]]);

  now += 31_000; // 61 s after creation: the first slot (creation + 60 s) has passed
  assert.equal(await tick(), 1);
  assert.deepEqual(await rows(s, 'SELECT n, total FROM m.mv'), [[3n, 6n]]);
  assert.equal(await tick(), 0, 'one refresh per period');
  const [info] = await rows(
    s,
    "SELECT LAST_REFRESH_START_TIME, LAST_REFRESH_STATE FROM information_schema.materialized_views WHERE TABLE_NAME = 'mv'",
  );
  assert.deepEqual(info, ['2030-01-01 08:01:01', 'SUCCESS']);

  now += 10 * 60_000; // ten periods missed: one refresh
  await rows(s, 'INSERT INTO m.t VALUES (4, 4)');
  assert.equal(await tick(), 1);
  assert.equal(await tick(), 0);
  assert.deepEqual(await rows(s, 'SELECT n, total FROM m.mv'), [[4n, 10n]]);
});

test('a failing scheduled refresh is recorded, keeps the old rows and makes the MV inactive', async () => {
  await rows(s, 'ALTER TABLE m.t RENAME t_old'); // the MV's query no longer binds
  now += 60_000;
  assert.equal(await tick(), 1);
  assert.deepEqual(await rows(s, 'SELECT n, total FROM m.mv'), [[4n, 10n]]);
  const [info] = await rows(
    s,
    "SELECT IS_ACTIVE, LAST_REFRESH_STATE, LAST_REFRESH_ERROR_MESSAGE FROM information_schema.materialized_views WHERE TABLE_NAME = 'mv'",
  );
  assert.equal(info?.[0], 'false');
  assert.equal(info?.[1], 'FAILED');
  assert.match(String(info?.[2]), /Unknown table/);
  now += 60_000;
  assert.equal(await tick(), 0, 'inactive MVs are not scheduled');
});

test('DROP TABLE makes the MVs built on it inactive at once (base-table dropped), unscheduled', async () => {
  await rows(s, 'CREATE TABLE m.b (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)');
  await rows(s, 'INSERT INTO m.b VALUES (1, 5)');
  await rows(
    s,
    'CREATE MATERIALIZED VIEW m.mvb DISTRIBUTED BY HASH(k) REFRESH ASYNC EVERY (INTERVAL 1 MINUTE) AS SELECT k, sum(v) AS total FROM m.b GROUP BY k',
  );
  await rows(s, 'DROP TABLE m.b');
  const [info] = await rows(
    s,
    "SELECT IS_ACTIVE, INACTIVE_REASON, LAST_REFRESH_STATE FROM information_schema.materialized_views WHERE TABLE_NAME = 'mvb'",
  );
  assert.deepEqual(info?.slice(0, 2), ['false', 'base-table dropped: b']);
  now += 120_000;
  assert.equal(await tick(), 0, 'inactive MVs are not scheduled');
  assert.deepEqual(await rows(s, 'SELECT k, total FROM m.mvb'), [[1, 5n]], 'the old rows stay');
});

test('resource group concurrency_limit: a second query fails while the first result is unread', async () => {
  await rows(s, 'CREATE TABLE m.c (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)');
  await rows(s, 'INSERT INTO m.c VALUES (1), (2)');
  await rows(s, 'CREATE USER bi IDENTIFIED BY "pw"');
  await rows(s, 'GRANT SELECT ON ALL TABLES IN DATABASE m TO USER bi');
  await rows(
    s,
    `CREATE RESOURCE GROUP rg_bi TO (user='bi') WITH ('cpu_weight' = '1', 'mem_limit' = '10%', 'concurrency_limit' = '1')`,
  );
  const open = async (id: number): Promise<SessionImpl> =>
    (await db.openSession({ user: 'bi', host: '127.0.0.1', database: 'm', connectionId: id })) as SessionImpl;
  const a = await open(9001);
  const b = await open(9002);
  const first = (await a.query('SELECT k FROM c ORDER BY k')[Symbol.asyncIterator]().next())
    .value as StatementResult;
  assert.equal(first.kind, 'rows');
  await assert.rejects(rows(b, 'SELECT k FROM c'), /Exceed concurrency limit: 1 .* of resource group rg_bi/);
  let read = 0;
  if (first.kind === 'rows') for await (const batch of first.batches) read += batch.length; // frees the slot
  assert.equal(read, 2);
  assert.deepEqual(await rows(b, 'SELECT k FROM c ORDER BY k'), [[1], [2]]);
  await assert.rejects(rows(b, 'INSERT INTO c VALUES (3)'), /INSERT privilege\(s\) on TABLE c/);
  await assert.rejects(rows(b, "CREATE USER x IDENTIFIED BY 'y'"), /GRANT privilege\(s\) on SYSTEM/);
  await a.close();
  await b.close();
});

test('REFRESH ASYNC without EVERY: an INSERT into a base table refreshes the MV in the background', async () => {
  await rows(s, 'CREATE TABLE m.base (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)');
  await rows(s, 'INSERT INTO m.base VALUES (1, 10)');
  await rows(
    s,
    'CREATE MATERIALIZED VIEW m.on_change DISTRIBUTED BY HASH(n) REFRESH ASYNC AS SELECT count(*) AS n, sum(v) AS total FROM m.base',
  );
  await rows(s, 'CREATE MATERIALIZED VIEW m.manual REFRESH MANUAL AS SELECT count(*) AS n FROM m.base');
  await rows(s, 'INSERT INTO m.base VALUES (2, 20), (3, 30)');
  await platformOf(db).scheduler.idle();
  assert.deepEqual(await rows(s, 'SELECT n, total FROM m.on_change'), [[3n, 60n]]);
  assert.deepEqual(await rows(s, 'SELECT n FROM m.manual'), [[1n]], 'MANUAL MVs wait for REFRESH');
  assert.equal(await tick(), 0, 'no schedule without EVERY');
});
