/**
 * `npm run bench:point -- [options]`: point lookups through prepared statements at fixed arrival
 * rates (open loop) and the seed's mixed load, Rockling over the MySQL protocol next to DuckDB.
 *
 *   --rows N            users in the PRIMARY KEY table (default 10000000)
 *   --rates LIST        point-lookup arrival rates per second (default 200,1000,5000)
 *   --duration S        seconds per scenario (default 10)
 *   --connections N     client connections per system (default 16)
 *   --mixed-qps N       total rate of the mixed scenario (default 200, the seed's peak)
 *   --complex-share F   share of complex queries in the mixed scenario (default 0.05)
 *   --seed N            data and id seed (default 1)
 *   --systems LIST      duckdb,rockling (default both)
 *   --rockling-build B  dist | source (default dist)
 *   --data-dir DIR      generated file (default <tmp>/rockling-point/rows<N>-seed<S>, reused)
 *   --out DIR           result directory (default bench/results); --no-write to skip
 *   --quiet             no progress output
 */
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { renderPointTerminal, writePointReport } from './report.js';
import { runPoint, type PointOptions } from './run.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function num(name: string, text: string): number {
  const n = Number(text);
  if (!(n > 0) || !Number.isFinite(n)) throw new Error(`--${name} must be a positive number, got '${text}'`);
  return n;
}

/** Parse the command line. */
export function parsePointCli(argv: readonly string[]): PointOptions & { out: string; write: boolean } {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      rows: { type: 'string', default: '10000000' },
      rates: { type: 'string', default: '200,1000,5000' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '16' },
      'mixed-qps': { type: 'string', default: '200' },
      'complex-share': { type: 'string', default: '0.05' },
      seed: { type: 'string', default: '1' },
      systems: { type: 'string', default: 'duckdb,rockling' },
      'rockling-build': { type: 'string', default: 'dist' },
      'data-dir': { type: 'string' },
      out: { type: 'string', default: resolve(REPO_ROOT, 'bench', 'results') },
      'no-write': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const rows = Math.floor(num('rows', values.rows));
  const seed = Math.floor(num('seed', values.seed));
  const share = num('complex-share', values['complex-share']);
  if (share >= 1) throw new Error('--complex-share must be below 1');
  const build = values['rockling-build'];
  if (build !== 'dist' && build !== 'source')
    throw new Error(`--rockling-build: dist or source, got '${build}'`);
  return {
    rows,
    seed,
    rates: values.rates.split(',').map((r) => num('rates', r)),
    durationMs: num('duration', values.duration) * 1000,
    connections: Math.floor(num('connections', values.connections)),
    mixedQps: num('mixed-qps', values['mixed-qps']),
    complexShare: share,
    dataDir: values['data-dir'] ?? join(tmpdir(), 'rockling-point', `rows${rows}-seed${seed}`),
    rockling: values.systems.split(',').includes('rockling'),
    build,
    repoRoot: REPO_ROOT,
    quiet: values.quiet,
    out: values.out,
    write: !values['no-write'],
  };
}

async function main(): Promise<number> {
  const opts = parsePointCli(process.argv.slice(2));
  const report = await runPoint(opts);
  process.stdout.write(renderPointTerminal(report));
  if (opts.write) {
    const p = writePointReport(report, opts.out);
    process.stdout.write(`\nwrote ${p.json}\n      ${p.md}\n      ${p.svg}\n`);
  }
  return report.passed ? 0 : 1;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`bench:point: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
