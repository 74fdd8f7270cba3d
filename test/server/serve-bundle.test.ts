/**
 * `rockling serve` from its one-file bundle (scripts/bundle-serve.mjs, what dist/src/cli/main.js
 * prefers after `npm run build`): bundled here from the sources with the same esbuild settings,
 * started as a process, and used over MySQL (DDL, INSERT, SELECT, SHOW, variables) and HTTP.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import { freePort } from '../../src/testing/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

test('the bundled rockling serve answers MySQL and HTTP clients', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rockling-bundle-'));
  // npm packages stay external: resolved through node_modules next to the bundle
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  await build({
    entryPoints: [join(ROOT, 'src', 'cli', 'serve.ts')],
    outfile: join(dir, 'serve.bundle.mjs'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  });
  writeFileSync(
    join(dir, 'run.mjs'),
    "const { main } = await import('./serve.bundle.mjs');\nprocess.exitCode = await main(process.argv.slice(2));\n",
  );
  const [port, httpPort, bePort] = [await freePort(), await freePort(), await freePort()];
  const args = [
    '--data-dir',
    join(dir, 'data'),
    '--query-port',
    String(port),
    '--http-port',
    String(httpPort),
  ];
  args.push('--be-http-port', String(bePort), '--log-level', 'warn');
  let log = '';
  const child = spawn(process.execPath, [join(dir, 'run.mjs'), ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  try {
    let conn;
    for (let i = 0; conn === undefined; i++) {
      assert.equal(child.exitCode, null, `bundle exited: ${log}`);
      assert.ok(i < 600, `no MySQL session: ${log}`);
      conn = await createConnection({ host: '127.0.0.1', port, user: 'root' }).catch(async () => {
        await new Promise((r) => setTimeout(r, 100));
        return undefined;
      });
    }
    await conn.query('CREATE DATABASE b');
    await conn.query('USE b');
    await conn.query(
      'CREATE TABLE t (k INT, v VARCHAR(20), d DATE) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1',
    );
    await conn.query("INSERT INTO t VALUES (1, 'one', '2024-01-02'), (2, 'two', NULL)");
    const [rows] = await conn.query<RowDataPacket[]>('SELECT k, upper(v) AS v, d FROM t ORDER BY k');
    assert.deepEqual(
      rows.map((r) => [r['k'], r['v']]),
      [
        [1, 'ONE'],
        [2, 'TWO'],
      ],
    );
    const [tables] = await conn.query<RowDataPacket[]>('SHOW TABLES');
    assert.deepEqual(
      tables.map((r) => Object.values(r)[0]),
      ['t'],
    );
    const [vars] = await conn.query<RowDataPacket[]>('SELECT @@version_comment AS c, current_version() AS v');
    assert.match(String(vars[0]?.['c']), /StarRocks/);
    await conn.end();
    const res = await fetch(`http://127.0.0.1:${httpPort}/api/health`).catch((e: Error) => e);
    assert.ok(!(res instanceof Error), `HTTP port not listening: ${String(res)}`);
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(child.exitCode, 0, log);
});
