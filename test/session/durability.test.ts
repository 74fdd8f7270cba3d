/**
 * Crash durability: a child process runs acknowledged INSERTs (plain and labelled), CTAS, DROP
 * TABLE and statements that must fail, and is SIGKILLed at random moments (also during start-up
 * recovery). After every kill the data directory is reopened and checked: every acknowledged
 * statement is fully there, every failed one left no trace, in-flight ones are all-or-nothing,
 * and the catalog agrees with DuckDB's storage (no orphan or missing tables).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Catalog, DEFAULT_CATALOG } from '../../src/catalog/index.js';
import { Engine } from '../../src/engine/index.js';
import { DATABASE_FILE } from '../../src/session/index.js';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'support', 'durability-child.ts');
const ROUNDS = 20;
const BATCH = 50;

/** Small seeded PRNG so a failing run can be reproduced from the printed seed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Ledger {
  readonly begun: Map<string, Set<number>>;
  readonly ok: Map<string, Set<number>>;
  readonly failed: Map<string, Set<number>>;
}

function record(ledger: Ledger, line: string): number | null {
  const m = /^(begin|ok|fail) (\w+) (\d+)$/.exec(line);
  if (m === null) return null;
  const [, what, kind, idText] = m as unknown as [string, 'begin' | 'ok' | 'fail', string, string];
  const map = what === 'begin' ? ledger.begun : what === 'ok' ? ledger.ok : ledger.failed;
  const set = map.get(kind) ?? new Set<number>();
  set.add(Number(idText));
  map.set(kind, set);
  return Number(idText);
}

/** Run the child until it is killed; returns its output lines. */
async function crashRound(dir: string, firstId: number, rnd: () => number): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, String(firstId)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let buffer = '';
  let stderr = '';
  const early = rnd() < 0.2;
  const kill = (): void => {
    child.kill('SIGKILL');
  };
  if (early) setTimeout(kill, 150 + rnd() * 600);
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const l of parts) {
      lines.push(l);
      if (l === 'ready' && !early) setTimeout(kill, 50 + rnd() * 700);
    }
  });
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const code = await new Promise<number | null>((resolve) =>
    child.on('exit', (c, sig) => resolve(sig === 'SIGKILL' ? null : c)),
  );
  assert.equal(code, null, `child exited by itself (${code}): ${stderr}`);
  if (buffer !== '') lines.push(buffer);
  return lines;
}

async function verify(dir: string, ledger: Ledger): Promise<{ batches: number; tables: number }> {
  const engine = await Engine.open({ path: join(dir, DATABASE_FILE) });
  try {
    const catalog = await Catalog.open(engine);
    if (!catalog.databaseExists(DEFAULT_CATALOG, 'crash')) return { batches: 0, tables: 0 };
    const rows = catalog.getTable(DEFAULT_CATALOG, 'crash', 'batches');
    assert.ok(rows?.storage, 'crash.batches exists once created');
    const counts = new Map<number, number>();
    const res = await engine.queryAll(
      `SELECT batch, count(*) FROM "${rows.storage.schema}"."${rows.storage.table}" GROUP BY batch`,
    );
    for (const r of res.rows) counts.set(Number(r[0]), Number(r[1]));
    const get = (k: string, m: Map<string, Set<number>>): Set<number> => m.get(k) ?? new Set();
    for (const kind of ['insert', 'label']) {
      for (const i of get(kind, ledger.ok))
        assert.equal(counts.get(i), BATCH, `acknowledged ${kind} ${i} is complete`);
      for (const i of get(kind, ledger.begun))
        assert.ok([undefined, BATCH].includes(counts.get(i)), `${kind} ${i} is all or nothing`);
    }
    for (const i of get('bad', ledger.begun))
      assert.equal(counts.get(i), undefined, `failed insert ${i} left no rows`);
    assert.equal(get('bad', ledger.ok).size, 0, 'a bad insert never succeeds');
    // Labels commit with their rows.
    const labels = await engine.queryAll('SELECT label FROM __rockling.labels');
    const labelSet = new Set(labels.rows.map((r) => String(r[0])));
    for (const i of get('label', ledger.begun))
      assert.equal(labelSet.has(`lbl_${i}`), counts.has(i), `label ${i} agrees with its rows`);
    // Tables: acknowledged DDL is there, failed DDL is not, catalog and storage agree.
    const tableNames = new Set(catalog.listTables(DEFAULT_CATALOG, 'crash').map((t) => t.name));
    for (const i of get('create', ledger.ok)) {
      if (!get('drop', ledger.begun).has(i))
        assert.ok(tableNames.has(`t_${i}`), `acknowledged CTAS t_${i} exists`);
    }
    for (const i of get('drop', ledger.ok))
      assert.ok(!tableNames.has(`t_${i}`), `acknowledged DROP t_${i} holds`);
    for (const i of get('badddl', ledger.begun))
      assert.ok(!tableNames.has(`bad_${i}`), `failed DDL bad_${i} left nothing`);
    const storage = await engine.queryAll(
      "SELECT schema_name || '.' || table_name FROM duckdb_tables() WHERE regexp_matches(schema_name, '^d[0-9]+$')",
    );
    const actual = new Set(storage.rows.map((r) => String(r[0])));
    const expected = new Set(
      catalog
        .listTables(DEFAULT_CATALOG, 'crash')
        .flatMap((t) => (t.storage ? [`${t.storage.schema}.${t.storage.table}`] : [])),
    );
    assert.deepEqual([...actual].sort(), [...expected].sort(), 'catalog and DuckDB storage agree');
    return { batches: counts.size, tables: tableNames.size };
  } finally {
    await engine.close();
  }
}

test(`kill -9 at ${ROUNDS} random moments loses nothing acknowledged`, { timeout: 170_000 }, async (t) => {
  const seed = Number(process.env.ROCKLING_CRASH_SEED ?? Date.now() % 100000);
  const rnd = prng(seed);
  const dir = mkdtempSync(join(tmpdir(), 'rockling-crash-'));
  const ledger: Ledger = { begun: new Map(), ok: new Map(), failed: new Map() };
  let nextId = 1;
  let acknowledged = 0;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const lines = await crashRound(dir, nextId, rnd);
      for (const l of lines) {
        const id = record(ledger, l);
        if (id !== null) nextId = Math.max(nextId, id + 1);
        if (l.startsWith('ok ')) acknowledged++;
        assert.ok(!l.startsWith('error '), `unexpected failure in the workload (seed ${seed}): ${l}`);
      }
      nextId += 10;
      await verify(dir, ledger);
    }
    const final = await verify(dir, ledger);
    assert.ok(
      acknowledged > ROUNDS,
      `the workload made progress (${acknowledged} acknowledged statements, seed ${seed})`,
    );
    assert.ok(final.batches > 0);
    t.diagnostic(
      `seed ${seed}: ${acknowledged} acknowledged statements, ${final.batches} batches, ${final.tables} tables after ${ROUNDS} kills`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
