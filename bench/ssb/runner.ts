/**
 * Runs the SSB queries on one system: load, then for every query a cold run (first execution
 * after the system dropped its caches) and `hotRuns` further runs whose median is the hot time.
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

async function runQuery(side: SystemUnderTest, q: SsbQuery, hotRuns: number): Promise<QueryRun> {
  try {
    let start = process.hrtime.bigint();
    const first = await side.query(q.sql);
    const coldMs = elapsedMs(start);
    const result = canonicalize(first.rows, first.columns);
    const hot: number[] = [];
    for (let i = 0; i < hotRuns; i++) {
      start = process.hrtime.bigint();
      await side.query(q.sql);
      hot.push(elapsedMs(start));
    }
    return {
      coldMs,
      hotMs: hot.length > 0 ? median(hot) : coldMs,
      hotRunsMs: hot,
      rows: result.rows.length,
      result,
    };
  } catch (e) {
    return { hotRunsMs: [], error: message(e) };
  }
}

/** Load the tables, then run every query. */
export async function runSide(
  side: SystemUnderTest,
  data: SsbData,
  tables: readonly TableName[],
  queries: readonly SsbQuery[],
  options: RunOptions,
): Promise<SideRun> {
  const quiet = options.quiet ?? false;
  let loads: TableLoad[];
  try {
    loads = await side.load(data, tables);
  } catch (e) {
    return { system: side.name, loads: [], queries: new Map(), loadError: message(e) };
  }
  const runs = new Map<string, QueryRun>();
  const progress = new Progress(`${side.name} queries`, queries.length, { quiet });
  for (const [i, q] of queries.entries()) {
    if (options.coldEachQuery || i === 0) {
      try {
        await side.makeCold();
      } catch (e) {
        runs.set(queryKey(q), { hotRunsMs: [], error: `could not make cold: ${message(e)}` });
        progress.tick();
        continue;
      }
    }
    runs.set(queryKey(q), await runQuery(side, q, options.hotRuns));
    progress.tick();
  }
  progress.finish();
  return { system: side.name, loads, queries: runs };
}
