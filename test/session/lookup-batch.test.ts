/**
 * Concurrent point lookups share queries (src/session/lookup-batch.ts): every lookup must still get
 * exactly its own rows, see every write acknowledged before it was sent, and honour KILL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openDatabase, type Session, type StatementResult } from '../../src/session/index.js';
import type { DatabaseImpl } from '../../src/session/database.js';
import { SqlError } from '../../src/errors/index.js';
import type { CompileContext } from '../../src/analyzer/index.js';
import { compileQuery } from '../../src/codegen/index.js';
import { parseQuery } from '../../src/sql/index.js';
import type { Value } from '../../src/types/index.js';

const num = (v: Value): Value => (typeof v === 'bigint' ? Number(v) : v);

async function rows(result: StatementResult): Promise<Value[][]> {
  assert.equal(result.kind, 'rows');
  const out: Value[][] = [];
  if (result.kind === 'rows') for await (const b of result.batches) for (const r of b) out.push(r.map(num));
  return out;
}

async function run(session: Session, sql: string): Promise<Value[][]> {
  let last: Value[][] = [];
  for await (const r of session.query(sql)) last = r.kind === 'rows' ? await rows(r) : [];
  return last;
}

describe('point lookups sharing queries', () => {
  let db: DatabaseImpl;
  const sessions: Session[] = [];
  const N = 2000;

  before(async () => {
    db = (await openDatabase({ dataDir: ':memory:' })) as unknown as DatabaseImpl;
    for (let i = 0; i < 8; i++)
      sessions.push(
        await db.openSession({ user: 'root', host: '127.0.0.1', database: null, connectionId: i + 1 }),
      );
    const s = sessions[0] as Session;
    await run(
      s,
      `CREATE DATABASE k;
       CREATE TABLE k.p (id BIGINT NOT NULL, name VARCHAR(20), n INT) PRIMARY KEY(id) DISTRIBUTED BY HASH(id);
       CREATE TABLE k.s (code VARCHAR(20) NOT NULL, v INT) PRIMARY KEY(code) DISTRIBUTED BY HASH(code)`,
    );
    await run(
      s,
      `INSERT INTO k.p SELECT g, concat('n', g), g % 7 FROM TABLE(generate_series(1, ${N})) AS t(g)`,
    );
  });
  after(async () => {
    for (const s of sessions) await s.close();
    await db.close();
  });

  test('each of hundreds of concurrent lookups gets its own row (or none)', async () => {
    const full = await Promise.all(
      sessions.map((s) => s.prepare('SELECT id, name, n FROM k.p WHERE id = ?')),
    );
    const keyless = await Promise.all(sessions.map((s) => s.prepare('SELECT n, name FROM k.p WHERE id = ?')));
    const before = { ...db.lookups.counts };
    const jobs: Promise<void>[] = [];
    for (let i = 0; i < 600; i++) {
      const at = i % sessions.length;
      const s = sessions[at] as Session;
      const id = i % 5 === 0 ? 7 : ((i * 7919) % (N + 300)) + 1; // repeats and ids past the end
      const want = id <= N ? [id, `n${id}`, id % 7] : null;
      jobs.push(
        (async () => {
          if (i % 2 === 0) {
            const got = await rows(await s.executePrepared((full[at] as { id: number }).id, [id]));
            assert.deepEqual(got, want === null ? [] : [want], `id ${id}`);
          } else {
            const got = await rows(await s.executePrepared((keyless[at] as { id: number }).id, [id]));
            assert.deepEqual(got, want === null ? [] : [[want[2], want[1]]], `id ${id} (key not selected)`);
          }
        })(),
      );
    }
    await Promise.all(jobs);
    const queries = db.lookups.counts.queries - before.queries;
    const lookups = db.lookups.counts.lookups - before.lookups;
    assert.equal(lookups, 600);
    assert.ok(queries < lookups / 2, `${lookups} lookups ran as ${queries} queries`);
  });

  test('string keys match exactly: case, quotes, NUL, the empty string', async () => {
    const codes = ['a', 'A', "it's", 'x\0y', 'x', 'ü', '', ' a'];
    const s0 = sessions[0] as Session;
    const ins = await s0.prepare('INSERT INTO k.s VALUES (?, ?)');
    for (const [i, c] of codes.entries()) await s0.executePrepared(ins.id, [c, i]);
    const ps = await Promise.all(sessions.map((s) => s.prepare('SELECT code, v FROM k.s WHERE code = ?')));
    const probes = [...codes, 'b', 'x\0', "it''s", 'a '];
    await Promise.all(
      Array.from({ length: 160 }, async (_, i) => {
        const at = i % sessions.length;
        const code = probes[i % probes.length] as string;
        const v = codes.indexOf(code);
        const got = await rows(
          await (sessions[at] as Session).executePrepared((ps[at] as { id: number }).id, [code]),
        );
        assert.deepEqual(got, v < 0 ? [] : [[code, v]], JSON.stringify(code));
      }),
    );
  });

  test('lookups see every write acknowledged before they were sent', async () => {
    const writer = sessions[0] as Session;
    const ps = await Promise.all(sessions.map((s) => s.prepare('SELECT n FROM k.p WHERE id = ?')));
    for (let round = 1; round <= 30; round++) {
      await run(writer, `UPDATE k.p SET n = ${1000 + round} WHERE id = 11`);
      await run(writer, `INSERT INTO k.p VALUES (${N + 5000 + round}, 'new', ${round})`);
      const seen = await Promise.all(
        sessions.flatMap((s, at) => [
          s.executePrepared((ps[at] as { id: number }).id, [11]).then(rows),
          s.executePrepared((ps[at] as { id: number }).id, [N + 5000 + round]).then(rows),
        ]),
      );
      for (const [i, got] of seen.entries()) assert.deepEqual(got, [[i % 2 === 0 ? 1000 + round : round]]);
    }
  });

  test('a killed lookup fails with errno 1317 and leaves the others alone', async () => {
    const s = sessions[1] as Session;
    const p = await s.prepare('SELECT id FROM k.p WHERE id = ?');
    const killed = new AbortController();
    killed.abort();
    await assert.rejects(
      s.executePrepared(p.id, [3], killed.signal).then(rows),
      (e: unknown) => e instanceof SqlError && e.errno === 1317,
    );
    assert.deepEqual(await rows(await s.executePrepared(p.id, [3])), [[3]]);
  });

  test('a timeout ends a lookup with errno 1317, waiting or running, and nothing lingers', async () => {
    const s = sessions[2] as Session & { compileContext(p?: readonly Value[]): { ctx: CompileContext } };
    const shape = (id: number) =>
      compileQuery(parseQuery(`SELECT id, name FROM k.p WHERE id = ${id}`), s.compileContext().ctx, {
        lookup: true,
      });
    const types = shape(1).columns.map((c) => c.type);
    const never = new AbortController().signal;
    // 1 ms: the lookups queued behind the first two time out before they run
    const outcomes = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) => {
        const l = shape(i + 1).lookup;
        assert.ok(l !== null);
        return db.lookups.lookup(l, types, never, 1);
      }),
    );
    const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    assert.ok(failed.length > 100, `${failed.length} of 200 timed out`);
    for (const f of failed) assert.equal((f.reason as SqlError).errno, 1317);
    const l = shape(3).lookup;
    assert.ok(l !== null);
    assert.deepEqual(
      (await db.lookups.lookup(l, types, never, 0)).map((r) => r.map(num)),
      [[3, 'n3']],
    );
  });
});
