/**
 * Track the pass rate on the StarRocks SQL-tester development corpus (../shared/conformance):
 * starts a fresh `rockling serve`, runs every runnable case through `rockling sqltest`, and
 * writes per-area rates (all runnable cases, and those not flagged as internals-dependent) to
 * bench/results/conformance-<date>.{json,md}. With --area, the other areas' outcomes already in
 * that day's JSON are kept, so the tables stay complete.  Usage: npm run conformance [-- --area a,b]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startRockling } from '../src/testing/index.js';
import { HARD_FLAGS, loadManifest } from '../src/tools/sqltest/manifest.js';

const ROOT = join(import.meta.dirname, '..');
const CORPUS = join(ROOT, '..', 'shared', 'conformance', 'starrocks-sqltest');

interface Record {
  file: string;
  case: string;
  area: string;
  ok: boolean;
  relaxedOnly: boolean;
  why: string;
}

/** A recorded path re-rooted at this checkout's corpus (runs elsewhere recorded other roots). */
function inCorpus(file: string): string {
  const at = file.indexOf('starrocks-sqltest/');
  return at < 0 ? file : join(CORPUS, file.slice(at + 'starrocks-sqltest/'.length));
}

const { values } = parseArgs({
  options: { area: { type: 'string' }, compiled: { type: 'boolean', default: false } },
});
const jsonPath = join(ROOT, 'bench', 'results', '.conformance.tmp.json');
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
const server = await startRockling({ compiled: values.compiled });
try {
  const args = [
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
    jsonPath,
    '--quiet',
  ];
  if (values.area !== undefined) args.push('--area', values.area);
  const run = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 28,
  });
  process.stdout.write(run.stdout);
} finally {
  await server.stop();
}

const manifest = loadManifest(join(CORPUS, 'MANIFEST.tsv'));
const fresh = JSON.parse(readFileSync(jsonPath, 'utf8')) as Record[];
rmSync(jsonPath, { force: true });
const date = new Date().toISOString().slice(0, 10);
const dayJson = join(ROOT, 'bench', 'results', `conformance-${date}.json`);
// A run of some areas keeps the day's outcomes of the others (sorted back into file order).
const runAreas = new Set(fresh.map((r) => r.area));
const kept =
  values.area !== undefined && existsSync(dayJson)
    ? (JSON.parse(readFileSync(dayJson, 'utf8')) as Record[])
        .filter((r) => !runAreas.has(r.area))
        .map((r) => ({ ...r, file: inCorpus(r.file) }))
    : [];
const records = [...kept, ...fresh].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
const areas = new Map<string, { all: number; allPass: number; core: number; corePass: number }>();
for (const r of records) {
  const flags = manifest.lookup(r.file, r.case)?.flags ?? [];
  const core = !flags.some((f) => HARD_FLAGS.includes(f));
  const a = areas.get(r.area) ?? { all: 0, allPass: 0, core: 0, corePass: 0 };
  areas.set(r.area, a);
  a.all++;
  if (r.ok) a.allPass++;
  if (core) {
    a.core++;
    if (r.ok) a.corePass++;
  }
}
const pct = (n: number, d: number): string => (d === 0 ? '–' : `${((100 * n) / d).toFixed(1)} %`);
const lines = [
  `# SQL-tester conformance, ${date}`,
  '',
  'Corpus: ../shared/conformance/starrocks-sqltest (runnable cases). "core" excludes cases flagged as',
  `depending on StarRocks internals (${HARD_FLAGS.join(', ')}). Expected errors are matched loosely (any error).`,
  '',
  '| area | core passed | core total | core rate | all passed | all total | all rate |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...[...areas.entries()]
    .sort()
    .map(
      ([area, a]) =>
        `| ${area} | ${a.corePass} | ${a.core} | ${pct(a.corePass, a.core)} | ${a.allPass} | ${a.all} | ${pct(a.allPass, a.all)} |`,
    ),
];
writeFileSync(join(ROOT, 'bench', 'results', `conformance-${date}.md`), lines.join('\n') + '\n');
writeFileSync(dayJson, JSON.stringify(records, null, 1));
process.stdout.write(lines.join('\n') + '\n');
