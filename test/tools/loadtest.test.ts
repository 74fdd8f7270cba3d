import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { startMariaDb, type MariaDbServer } from '../../src/testing/index.js';
import { main } from '../../src/tools/loadtest/cli.js';
import { EXAMPLE_FORM } from '../../src/tools/onboard/form/index.js';
import { readEvents } from '../../src/tools/onboard/bookkeeping.js';
import { summarise } from '../../src/tools/onboard/apply/status.js';

interface Report {
  verdict: string;
  counts: { scheduled: number; ok: number; errors: number; unfinished: number };
  rate: { target: number; achieved: number; achievedFraction: number };
  latencyMs: Record<string, number>;
  statements: {
    name: string;
    ok: number;
    latencyMs: Record<string, number>;
    serviceTimeMs: Record<string, number>;
  }[];
  errorsByCode: Record<string, { count: number }>;
  sla: { text: string; pass: boolean }[];
}

describe('loadtest against MariaDB', () => {
  let db: MariaDbServer;
  let dir: string;
  before(async () => {
    db = await startMariaDb({ database: 'lt', extraArgs: ['--max-connections=200'] });
    const conn = await createConnection({ host: db.host, port: db.port, user: 'root', database: 'lt' });
    await conn.query('CREATE TABLE kv (id INT PRIMARY KEY, v VARCHAR(20))');
    await conn.query("INSERT INTO kv SELECT seq, CONCAT('v', seq) FROM seq_1_to_1000");
    await conn.end();
    dir = mkdtempSync(join(tmpdir(), 'rockling-loadtest-'));
  });
  after(async () => {
    await db?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a fixed-rate run achieves the target rate within 2 %; the report renders with both charts', async () => {
    const mix = join(dir, 'mix.yaml');
    writeFileSync(
      mix,
      [
        'statements:',
        '  - name: point',
        '    weight: 3',
        '    sql: SELECT v FROM kv WHERE id = ?',
        '    params: [{ range: [1, 1000] }]',
        '  - name: ids-from-target',
        '    weight: 1',
        '    sql: SELECT COUNT(*) FROM kv WHERE id <= ?',
        '    params: [{ query: "SELECT id FROM kv WHERE id % 10 = 0" }]',
        '',
      ].join('\n'),
    );
    const out = join(dir, 'rate');
    const code = await main([
      '--target',
      db.url,
      '--mix',
      mix,
      '--rate',
      '200',
      '--duration',
      '10s',
      '--connections',
      '4',
      '--out',
      out,
      '--progress',
      'off',
      '--sla',
      'p99<5s',
    ]);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    assert.equal(report.counts.scheduled, 2000);
    assert.equal(report.counts.errors, 0);
    assert.ok(
      Math.abs(report.rate.achievedFraction - 1) <= 0.02,
      `achieved ${report.rate.achieved}/s vs target ${report.rate.target}/s`,
    );
    assert.equal(report.verdict, 'PASS');
    assert.equal(code, 0);
    assert.deepEqual(
      report.statements.map((s) => s.name),
      ['point', 'ids-from-target'],
    );
    assert.ok((report.statements[1]?.ok ?? 0) > 300);

    // Screenshot: headless Chromium renders report.html with both charts.
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    assert.match(html, /Latency over time/);
    assert.match(html, /Latency histogram/);
    assert.ok((html.match(/<svg /g) ?? []).length >= 2);
    const png = join(dir, 'report.png');
    const profile = mkdtempSync(join(tmpdir(), 'rockling-chromium-'));
    try {
      const r = spawnSync(
        '/usr/bin/chromium',
        [
          ...[
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
          ],
          ...[
            '--disable-sync',
            '--no-first-run',
            `--user-data-dir=${profile}`,
            `--screenshot=${png}`,
            '--window-size=1200,1600',
          ],
          `file://${join(out, 'report.html')}`,
        ],
        { encoding: 'utf8', timeout: 60_000 },
      );
      assert.equal(r.status, 0, r.stderr);
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
    const buf = readFileSync(png);
    assert.equal(buf.subarray(1, 4).toString('latin1'), 'PNG');
    assert.equal(buf.readUInt32BE(16), 1200);
    assert.equal(buf.readUInt32BE(20), 1600);
    assert.ok(statSync(png).size > 40_000, `screenshot only ${statSync(png).size} bytes: blank page?`);
  });

  test('a server stall shows in P99 (no coordinated omission) while service time hides it', async () => {
    const mix = join(dir, 'stall.yaml');
    writeFileSync(
      mix,
      [
        'statements:',
        '  - name: fast',
        '    weight: 30',
        '    sql: SELECT 1',
        '  - name: stall',
        '    weight: 1',
        '    sql: SELECT SLEEP(0.2)',
        '',
      ].join('\n'),
    );
    // One connection at 50/s: every 200 ms stall holds up the ~10 requests due behind it.
    const out = join(dir, 'stall');
    const code = await main([
      '--target',
      db.url,
      '--mix',
      mix,
      '--rate',
      '50',
      '--duration',
      '6s',
      '--connections',
      '1',
      '--out',
      out,
      '--progress',
      'off',
      '--sla',
      'p99<100ms',
    ]);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    const fast = report.statements.find((s) => s.name === 'fast');
    const stall = report.statements.find((s) => s.name === 'stall');
    assert.ok(fast !== undefined && stall !== undefined && stall.ok >= 3, `stalls ran: ${stall?.ok}`);
    const lat = fast.latencyMs;
    const svc = fast.serviceTimeMs;
    // Requests queued behind a stall waited for it: latency from the intended time shows it…
    assert.ok((report.latencyMs['p99'] ?? 0) >= 180, `p99 ${report.latencyMs['p99']}ms`);
    assert.ok((lat['max'] ?? 0) >= 150, `fast max ${lat['max']}ms`);
    // …whereas the fast statement's service time (what a closed-loop tool reports) hides it.
    assert.ok(
      (lat['p90'] ?? 0) > 3 * (svc['p90'] ?? 0),
      `fast p90 latency ${lat['p90']}ms vs service ${svc['p90']}ms`,
    );
    assert.ok(
      (lat['max'] ?? 0) > 3 * (svc['p99'] ?? 0),
      `fast max latency ${lat['max']}ms vs service p99 ${svc['p99']}ms`,
    );
    assert.equal(report.verdict, 'FAIL');
    assert.equal(code, 1);
  });

  test('errors are counted by errno and fail the verdict; --record stores it', async () => {
    const out = join(dir, 'errors');
    const code = await main([
      '--target',
      db.url,
      '--sql',
      'SELECT * FROM no_such_table',
      '--rate',
      '50',
      '--duration',
      '1s',
      '--out',
      out,
      '--progress',
      'off',
      '--record',
      'shop',
    ]);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    assert.equal(report.errorsByCode['1146']?.count, 50);
    assert.equal(code, 1);
    const conn = await createConnection({ host: db.host, port: db.port, user: 'root' });
    const [rows] = await conn.query('SELECT business, stage, item, status FROM rockling_onboarding.events');
    const [status] = summarise(await readEvents(conn, 'shop'));
    await conn.end();
    assert.deepEqual(rows, [{ business: 'shop', stage: 3, item: 'loadtest', status: 'failed' }]);
    assert.equal(status?.stages[2]?.items.find((i) => i.id === 'loadtest')?.state, 'failed');
  });

  test('--form takes the rate (peak × 1.5) and P99 SLAs per query class from the onboarding form', async () => {
    const form = join(dir, 'form.yaml');
    writeFileSync(form, EXAMPLE_FORM);
    const mix = join(dir, 'form-mix.yaml');
    writeFileSync(
      mix,
      'statements:\n  - name: user_events\n    sql: SELECT v FROM kv WHERE id = ?\n    params: [{ range: [1, 1000] }]\n',
    );
    const out = join(dir, 'form');
    await main([
      '--target',
      db.url,
      '--mix',
      mix,
      '--form',
      form,
      '--duration',
      '2s',
      '--out',
      out,
      '--progress',
      'off',
    ]);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report & {
      meta: { rate: string };
    };
    assert.equal(report.meta.rate, '300'); // the seed form: peak QPS 200 × 1.5
    assert.equal(report.counts.scheduled, 600);
    const texts = report.sla.map((s) => s.text).join('\n');
    assert.match(texts, /user_events\.p99 < 200ms: .* \(form user_profile \(point P99\)\)/);
    assert.match(texts, /p99 < 5000ms: .* \(form user_profile \(loosest P99\)\)/);
  });
});
