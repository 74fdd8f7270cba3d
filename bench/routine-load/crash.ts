/**
 * Routine Load exactly-once under kill -9, at scale: N keyed JSON messages produced into the kcat
 * mock cluster while the consuming process is SIGKILLed at M random moments and restarted.
 * Usage: node --import tsx bench/routine-load/crash.ts [N=20000] [M=100] [seed=1]
 */
import { runCrash } from '../../test/routine-load/crash-support.js';

const [n = 20000, moments = 100, seed = 1] = process.argv.slice(2).map(Number);
const started = Date.now();
const r = await runCrash({ n, moments, seed, log: (s) => console.log(s) });
const ok =
  r.rows === r.produced &&
  r.distinctKeys === r.produced &&
  JSON.stringify(r.progress) === JSON.stringify(r.endOffsets);
console.log(
  JSON.stringify(
    { ...r, killDelaysMs: undefined, seconds: Math.round((Date.now() - started) / 1000), ok },
    null,
    1,
  ),
);
process.exit(ok ? 0 : 1);
