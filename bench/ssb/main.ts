/**
 * `npm run bench:ssb -- [options]`: the Star Schema Benchmark, Rockling over the MySQL protocol
 * side by side with DuckDB directly, on the same generated data in the same run.
 *
 *   --sf N              scale factor (default 1; 0.01 for a quick check)
 *   --seed N            generator seed (default 1)
 *   --runs N            hot runs per query, median reported (default 5)
 *   --schemas LIST      multi,flat (default both)
 *   --systems LIST      duckdb,rockling (default both; Rockling is skipped with a message when its
 *                       server does not start)
 *   --load METHOD       auto | stream | insert: how to load Rockling (default auto)
 *   --rockling-build B  dist | source: run the compiled build (default) or the sources via tsx
 *   --cold-once         only the first query runs cold (default: every query's first run is cold)
 *   --flat SOURCE       file | insert: load lineorder_flat from its generated file, or build it
 *                       in each system by INSERT … SELECT over the star schema as StarRocks' SSB
 *                       flat-table guide does (default: file below SF 10, insert from SF 10)
 *   --data-dir DIR      generated files (default <tmp>/rockling-ssb/sf<N>-seed<S>, reused)
 *   --regenerate        regenerate even when matching data exists
 *   --out DIR           result directory (default bench/results)
 *   --no-write          print only, write no result files
 *   --require-rockling  fail when Rockling could not be benchmarked
 *   --no-footprint      skip timing Rockling's start-up and reading its RSS after the queries
 *   --quiet             no progress output
 */
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Schema } from './queries.js';
import { renderTerminal, writeReport } from './report-format.js';
import type { LoadMethod } from './rockling-side.js';
import { defaultDataDir, runSsb, type SsbOptions } from './ssb.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function positive(name: string, text: string): number {
  const n = Number(text);
  if (!(n > 0) || !Number.isFinite(n)) throw new Error(`--${name} must be a positive number, got '${text}'`);
  return n;
}

function list<T extends string>(name: string, text: string, allowed: readonly T[]): T[] {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const i of items)
    if (!allowed.includes(i as T))
      throw new Error(`--${name}: unknown '${i}' (allowed: ${allowed.join(', ')})`);
  return items as T[];
}

/** Parse the command line into run options plus output settings. */
export function parseCli(
  argv: readonly string[],
): SsbOptions & { out: string; write: boolean; requireRockling: boolean } {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      sf: { type: 'string', default: '1' },
      seed: { type: 'string', default: '1' },
      runs: { type: 'string', default: '5' },
      schemas: { type: 'string', default: 'multi,flat' },
      systems: { type: 'string', default: 'duckdb,rockling' },
      load: { type: 'string', default: 'auto' },
      'rockling-build': { type: 'string', default: 'dist' },
      'cold-once': { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      flat: { type: 'string' },
      regenerate: { type: 'boolean', default: false },
      out: { type: 'string', default: resolve(REPO_ROOT, 'bench', 'results') },
      'no-write': { type: 'boolean', default: false },
      'require-rockling': { type: 'boolean', default: false },
      'no-footprint': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const sf = positive('sf', values.sf);
  const seed = Math.floor(positive('seed', values.seed));
  const systems = list('systems', values.systems, ['duckdb', 'rockling'] as const);
  const [load] = list('load', values.load, ['auto', 'stream', 'insert'] as const);
  const [flat] = list('flat', values.flat ?? (sf >= 10 ? 'insert' : 'file'), ['file', 'insert'] as const);
  const [build] = list('rockling-build', values['rockling-build'], ['dist', 'source'] as const);
  return {
    sf,
    seed,
    hotRuns: Math.floor(positive('runs', values.runs)),
    schemas: list<Schema>('schemas', values.schemas, ['multi', 'flat']),
    dataDir: values['data-dir'] ?? defaultDataDir(sf, seed),
    rockling: systems.includes('rockling'),
    loadMethod: (load ?? 'auto') as LoadMethod,
    build: build ?? 'dist',
    flat: flat ?? 'file',
    coldEachQuery: !values['cold-once'],
    repoRoot: REPO_ROOT,
    quiet: values.quiet,
    regenerate: values.regenerate,
    footprint: !values['no-footprint'],
    out: values.out,
    write: !values['no-write'],
    requireRockling: values['require-rockling'],
  };
}

async function main(): Promise<number> {
  const opts = parseCli(process.argv.slice(2));
  const report = await runSsb(opts);
  process.stdout.write(renderTerminal(report));
  if (opts.write) {
    const paths = writeReport(report, opts.out);
    process.stdout.write(`\nwrote ${paths.json}\n      ${paths.md}\n      ${paths.svg}\n`);
  }
  if (opts.requireRockling && !report.systems.rockling.available) return 1;
  return report.passed ? 0 : 1;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`bench:ssb: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
