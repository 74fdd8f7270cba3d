/**
 * kill -9 during concurrent loads, then restart and retry every load with the same label, the
 * way DataX/Flink V1 (plain Stream Load, same label) and the sdk (transaction Stream Load) do:
 * every label's rows are present exactly once, and a load that answered Success is always there.
 * A real `rockling serve` process; the kill moment is random within the loads' lifetime.
 * bench/load/crash.ts runs the same with more moments.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createConnection, type Connection } from 'mysql2/promise';
import { freePort, startRockling, type RocklingServer } from '../../src/testing/index.js';
import { checkAfterRestart, crashMoment, retryLabel, waitForHttp, type LoadSpec } from './crash-support.js';

const MOMENTS = 20;
let server: RocklingServer;
let mysql: Connection;

before(async () => {
  server = await startRockling({
    extraArgs: ['--be-http-port', String(await freePort())],
    startTimeoutMs: 60_000,
  });
  await waitForHttp(server);
  mysql = await createConnection({ host: '127.0.0.1', port: server.port, user: 'root' });
  await mysql.query('CREATE DATABASE crash');
  await mysql.query(
    'CREATE TABLE crash.t (label VARCHAR(64) NOT NULL, seq INT, payload VARCHAR(64)) DUPLICATE KEY(label) DISTRIBUTED BY HASH(label)',
  );
  await mysql.end();
});
after(async () => server.stop());

test(`kill -9 at ${MOMENTS} random moments of concurrent loads; retries by label load exactly once`, async () => {
  const all: LoadSpec[] = [];
  const succeeded = new Set<string>();
  let seed = 12345;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let m = 0; m < MOMENTS; m++) {
    const specs: LoadSpec[] = [0, 1, 2].map((j) => ({
      label: `m${m}_${j}`,
      rows: 4000 + Math.floor(random() * 8000),
      txn: j === 2,
    }));
    all.push(...specs);
    const done = await crashMoment(server, specs, Math.floor(random() * 400));
    for (const l of done) succeeded.add(l);
    await server.restart();
    await waitForHttp(server);
    // Before any retry: every acknowledged load survived, and no load is half there.
    const check = await checkAfterRestart(server, specs, done);
    assert.deepEqual(check.lost, [], `moment ${m}: acknowledged loads lost`);
    assert.deepEqual(check.partial, [], `moment ${m}: loads partly present`);
    for (const s of specs) await retryLabel(server, s);
  }
  mysql = await createConnection({ host: '127.0.0.1', port: server.port, user: 'root' });
  const [rows] = await mysql.query('SELECT label, count(*) AS n FROM crash.t GROUP BY label');
  await mysql.end();
  const counts = new Map(
    (rows as { label: string; n: number | string }[]).map((r) => [r.label, Number(r.n)]),
  );
  for (const s of all)
    assert.equal(counts.get(s.label), s.rows, `label ${s.label}: ${counts.get(s.label)} rows`);
  assert.equal(counts.size, all.length);
  // Some loads must have finished before a kill and some must have been cut, or the test proves little.
  assert.ok(succeeded.size > 0, 'no load answered before a kill');
  assert.ok(succeeded.size < all.length, 'every load finished before its kill');
});
