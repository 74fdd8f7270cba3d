/**
 * One SSB benchmark run, end to end: generate (or reuse) the data, run DuckDB directly, run
 * Rockling over the wire when its server starts, compare every answer, build the report.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDescription, describeMachine, type ServerBuild } from '../common/index.js';
import { DuckDbSide, duckDbVersion } from './duckdb-side.js';
import { ensureSsb } from './generate.js';
import { queriesFor, type Schema } from './queries.js';
import { buildReport, type SsbReport } from './report.js';
import { RocklingSide, type LoadMethod } from './rockling-side.js';

import { runSide, type SideRun } from './runner.js';
import { FLAT_TABLES, MULTI_TABLES, type TableName } from './schema.js';

/** Options of one run. */
export interface SsbOptions {
  readonly sf: number;
  readonly seed: number;
  readonly hotRuns: number;
  readonly schemas: readonly Schema[];
  /** Where generated files live (reused when they match). */
  readonly dataDir: string;
  readonly rockling: boolean;
  readonly loadMethod: LoadMethod;
  /** Run Rockling from dist/ (default) or from the TypeScript sources. */
  readonly build: ServerBuild;
  readonly coldEachQuery: boolean;
  readonly repoRoot: string;
  readonly quiet: boolean;
  /** Regenerate even when matching data exists. */
  readonly regenerate?: boolean;
}

/** The default cache directory for generated data of (sf, seed). */
export function defaultDataDir(sf: number, seed: number): string {
  return join(tmpdir(), 'rockling-ssb', `sf${sf}-seed${seed}`);
}

function tablesFor(schemas: readonly Schema[]): TableName[] {
  return [
    ...(schemas.includes('multi') ? MULTI_TABLES : []),
    ...(schemas.includes('flat') ? FLAT_TABLES : []),
  ];
}

function note(quiet: boolean, text: string): void {
  if (!quiet) process.stderr.write(`${text}\n`);
}

async function rocklingRun(
  options: SsbOptions,
  run: (side: RocklingSide) => Promise<SideRun>,
): Promise<SideRun | { unavailable: string }> {
  if (!options.rockling) return { unavailable: 'skipped (--systems duckdb)' };
  const side = await RocklingSide.start({
    repoRoot: options.repoRoot,
    build: options.build,
    loadMethod: options.loadMethod,
    quiet: options.quiet,
  });
  if ('unavailable' in side) {
    note(options.quiet, `rockling server not available: ${side.unavailable}`);
    return side;
  }
  try {
    return await run(side);
  } finally {
    await side.close();
  }
}

/** Run the benchmark and return its report (files are written by the caller). */
export async function runSsb(options: SsbOptions): Promise<SsbReport> {
  const genOpts = { sf: options.sf, seed: options.seed, dir: options.dataDir, quiet: options.quiet };
  const started = Date.now();
  const { data, reused } =
    options.regenerate === true
      ? { data: await (await import('./generate.js')).generateSsb(genOpts), reused: false }
      : await ensureSsb(genOpts);
  const generateSeconds = reused ? undefined : (Date.now() - started) / 1000;
  note(
    options.quiet,
    reused
      ? `reusing generated data in ${data.dir}`
      : `generated SF ${data.sf} in ${generateSeconds?.toFixed(1)} s into ${data.dir}`,
  );
  const machine = describeMachine({ duckdb: duckDbVersion() });
  const queries = queriesFor(options.schemas);
  const tables = tablesFor(options.schemas);
  const runOpts = { hotRuns: options.hotRuns, coldEachQuery: options.coldEachQuery, quiet: options.quiet };

  const duck = new DuckDbSide();
  let duckdb: SideRun;
  let duckdbThreads: string;
  try {
    duckdbThreads = await duck.threads();
    duckdb = await runSide(duck, data, tables, queries, runOpts);
  } finally {
    await duck.close();
  }
  const rockling = await rocklingRun(options, (side) => runSide(side, data, tables, queries, runOpts));
  return buildReport({
    data,
    reused,
    ...(generateSeconds !== undefined ? { generateSeconds } : {}),
    hotRuns: options.hotRuns,
    coldEachQuery: options.coldEachQuery,
    machine,
    duckdbThreads,
    queries,
    duckdb,
    rockling,
    rocklingBuild: buildDescription({ repoRoot: options.repoRoot, build: options.build }),
  });
}
