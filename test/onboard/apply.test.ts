/**
 * apply / status against a real MariaDB (src/testing harness): a `--dialect mysql` plan applies,
 * re-applying changes nothing (objects nor bookkeeping rows), the first error stops the run with
 * the statement and the server's message, status shows the stages, and a live MySQL source's
 * information_schema supplies columns. StarRocks-only statements are covered by artifacts.test.ts
 * (they parse with Rockling's parser); no StarRocks/Rockling server runs in these tests.
 */
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import mysql from 'mysql2/promise';
import { applyPlan } from '../../src/tools/onboard/apply/apply.js';
import {
  orderStatements,
  placeholders,
  prepare,
  splitSql,
} from '../../src/tools/onboard/apply/statements.js';
import { summarise, formatStatus } from '../../src/tools/onboard/apply/status.js';
import { bookkeepingDdl, type StoredEvent } from '../../src/tools/onboard/bookkeeping.js';
import { runOnboard } from '../../src/tools/onboard/cli.js';
import { checkFormText } from '../../src/tools/onboard/form/index.js';
import { startMariaDb, type MariaDbServer } from '../../src/testing/index.js';
import { FORMS_DIR } from './golden.js';

let db: MariaDbServer;
let dir: string;

before(async () => {
  db = await startMariaDb();
  dir = await mkdtemp(join(tmpdir(), 'rockling-onboard-apply-'));
});

after(async () => {
  await db?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Run the CLI in-process, capturing what it writes. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runOnboard(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

async function count(sql: string): Promise<number> {
  const conn = await mysql.createConnection(db.url);
  try {
    const [rows] = await conn.query(sql);
    return Number((rows as Array<Record<string, unknown>>)[0]?.['n'] ?? 0);
  } finally {
    await conn.end();
  }
}

test('plan --dialect mysql applies to MariaDB; re-applying changes nothing; status shows the stages', async () => {
  const plan = join(dir, 'cdc');
  const planned = await cli('plan', join(FORMS_DIR, 'cdc-orders.yaml'), '-o', plan, '--dialect', 'mysql');
  assert.equal(planned.code, 0, planned.err);
  const first = await cli('apply', plan, '--target', db.url);
  assert.equal(first.code, 0, first.err + first.out);
  assert.match(first.out, /tables:shop_orders\.orders: ok/);
  assert.equal(
    await count("SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'shop_orders'"),
    2,
  );
  const events = await count('SELECT count(*) AS n FROM rockling_onboarding.events');
  assert.equal(events, 4 + 3); // form, assessment, design, resources + database and two tables

  const second = await cli('apply', plan, '--target', db.url);
  assert.equal(second.code, 0, second.err);
  assert.doesNotMatch(second.out, /: ok/);
  assert.match(second.out, /tables:shop_orders\.orders: already there/);
  assert.equal(await count('SELECT count(*) AS n FROM rockling_onboarding.events'), events);

  const status = await cli('status', '--target', db.url);
  assert.equal(status.code, 0, status.err);
  assert.match(status.out, /shop_orders: in stage 3 \(development and testing\)/);
  assert.match(status.out, /stage 1 requirement assessment — done/);
  assert.match(status.out, /\[x\] tables: databases, tables and MVs created \(3 ok\)/);
  assert.match(status.out, /\[ \] validate:/);
});

test('apply stops at the first error with the statement and the server message', async () => {
  const plan = join(dir, 'broken');
  await cp(join(dir, 'cdc'), plan, { recursive: true });
  const manifest = JSON.parse(await readFile(join(plan, 'plan.json'), 'utf8')) as Record<string, unknown>;
  await writeFile(
    join(plan, 'plan.json'),
    JSON.stringify({ ...manifest, business: 'broken_biz', database: 'broken_db' }),
  );
  await writeFile(
    join(plan, 'tables.sql'),
    [
      'CREATE DATABASE IF NOT EXISTS broken_db;',
      '-- a type MariaDB does not know',
      'CREATE TABLE IF NOT EXISTS broken_db.bad (x NOSUCHTYPE);',
      'CREATE TABLE IF NOT EXISTS broken_db.after_bad (x INT);',
    ].join('\n'),
  );
  const lines: string[] = [];
  const result = await applyPlan({
    planDir: plan,
    target: db.url,
    dryRun: false,
    stage: 3,
    vars: new Map(),
    replication: null,
    files: ['tables.sql'],
    log: (l) => lines.push(l),
  });
  assert.equal(result.ok, false);
  assert.equal(result.error?.statement.line, 3);
  assert.equal(result.error?.statement.sql, 'CREATE TABLE IF NOT EXISTS broken_db.bad (x NOSUCHTYPE)');
  assert.match(result.error?.message ?? '', /^ERROR \d+ \(\w+\): .*NOSUCHTYPE/);
  assert.equal(
    await count("SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'broken_db'"),
    0,
  );
  assert.equal(
    await count(
      "SELECT count(*) AS n FROM rockling_onboarding.events WHERE business = 'broken_biz' AND status = 'failed'",
    ),
    1,
  );
  const status = await cli('status', '--target', db.url, 'broken_biz');
  assert.match(status.out, /\[!\] tables: .*ERROR \d+/);
});

test('dry run: order, placeholders, no writes', async () => {
  const lines: string[] = [];
  const result = await applyPlan({
    planDir: join(dir, 'cdc'),
    target: null,
    dryRun: true,
    stage: 3,
    vars: new Map(),
    replication: null,
    files: null,
    log: (l) => lines.push(l),
  });
  assert.ok(result.ok);
  assert.match(lines[0] ?? '', /1\. \[database\] tables:shop_orders/);
  const unordered = [
    { name: 'loads.sql', text: 'CREATE ROUTINE LOAD d.j ON t COLUMNS(a) FROM KAFKA ("kafka_topic" = "x");' },
    {
      name: 'tables.sql',
      text: 'CREATE MATERIALIZED VIEW d.mv AS SELECT 1;\nCREATE TABLE d.t (a INT);\nCREATE DATABASE d;\n-- c;\nINSERT INTO d.t WITH LABEL l1 SELECT 1;',
    },
  ];
  assert.deepEqual(
    orderStatements(unordered, 'd').map((s) => s.kind),
    ['database', 'table', 'mv', 'stock-load', 'routine-load'],
  );
  assert.deepEqual(placeholders('"k" = "${AWS_ACCESS_KEY}", "${AWS_REGION}"'), [
    'AWS_ACCESS_KEY',
    'AWS_REGION',
  ]);
  assert.equal(
    prepare('"replication_num" = "3", "${X}"', new Map([['X', 'y']]), 1),
    '"replication_num" = "1", "y"',
  );
  assert.deepEqual(
    splitSql("SELECT ';' AS a; -- x;\nSELECT 2").map((s) => s.sql),
    ["SELECT ';' AS a", 'SELECT 2'],
  );
});

test('unresolved ${…} placeholders stop apply before anything runs', async () => {
  const plan = join(dir, 'iot');
  assert.equal((await cli('plan', join(FORMS_DIR, 'iot-huge.yaml'), '-o', plan)).code, 0);
  const run = await cli('apply', plan, '--target', db.url, '--files', 'loads.sql');
  assert.equal(run.code, 1);
  assert.match(
    run.err,
    /unresolved placeholders \(pass --var NAME=value\): AWS_ACCESS_KEY, AWS_SECRET_KEY, AWS_REGION/,
  );
});

test('columns from a live MySQL source (information_schema)', async () => {
  const conn = await mysql.createConnection(db.url);
  await conn.query('CREATE DATABASE src');
  await conn.query(
    'CREATE TABLE src.orders (id BIGINT UNSIGNED PRIMARY KEY, shop VARCHAR(20) NOT NULL, amount DECIMAL(10,2), paid TINYINT(1), created DATETIME, note TEXT)',
  );
  await conn.end();
  const form = (await readFile(join(FORMS_DIR, 'tiny-lookup.yaml'), 'utf8'))
    .replace(
      / {2}- name: ip_ranges[\s\S]*?(?=queries:)/,
      `  - name: orders\n    from: app_push\n    sample: "${db.url}/src/orders"\n`,
    )
    .replace(/ {2}- name: ip_lookup[\s\S]*?(?=cluster:)/, '');
  const result = await checkFormText(form, FORMS_DIR);
  assert.deepEqual(
    result.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  const t = result.form?.tables.find((x) => x.name === 'orders');
  assert.deepEqual(
    t?.columns.map((c) => `${c.name} ${c.type}${c.nullable ? '' : ' NOT NULL'}`),
    [
      'id LARGEINT NOT NULL',
      'shop VARCHAR(60) NOT NULL',
      'amount DECIMAL(10,2)',
      'paid BOOLEAN',
      'created DATETIME',
      'note STRING',
    ],
  );
  assert.deepEqual(t?.key, ['id']);
  assert.equal(t?.updates, 'upsert');
});

test('status folds validate/loadtest events into stages 3 and 4', () => {
  const at = (n: number): Date => new Date(Date.UTC(2024, 0, 1, 0, 0, n));
  const ev = (
    stage: 1 | 2 | 3 | 4,
    item: string,
    status: 'ok' | 'failed' | 'skipped',
    n: number,
  ): StoredEvent => ({ business: 'b', stage, item, status, detail: `${item} ${status}`, recordedAt: at(n) });
  const events = [
    ev(1, 'form', 'ok', 1),
    ev(1, 'assessment', 'ok', 2),
    ev(2, 'design', 'ok', 3),
    ev(2, 'resources:rg_b', 'skipped', 4),
    ev(3, 'tables:b.t', 'ok', 5),
    ev(3, 'loads:b.rl', 'ok', 6),
    ev(3, 'validate:b.t', 'failed', 7),
    ev(3, 'validate:b.t', 'ok', 8),
    ev(3, 'loadtest', 'ok', 9),
    ev(4, 'tables:b.t', 'ok', 10),
  ];
  const [b] = summarise(events);
  assert.equal(b?.current, 4);
  assert.deepEqual(
    b?.stages.map((s) => s.done),
    [true, true, true, false],
  );
  assert.match(formatStatus(summarise(events)), /b: in stage 4 \(go-live and operations\)/);
  assert.equal(
    summarise([...events.slice(0, 6), ev(3, 'validate:b.t', 'failed', 7)])[0]?.stages[2]?.items[2]?.state,
    'failed',
  );
  assert.match(
    bookkeepingDdl('starrocks')[1] ?? '',
    /detail VARCHAR\(65533\)[\s\S]*DUPLICATE KEY\(business, stage, item\)/,
  );
});
