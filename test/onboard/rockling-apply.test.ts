/**
 * The seed's plan applied to a real Rockling server (`rockling serve` child process): tables.sql
 * (database, tables, the async MV) and resource-group.sql apply fully and idempotently;
 * `--replication 1` reaches every statement (tables and MVs) of a single-node target; loads.sql
 * creates the Hive catalog and then stops at the first stock load, because reading external
 * catalogs is not implemented yet (the error says so).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { runOnboard } from '../../src/tools/onboard/cli.js';
import { startRockling, type RocklingServer } from '../../src/testing/index.js';
import { GOLDEN_DIR } from './golden.js';

let server: RocklingServer;
const PLAN = join(GOLDEN_DIR, 'seed');

before(async () => {
  server = await startRockling();
});

after(async () => {
  await server?.stop();
});

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runOnboard(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  const conn = await mysql.createConnection(server.url);
  try {
    const [r] = await conn.query(sql);
    return r as Record<string, unknown>[];
  } finally {
    await conn.end();
  }
}

test('seed plan: tables.sql and resource-group.sql apply fully to Rockling, and again change nothing', async () => {
  const files = 'tables.sql,resource-group.sql';
  // No --replication: a single-node target gets replication_num 1 on tables and MVs.
  const first = await cli('apply', PLAN, '--target', server.url, '--files', files);
  assert.equal(first.code, 0, first.err + first.out);
  assert.match(first.out, /note: the target has 1 backend\(s\); replication_num 3 → 1/);
  assert.match(first.out, /tables:user_profile\.mv_user_profile_tag_count: ok/);
  assert.match(first.out, /resources:rg_user_profile_point: ok/);
  assert.match(first.out, /resources:rg_user_profile_complex: ok/);
  assert.match(first.out, /apply finished: 6 ok, 0 skipped/);

  const mv = await rows('SHOW CREATE MATERIALIZED VIEW user_profile.mv_user_profile_tag_count');
  const text = String(mv[0]?.['Create Materialized View']);
  assert.match(text, /"replication_num" = "1"/);
  assert.match(text, /REFRESH ASYNC\nPROPERTIES/);
  const info = await rows(
    "SELECT TABLE_NAME, REFRESH_TYPE, IS_ACTIVE, LAST_REFRESH_STATE FROM information_schema.materialized_views WHERE TABLE_SCHEMA = 'user_profile'",
  );
  assert.deepEqual(info, [
    {
      TABLE_NAME: 'mv_user_profile_tag_count',
      REFRESH_TYPE: 'ASYNC',
      IS_ACTIVE: 'true',
      LAST_REFRESH_STATE: 'SUCCESS',
    },
  ]);
  const table = await rows('SHOW CREATE TABLE user_profile.user_behavior');
  assert.match(String(table[0]?.['Create Table']), /"replication_num" = "1"/);
  const groups = await rows('SHOW RESOURCE GROUPS ALL');
  assert.deepEqual(
    groups.map((g) => `${String(g['name'])} ${String(g['concurrency_limit'])} ${String(g['classifiers'])}`),
    [
      'default_wg null (id=0, weight=0.0)',
      'default_mv_wg null (id=0, weight=0.0)',
      `rg_user_profile_point 40 ${String(groups[2]?.['classifiers'])}`,
      `rg_user_profile_complex 1000 ${String(groups[3]?.['classifiers'])}`,
      `rg_user_profile_complex 1000 ${String(groups[4]?.['classifiers'])}`,
    ],
  );
  assert.match(
    String(groups[2]?.['classifiers']),
    /weight=11\.0, user=user_profile_app, db='user_profile'\)$/,
  );
  assert.match(String(groups[4]?.['classifiers']), /weight=10\.0, db='user_profile'\)$/);

  // The MV holds its query's result and refreshes on demand.
  await rows(
    "INSERT INTO user_profile.user_profile (user_id, city, tag) VALUES (1, 'sh', 'a'), (2, 'sh', 'a'), (3, 'bj', 'b')",
  );
  await rows('REFRESH MATERIALIZED VIEW user_profile.mv_user_profile_tag_count WITH SYNC MODE');
  assert.deepEqual(
    await rows('SELECT tag, city, count_all FROM user_profile.mv_user_profile_tag_count ORDER BY tag'),
    [
      { tag: 'a', city: 'sh', count_all: 2 },
      { tag: 'b', city: 'bj', count_all: 1 },
    ],
  );

  const second = await cli('apply', PLAN, '--target', server.url, '--replication', '1', '--files', files);
  assert.equal(second.code, 0, second.err);
  assert.doesNotMatch(second.out, /: ok/);
  assert.match(second.out, /apply finished: 0 ok, 6 skipped/);
});

test('seed plan: loads.sql creates the Hive catalog, then stops at the first stock load (external reads not implemented)', async () => {
  const run = await cli('apply', PLAN, '--target', server.url, '--replication', '1', '--files', 'loads.sql');
  assert.equal(run.code, 1);
  assert.match(run.out, /loads:catalog hive_user_profile: ok/);
  assert.match(run.err, /apply stopped at loads\.sql:\d+ \(loads:stock_user_profile_01_of_52\)/);
  assert.match(
    run.err,
    /ERROR 1235 \(42000\): not supported: reading tables of external catalog 'hive_user_profile' \(type hive\)/,
  );
  const catalogs = await rows('SHOW CATALOGS');
  assert.deepEqual(
    catalogs.map((c) => [c['Catalog'], c['Type']]),
    [
      ['default_catalog', 'Internal'],
      ['hive_user_profile', 'Hive'],
    ],
  );
  const again = await cli(
    'apply',
    PLAN,
    '--target',
    server.url,
    '--replication',
    '1',
    '--files',
    'loads.sql',
  );
  assert.match(again.out, /loads:catalog hive_user_profile: already there/);
});
