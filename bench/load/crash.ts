/**
 * The crash test at scale (manual): kill -9 at N random moments of concurrent plain and
 * transaction Stream Loads, restart, retry every label, and check each label's rows are present
 * exactly once and every acknowledged load survived. Usage:
 *   node --import tsx bench/load/crash.ts [--moments 100] [--loads 4]
 */
import { createConnection } from 'mysql2/promise';
import { freePort, startRockling } from '../../src/testing/index.js';
import {
  checkAfterRestart,
  crashMoment,
  retryLabel,
  waitForHttp,
  type LoadSpec,
} from '../../test/load/crash-support.js';

const argv = process.argv.slice(2);
const opt = (name: string, fallback: number): number => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const moments = opt('moments', 100);
const loads = opt('loads', 4);

const server = await startRockling({
  extraArgs: ['--be-http-port', String(await freePort())],
  startTimeoutMs: 60_000,
});
try {
  await waitForHttp(server);
  let mysql = await createConnection({ host: '127.0.0.1', port: server.port, user: 'root' });
  await mysql.query('CREATE DATABASE crash');
  await mysql.query(
    'CREATE TABLE crash.t (label VARCHAR(64) NOT NULL, seq INT, payload VARCHAR(64)) DUPLICATE KEY(label) DISTRIBUTED BY HASH(label)',
  );
  await mysql.end();
  const all: LoadSpec[] = [];
  const acknowledged = new Set<string>();
  const lost: string[] = [];
  const partial: string[] = [];
  let unacknowledgedPresent = 0;
  const started = Date.now();
  for (let m = 0; m < moments; m++) {
    const specs = Array.from({ length: loads }, (_, j): LoadSpec => ({
      label: `m${m}_${j}`,
      rows: 2000 + Math.floor(Math.random() * 20000),
      txn: j % 2 === 1,
    }));
    all.push(...specs);
    const done = await crashMoment(server, specs, Math.floor(Math.random() * 600));
    for (const l of done) acknowledged.add(l);
    await server.restart();
    await waitForHttp(server);
    const check = await checkAfterRestart(server, specs, done);
    lost.push(...check.lost);
    partial.push(...check.partial);
    unacknowledgedPresent += check.unacknowledgedPresent;
    for (const s of specs) await retryLabel(server, s);
    process.stderr.write(
      `\rmoment ${m + 1}/${moments}, ${acknowledged.size} loads acknowledged before a kill`,
    );
  }
  mysql = await createConnection({ host: '127.0.0.1', port: server.port, user: 'root' });
  const [rows] = await mysql.query('SELECT label, count(*) AS n FROM crash.t GROUP BY label');
  await mysql.end();
  const counts = new Map(
    (rows as { label: string; n: number | string }[]).map((r) => [r.label, Number(r.n)]),
  );
  const wrong = all.filter((s) => counts.get(s.label) !== s.rows);
  const duplicated = all.filter((s) => (counts.get(s.label) ?? 0) > s.rows);
  process.stdout.write(
    `\n${moments} kills, ${all.length} loads, ${acknowledged.size} acknowledged before their kill, ` +
      `${unacknowledgedPresent} committed but cut before the answer\n` +
      `after restart (before retries): ${lost.length} acknowledged loads lost, ${partial.length} partly present\n` +
      `after retries by label: ${duplicated.length} duplicated, ${wrong.length} labels wrong, ` +
      `${((Date.now() - started) / 1000).toFixed(0)} s\n`,
  );
  for (const s of wrong.slice(0, 10))
    process.stdout.write(`  ${s.label}: ${counts.get(s.label) ?? 0} rows, want ${s.rows}\n`);
  process.exitCode =
    wrong.length === 0 && lost.length === 0 && partial.length === 0 && counts.size === all.length ? 0 : 1;
} finally {
  await server.stop();
}
