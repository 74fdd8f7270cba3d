/**
 * Load-test figures against a throwaway MariaDB: (1) a fixed-rate run (achieved vs target),
 * (2) the same rate with SELECT SLEEP stalls mixed in on one connection (P99 from intended time vs
 * service time), each leaving report.html/report.json under OUT (default /tmp/rockling-loadtest-bench).
 *   node --import tsx bench/tools/loadtest-bench.ts [rate=500] [seconds=20] [out]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startMariaDb } from '../../src/testing/index.js';
import { main } from '../../src/tools/loadtest/cli.js';

const rate = process.argv[2] ?? '500';
const seconds = process.argv[3] ?? '20';
const out = process.argv[4] ?? '/tmp/rockling-loadtest-bench';
mkdirSync(out, { recursive: true });
const db = await startMariaDb({ extraArgs: ['--max-connections=500'] });
try {
  const stall = join(out, 'stall.yaml');
  writeFileSync(
    stall,
    'statements:\n  - name: fast\n    weight: 49\n    sql: SELECT 1\n  - name: stall\n    weight: 1\n    sql: SELECT SLEEP(0.05)\n',
  );
  for (const [name, args] of [
    ['steady', ['--sql', 'SELECT 1', '--connections', '8']],
    ['stall', ['--mix', stall, '--connections', '1', '--sla', 'p99<20ms']],
  ] as const) {
    const dir = join(out, name);
    const code = await main([
      '--target',
      db.url,
      ...args,
      '--rate',
      rate,
      '--duration',
      `${seconds}s`,
      '--out',
      dir,
      '--progress',
      'line',
    ]);
    const r = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as {
      rate: { target: number; achieved: number };
      latencyMs: Record<string, number>;
      serviceTimeMs: Record<string, number>;
    };
    console.log(
      `${name}: exit ${code}; target ${r.rate.target}/s achieved ${r.rate.achieved.toFixed(1)}/s ` +
        `(${((r.rate.achieved / r.rate.target - 1) * 100).toFixed(2)}%); latency p50 ${r.latencyMs['p50']} p99 ${r.latencyMs['p99']} ` +
        `max ${r.latencyMs['max']} ms; service time p50 ${r.serviceTimeMs['p50']} p99 ${r.serviceTimeMs['p99']} ms`,
    );
  }
} finally {
  await db.stop();
}
