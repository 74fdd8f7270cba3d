/**
 * The seed's plan applied to a real Rockling server (`rockling serve` child process): tables.sql
 * (database, tables, the async MV) and resource-group.sql apply fully and idempotently;
 * `--replication 1` reaches every statement (tables and MVs) of a single-node target; loads.sql
 * applies end to end — the Hive catalog (its metastore is a TEST DOUBLE serving a Parquet table,
 * since no real Hive Metastore can run here), the 52 labelled stock loads, the Routine Load from
 * the kcat mock Kafka cluster — with `--set` pointing the plan's production endpoints at them.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { runOnboard } from '../../src/tools/onboard/cli.js';
import { startKafkaMock, startRockling, type RocklingServer } from '../../src/testing/index.js';
import { startHmsDouble } from '../lakehouse/support/hms-double.js';
import { USER_PROFILE_COLUMNS, userProfileSql, writeParquet } from '../lakehouse/support/parquet.js';
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

/** Poll `sql` until `done` holds for its rows (Routine Load commits asynchronously). */
async function waitFor(
  sql: string,
  done: (r: Record<string, unknown>[]) => boolean,
  ms = 20_000,
): Promise<Record<string, unknown>[]> {
  const end = Date.now() + ms;
  for (;;) {
    const r = await rows(sql);
    if (done(r) || Date.now() > end) return r;
    await new Promise((x) => setTimeout(x, 200));
  }
}

const HIVE_ROWS = 2080;

test('seed plan: loads.sql applies end to end — Hive catalog, 52 labelled stock loads, Routine Load; a re-run skips everything', async () => {
  // The stock data: ods.user_profile as Parquet, served by the Hive Metastore TEST DOUBLE
  // (test/lakehouse/support/hms-double.ts; no real HMS can run here). The plan's production values
  // (thrift://hive-metastore:9083, kafka-1:9092,…) are pointed at the test doubles with --set.
  const dir = mkdtempSync(join(tmpdir(), 'rockling-onboard-hive-'));
  const [hms, kafka] = await Promise.all([
    startHmsDouble([
      {
        db: 'ods',
        name: 'user_profile',
        columns: USER_PROFILE_COLUMNS,
        location: `file://${dir}/user_profile`,
      },
    ]),
    startKafkaMock(),
    writeParquet(join(dir, 'user_profile/000000_0'), userProfileSql(0, 1000)),
    writeParquet(join(dir, 'user_profile/000001_0'), userProfileSql(1000, HIVE_ROWS - 1000)),
  ]);
  try {
    const now = new Date();
    const at = (min: number): string =>
      new Date(now.getTime() - min * 60_000).toISOString().replace('T', ' ').slice(0, 19);
    await kafka.produce(
      'user_behavior_log',
      [1, 2, 3, 4, 5].map((i) =>
        JSON.stringify({
          user_id: i,
          event_time: at(i),
          event_type: 'click',
          item_id: 100 + i,
          city: 'sh',
          properties: { page: `p${i}` },
        }),
      ),
    );
    const sets = ['--set', `hive.metastore.uris=${hms.uri}`, '--set', `kafka_broker_list=${kafka.bootstrap}`];
    const run = await cli('apply', PLAN, '--target', server.url, '--files', 'loads.sql', ...sets);
    assert.equal(run.code, 0, run.err + run.out);
    assert.match(run.out, /note: --set hive\.metastore\.uris replaces 1 value\(s\)/);
    assert.match(run.out, /note: --set kafka_broker_list replaces 1 value\(s\)/);
    assert.match(run.out, /loads:catalog hive_user_profile: ok/);
    assert.equal(run.out.match(/loads:stock_user_profile_\d\d_of_52: ok/g)?.length, 52);
    assert.match(run.out, /loads:user_profile\.rl_user_behavior_user_behavior_log: ok/);
    assert.match(run.out, /apply finished: 54 ok, 0 skipped/);

    // Every Hive row arrived once, unchanged (the first test's rows 1 and 3 stay; 2 was upserted).
    assert.deepEqual(await rows('SELECT count(*) AS n FROM hive_user_profile.ods.user_profile'), [
      { n: HIVE_ROWS },
    ]);
    assert.deepEqual(
      await rows(
        'SELECT count(*) AS n FROM user_profile.user_profile u JOIN hive_user_profile.ods.user_profile h ' +
          'ON u.user_id = h.user_id AND u.city = h.city AND u.tag = h.tag AND u.age = h.age AND u.register_time = h.register_time',
      ),
      [{ n: HIVE_ROWS }],
    );
    assert.deepEqual(await rows('SELECT count(*) AS n FROM user_profile.user_profile'), [
      { n: HIVE_ROWS + 2 },
    ]);
    // The Routine Load consumes the topic from the beginning into user_behavior.
    const behaviour = await waitFor(
      'SELECT count(*) AS n, sum(item_id) AS s FROM user_profile.user_behavior',
      (r) => Number(r[0]?.['n']) >= 5,
    );
    assert.deepEqual(behaviour, [{ n: 5, s: 515 }]);
    const job = await rows('SHOW ROUTINE LOAD FOR user_profile.rl_user_behavior_user_behavior_log');
    assert.equal(job[0]?.['State'], 'RUNNING');

    // Re-run: nothing changes (catalog and job exist, labels are recorded as loaded).
    const again = await cli('apply', PLAN, '--target', server.url, '--files', 'loads.sql', ...sets);
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /apply finished: 0 ok, 54 skipped/);
    // Another stage has no bookkeeping for the labels: every stock load runs again and the server
    // refuses it ("Label … has already been used"), which apply counts as already there.
    const stage4 = await cli(
      'apply',
      PLAN,
      '--target',
      server.url,
      '--files',
      'loads.sql',
      '--stage',
      '4',
      ...sets,
    );
    assert.equal(stage4.code, 0, stage4.err);
    assert.equal(stage4.out.match(/stock_user_profile_\d\d_of_52: already there/g)?.length, 52);
    assert.match(stage4.out, /apply finished: 0 ok, 54 skipped/);
    assert.deepEqual(await rows('SELECT count(*) AS n FROM user_profile.user_profile'), [
      { n: HIVE_ROWS + 2 },
    ]);
    const events = await rows(
      "SELECT detail FROM rockling_onboarding.events WHERE item = 'loads:stock_user_profile_07_of_52' AND stage = 4",
    );
    assert.match(
      String(events[0]?.['detail']),
      /Label \[stock_user_profile_07_of_52\] has already been used/,
    );

    // A --set key the plan does not have is refused before anything runs.
    const typo = await cli(
      'apply',
      PLAN,
      '--target',
      server.url,
      '--files',
      'loads.sql',
      '--set',
      'hive.metastore.uri=x',
    );
    assert.equal(typo.code, 1);
    assert.match(
      typo.err,
      /--set hive\.metastore\.uri: no statement of the plan has a "hive\.metastore\.uri" property/,
    );
  } finally {
    await rows('STOP ROUTINE LOAD FOR user_profile.rl_user_behavior_user_behavior_log').catch(
      () => undefined,
    );
    await Promise.all([hms.stop(), kafka.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
});
