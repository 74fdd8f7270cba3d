/**
 * The client-compatibility probe from the research folder (mariadb CLI incl. interactive start-up,
 * mysql2 text + binary protocol, PyMySQL + SQLAlchemy inspector, MariaDB Connector/J with server
 * prepared statements) against a real `rockling serve`. The probe is run from a temporary copy
 * because ../shared is read-only and the probe compiles its Java part next to itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRockling } from '../../src/testing/index.js';

const PROBE = join(import.meta.dirname, '..', '..', '..', 'shared', 'research', 'clients', 'probe');

test('client probe: every core step passes against rockling serve', { timeout: 600_000 }, async (t) => {
  assert.ok(existsSync(PROBE), `probe not found at ${PROBE}`);
  const dir = mkdtempSync(join(tmpdir(), 'rockling-probe-'));
  const server = await startRockling();
  try {
    cpSync(PROBE, dir, { recursive: true, filter: (src) => !/node_modules|\.build/.test(src) });
    symlinkSync(join(import.meta.dirname, '..', '..', 'node_modules'), join(dir, 'node_modules'));
    const run = spawnSync(
      'bash',
      [join(dir, 'run_probe.sh'), '-P', String(server.port), '--setup', 'starrocks'],
      {
        encoding: 'utf8',
        timeout: 540_000,
      },
    );
    const output = `${run.stdout}\n${run.stderr}`;
    const summary = /^(\d+) passed, (\d+) failed/m.exec(run.stdout);
    assert.ok(summary !== null, `no summary line in probe output:\n${output}`);
    t.diagnostic(summary[0]);
    for (const line of output.split('\n').filter((l) => l.startsWith('FAIL'))) t.diagnostic(line);
    const failures = output.split('\n').filter((l) => l.startsWith('FAIL') && !l.includes('(optional)'));
    assert.equal(
      Number(summary[2]),
      0,
      `probe failures:\n${failures.join('\n')}\n--- server log tail:\n${server.log().slice(-3000)}`,
    );
    assert.ok(Number(summary[1]) >= 62, `expected at least 62 passing steps, got ${summary[1]}`);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
