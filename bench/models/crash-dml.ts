/**
 * The DML crash test at scale: kill -9 at N random moments (default 100) of the mixed DML workload
 * (test/models/crash-dml-support.ts: UPDATE/DELETE on a shared PRIMARY KEY table, DELETE on
 * DUPLICATE tables, INSERT, INSERT OVERWRITE, ADD/DROP COLUMN from several connections) and report
 * statements acknowledged by kind, in-flight statements found applied or absent after restart,
 * acknowledged statements lost and statements half-applied (both must be 0).
 * Usage: nice -n 10 node --import tsx bench/models/crash-dml.ts [moments] [workers]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRockling } from '../../src/testing/index.js';
import { crashDmlMoment, refusals, setupDml } from '../../test/models/crash-dml-support.js';

const moments = Number(process.argv[2] ?? 100);
const workers = Number(process.argv[3] ?? 4);
const server = await startRockling({ startTimeoutMs: 60_000 });
const started = Date.now();
const acknowledged = new Map<string, number>();
let inflightApplied = 0;
let inflightAbsent = 0;
const lost: string[] = [];
const halfApplied: string[] = [];
try {
  const ws = await setupDml(server, workers);
  for (let m = 0; m < moments; m++) {
    const r = await crashDmlMoment(server, ws, 200 + Math.floor(Math.random() * 1300));
    for (const [k, v] of r.counts) acknowledged.set(k, (acknowledged.get(k) ?? 0) + v);
    inflightApplied += r.inflightApplied;
    inflightAbsent += r.inflightAbsent;
    lost.push(...r.lost.map((x) => `moment ${m + 1}: ${x}`));
    halfApplied.push(...r.halfApplied.map((x) => `moment ${m + 1}: ${x}`));
    const total = [...r.counts].filter(([k]) => k !== 'refused').reduce((a, [, v]) => a + v, 0);
    process.stderr.write(
      `moment ${m + 1}/${moments}: ${total} acknowledged, in flight ${r.inflightApplied} applied / ` +
        `${r.inflightAbsent} absent, lost ${r.lost.length}, half ${r.halfApplied.length}\n`,
    );
  }
} finally {
  await server.stop();
}
const seconds = (Date.now() - started) / 1000;
const byKind = Object.fromEntries([...acknowledged].sort());
const total = [...acknowledged].filter(([k]) => k !== 'refused').reduce((a, [, v]) => a + v, 0);
const report = {
  moments,
  workers,
  acknowledged: total,
  byKind,
  inflightApplied,
  inflightAbsent,
  lost: lost.length,
  halfApplied: halfApplied.length,
  refusals: Object.fromEntries(refusals),
  failures: [...lost, ...halfApplied].slice(0, 20),
  seconds: Math.round(seconds),
  secondsPerMoment: Number((seconds / moments).toFixed(2)),
};
process.stdout.write(`${JSON.stringify(report)}\n`);
writeFileSync(join(import.meta.dirname, 'crash-dml-result.json'), `${JSON.stringify(report, null, 1)}\n`);
