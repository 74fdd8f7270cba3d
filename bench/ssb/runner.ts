/**
 * Runs the SSB queries on the systems under test: load each, then query by query a cold run on
 * each system (first execution after the system dropped its caches) and `hotRuns` further runs
 * whose median is the hot time. The systems take turns run by run (DuckDB, Rockling, DuckDB, …),
 * so on a shared, busy machine both see the same background load and their ratio stays fair.
 * A failing query is recorded, not thrown, so one broken query does not hide the others.
 */
import { Progress, elapsedMs, median, canonicalize, type CanonicalResult } from '../common/index.js';
import type { SsbData } from './generate.js';
import type { SsbQuery } from './queries.js';
import type { TableName } from './schema.js';
import type { SystemUnderTest, TableLoad } from './system.js';

/** Timings and answer of one query on one system. */
export interface QueryRun {
  readonly coldMs?: number;
  /** Median of the hot runs. */
  readonly hotMs?: number;
  readonly hotRunsMs: readonly number[];
  readonly rows?: number;
  readonly error?: string;
  /** The canonical answer (kept in memory for comparison, summarised in reports). */
  readonly result?: CanonicalResult;
}

/** Everything measured on one system. */
export interface SideRun {
  readonly system: string;
  readonly loads: readonly TableLoad[];
  /** Keyed by `${schema}:${id}`. */
  readonly queries: ReadonlyMap<string, QueryRun>;
  readonly loadError?: string;
}

/** The key a query's run is stored under. */
export function queryKey(q: SsbQuery): string {
  return `${q.schema}:${q.id}`;
}

/** Options for {@link runSide}. */
export interface RunOptions {
  readonly hotRuns: number;
  /** Make every query's first run cold (reopen/restart before it); otherwise only before the first query. */
  readonly coldEachQuery: boolean;
  readonly quiet?: boolean;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** One system's state while the queries run. */
interface Active {
  readonly side: SystemUnderTest;
  readonly runs: Map<string, QueryRun>;
}

async function coldRun(a: Active, q: SsbQuery, makeCold: boolean): Promise<QueryRun> {
  if (makeCold) {
    try {
      await a.side.makeCold();
    } catch (e) {
      return { hotRunsMs: [], error: `could not make cold: ${message(e)}` };
    }
  }
  try {
    const start = process.hrtime.bigint();
    const first = await a.side.query(q.sql);
    const coldMs = elapsedMs(start);
    const result = canonicalize(first.rows, first.columns);
    return { coldMs, hotRunsMs: [], rows: result.rows.length, result };
  } catch (e) {
    return { hotRunsMs: [], error: message(e) };
  }
}

/** Time one hot run into `run` (mutated copy kept in the map); errors end that system's runs. */
async function hotRun(a: Active, q: SsbQuery): Promise<void> {
  const run = a.runs.get(queryKey(q));
  if (run === undefined || run.error !== undefined) return;
  try {
    const start = process.hrtime.bigint();
    await a.side.query(q.sql);
    a.runs.set(queryKey(q), { ...run, hotRunsMs: [...run.hotRunsMs, elapsedMs(start)] });
  } catch (e) {
    a.runs.set(queryKey(q), { hotRunsMs: run.hotRunsMs, error: `hot run: ${message(e)}` });
  }
}

function withHotMedian(run: QueryRun): QueryRun {
  if (run.error !== undefined || run.coldMs === undefined) return run;
  return { ...run, hotMs: run.hotRunsMs.length > 0 ? median(run.hotRunsMs) : run.coldMs };
}

/** Load the tables into every system, then run every query on all of them, interleaved. */
export async function runSides(
  sides: readonly SystemUnderTest[],
  data: SsbData,
  tables: readonly TableName[],
  queries: readonly SsbQuery[],
  options: RunOptions,
): Promise<SideRun[]> {
  const quiet = options.quiet ?? false;
  const loads = new Map<SystemUnderTest, TableLoad[] | string>();
  for (const side of sides) {
    try {
      loads.set(side, await side.load(data, tables));
    } catch (e) {
      loads.set(side, message(e));
    }
  }
  const active: Active[] = sides
    .filter((s) => typeof loads.get(s) !== 'string')
    .map((side) => ({ side, runs: new Map<string, QueryRun>() }));
  const progress = new Progress(`queries (${active.map((a) => a.side.name).join(' + ')})`, queries.length, {
    quiet,
  });
  for (const [i, q] of queries.entries()) {
    for (const a of active) a.runs.set(queryKey(q), await coldRun(a, q, options.coldEachQuery || i === 0));
    for (let k = 0; k < options.hotRuns; k++) for (const a of active) await hotRun(a, q);
    for (const a of active) {
      const run = a.runs.get(queryKey(q));
      if (run !== undefined) a.runs.set(queryKey(q), withHotMedian(run));
    }
    progress.tick();
  }
  progress.finish();
  return sides.map((side) => {
    const l = loads.get(side);
    if (typeof l === 'string' || l === undefined)
      return { system: side.name, loads: [], queries: new Map(), loadError: l ?? 'not loaded' };
    const runs = active.find((a) => a.side === side)?.runs ?? new Map<string, QueryRun>();
    return { system: side.name, loads: l, queries: runs };
  });
}

/** Load the tables, then run every query on one system. */
export async function runSide(
  side: SystemUnderTest,
  data: SsbData,
  tables: readonly TableName[],
  queries: readonly SsbQuery[],
  options: RunOptions,
): Promise<SideRun> {
  const [run] = await runSides([side], data, tables, queries, options);
  if (run === undefined) throw new Error('no run');
  return run;
}
