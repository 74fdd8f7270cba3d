/**
 * The write history behind time travel (`__rockling.row_history`) forgets tables whose storage is
 * gone (DROP TABLE FORCE, temporary tables, the expired recycle bin) when the database opens: it
 * would otherwise grow with every table ever written.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDatabase, type Session } from '../../src/session/index.js';

async function run(s: Session, sql: string): Promise<void> {
  for await (const r of s.query(sql)) if (r.kind === 'rows') for await (const b of r.batches) void b;
}

test('history rows of dropped tables are pruned at start-up; live tables keep theirs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rockling-history-'));
  try {
    let db = await openDatabase({ dataDir: dir });
    let s = await db.openSession({ user: 'root', host: '127.0.0.1', database: null, connectionId: 1 });
    await run(s, 'CREATE DATABASE h');
    for (const t of ['keep', 'gone'])
      await run(s, `CREATE TABLE h.${t} (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)`);
    for (let i = 0; i < 3; i++)
      await run(s, `INSERT INTO h.keep VALUES (${i}); INSERT INTO h.gone VALUES (${i})`);
    const history = async (): Promise<Map<string, number>> => {
      const { rows } = await db.engine.queryAll(
        'SELECT storage_table, count(*) FROM "__rockling"."row_history" GROUP BY 1',
      );
      return new Map(rows.map((r) => [String(r[0]), Number(r[1])]));
    };
    const storageOf = (name: string): string =>
      db.catalog.getEntry('default_catalog', 'h', name)?.storage?.table ?? '?';
    const keep = storageOf('keep');
    const gone = storageOf('gone');
    assert.equal((await history()).get(gone), 3);
    await run(s, 'DROP TABLE h.gone FORCE');
    assert.equal((await history()).get(gone), 3, 'kept until the next start');
    await s.close();
    await db.close();

    db = await openDatabase({ dataDir: dir });
    s = await db.openSession({ user: 'root', host: '127.0.0.1', database: null, connectionId: 1 });
    const after = await history();
    assert.equal(after.get(gone), undefined);
    assert.equal(after.get(keep), 3);
    await run(s, "SELECT * FROM h.keep BEFORE '2999-01-01 00:00:00'"); // time travel still answers
    await s.close();
    await db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
