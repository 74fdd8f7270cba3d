/**
 * SQL-tester conformance for the partitions/ALTER areas only, without touching the shared
 * bench/results files: starts a fresh `rockling serve`, runs `rockling sqltest --area …`, prints
 * per-area rates (all runnable cases, and "core" cases not flagged internals-dependent) and writes
 * the per-case records to the given JSON path.
 * Usage: node --import tsx bench/partitions/conformance.ts [areas] [out.json]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRockling } from '../../src/testing/index.js';
import { HARD_FLAGS, loadManifest } from '../../src/tools/sqltest/manifest.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CORPUS = join(ROOT, '..', 'shared', 'conformance', 'starrocks-sqltest');
const areasArg = process.argv[2] ?? 'partitioning_bucketing,ddl_schema_change';
const out = process.argv[3] ?? '/tmp/partitions-conformance.json';

interface CaseRecord {
  file: string;
  case: string;
  area: string;
  ok: boolean;
  why: string;
}

const server = await startRockling();
try {
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'src', 'cli', 'main.ts'),
      'sqltest',
      join(CORPUS, 'test', 'sql'),
      '--port',
      String(server.port),
      '--http-port',
      String(server.httpPort),
      '--json',
      out,
      '--quiet',
      '--area',
      areasArg,
    ],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 28 },
  );
  void run;
} finally {
  await server.stop();
}
const manifest = loadManifest(join(CORPUS, 'MANIFEST.tsv'));
const records = JSON.parse(readFileSync(out, 'utf8')) as CaseRecord[];
const rates = new Map<string, { all: number; allPass: number; core: number; corePass: number }>();
for (const r of records) {
  const flags = manifest.lookup(r.file, r.case)?.flags ?? [];
  const core = !flags.some((f) => HARD_FLAGS.includes(f));
  const a = rates.get(r.area) ?? { all: 0, allPass: 0, core: 0, corePass: 0 };
  rates.set(r.area, a);
  a.all++;
  if (r.ok) a.allPass++;
  if (core) {
    a.core++;
    if (r.ok) a.corePass++;
  }
}
for (const [area, a] of rates)
  process.stdout.write(
    `${area}: core ${a.corePass}/${a.core} (${((100 * a.corePass) / Math.max(1, a.core)).toFixed(1)} %), all ${a.allPass}/${a.all}\n`,
  );
writeFileSync(out, JSON.stringify(records, null, 1));
