/**
 * The partitions crash test at scale: kill -9 at N random moments (default 100) of the mixed
 * partition workload (test/partitions/crash-support.ts) and report statements acknowledged,
 * in-flight statements found applied after restart, and time per moment. Any lost acknowledged
 * statement, half-applied statement or row outside every partition aborts the run.
 * Usage: node --import tsx bench/partitions/crash.ts [moments] [workers]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRockling } from '../../src/testing/index.js';
import { crashMoment, setup } from '../../test/partitions/crash-support.js';

const moments = Number(process.argv[2] ?? 100);
const workers = Number(process.argv[3] ?? 4);
const server = await startRockling({ startTimeoutMs: 60_000 });
const started = Date.now();
let acked = 0;
let inflightApplied = 0;
try {
  const ws = await setup(server, workers);
  for (let m = 0; m < moments; m++) {
    const r = await crashMoment(server, ws, 100 + Math.floor(Math.random() * 900));
    acked += r.acked;
    inflightApplied += r.inflightApplied;
    process.stderr.write(
      `moment ${m + 1}/${moments}: ${r.acked} acknowledged, ${r.inflightApplied} in-flight applied\n`,
    );
  }
} finally {
  await server.stop();
}
const seconds = (Date.now() - started) / 1000;
const report = {
  moments,
  workers,
  acknowledged: acked,
  inflightApplied,
  lost: 0,
  partial: 0,
  seconds: Math.round(seconds),
  secondsPerMoment: Number((seconds / moments).toFixed(2)),
};
process.stdout.write(`${JSON.stringify(report)}\n`);
writeFileSync(join(import.meta.dirname, 'crash-result.json'), `${JSON.stringify(report, null, 1)}\n`);
