/**
 * One SSB benchmark run, end to end: generate (or reuse) the data, run DuckDB directly, run
 * Rockling over the wire when its server starts, compare every answer, build the report.
 */
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDescription, describeMachine, type ServerBuild } from '../common/index.js';
import { DuckDbSide, duckDbVersion } from './duckdb-side.js';
import { ensureSsb, type FlatSource } from './generate.js';
import { queriesFor, type Schema } from './queries.js';
import { buildReport, type SsbReport } from './report.js';
import { RocklingSide, type LoadMethod, type RocklingFootprint } from './rockling-side.js';
import { runSides, type SideRun } from './runner.js';
import type { SystemUnderTest } from './system.js';
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
  /** lineorder_flat from its generated file (default) or INSERT … SELECT in each system. */
  readonly flat?: FlatSource;
  /** Measure Rockling's start-up time and RSS after the queries (default true). */
  readonly footprint?: boolean;
}

/** The default cache directory for generated data of (sf, seed). */
export function defaultDataDir(sf: number, seed: number): string {
  return join(tmpdir(), 'rockling-ssb', `sf${sf}-seed${seed}`);
}

/** Tables to load, in order; a flat table built by INSERT … SELECT needs the star schema first. */
function tablesFor(schemas: readonly Schema[], flat: FlatSource): TableName[] {
  const flatToo = schemas.includes('flat');
  return [
    ...(schemas.includes('multi') || (flatToo && flat === 'insert') ? MULTI_TABLES : []),
    ...(flatToo ? FLAT_TABLES : []),
  ];
}

function note(quiet: boolean, text: string): void {
  if (!quiet) process.stderr.write(`${text}\n`);
}

type RocklingRun = SideRun & { readonly footprint?: RocklingFootprint };

async function startRockling(options: SsbOptions): Promise<RocklingSide | { unavailable: string }> {
  if (!options.rockling) return { unavailable: 'skipped (--systems duckdb)' };
  const side = await RocklingSide.start({
    repoRoot: options.repoRoot,
    build: options.build,
    loadMethod: options.loadMethod,
    quiet: options.quiet,
  });
  if ('unavailable' in side) note(options.quiet, `rockling server not available: ${side.unavailable}`);
  return side;
}

/** Both systems, their queries interleaved (see runSides), then Rockling's footprint. */
async function runBoth(
  options: SsbOptions,
  duck: DuckDbSide,
  run: (sides: readonly SystemUnderTest[]) => Promise<SideRun[]>,
): Promise<{ duckdb: SideRun; rockling: RocklingRun | { unavailable: string } }> {
  const rock = await startRockling(options);
  try {
    const side = 'unavailable' in rock ? undefined : rock;
    const [duckdb, rockling] = await run(side === undefined ? [duck] : [duck, side]);
    if (duckdb === undefined) throw new Error('duckdb did not run');
    if (side === undefined || rockling === undefined)
      return { duckdb, rockling: rock as { unavailable: string } };
    if (rockling.loadError !== undefined || options.footprint === false) return { duckdb, rockling };
    note(options.quiet, 'rockling: measuring start-up and idle RSS (empty and loaded data dir)');
    return { duckdb, rockling: { ...rockling, footprint: await side.footprint() } };
  } finally {
    if (!('unavailable' in rock)) await rock.close();
  }
}

/** Run the benchmark and return its report (files are written by the caller). */
export async function runSsb(options: SsbOptions): Promise<SsbReport> {
  const genOpts = {
    sf: options.sf,
    seed: options.seed,
    dir: options.dataDir,
    quiet: options.quiet,
    flat: options.flat ?? 'file',
  };
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
  const tables = tablesFor(options.schemas, data.flat);
  const runOpts = { hotRuns: options.hotRuns, coldEachQuery: options.coldEachQuery, quiet: options.quiet };

  const duck = new DuckDbSide();
  let duckdbThreads: string;
  let runs: Awaited<ReturnType<typeof runBoth>>;
  try {
    duckdbThreads = await duck.threads();
    runs = await runBoth(options, duck, (sides) => runSides(sides, data, tables, queries, runOpts));
  } finally {
    await duck.close();
  }
  const { duckdb, rockling } = runs;
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
    ...('footprint' in rockling && rockling.footprint !== undefined
      ? { rocklingFootprint: rockling.footprint }
      : {}),
    loadAverageEnd: loadavg()[0] ?? 0,
  });
}
