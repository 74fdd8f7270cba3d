/**
 * The SSB result: per-query timings of both systems, their ratio, whether the answers agree,
 * geometric means per schema, the machine, and the list of failures that make the run fail.
 * This object is what `bench/results/ssb-<date>-sf<N>.json` holds.
 */
import { geomean, ratio, type MachineDescription, compareResults, describeResult } from '../common/index.js';
import type { SsbData } from './generate.js';
import { CROSS_SCHEMA_EQUAL, type Schema, type SsbQuery } from './queries.js';
import { queryKey, type QueryRun, type SideRun } from './runner.js';
import type { RocklingFootprint } from './rockling-side.js';
import type { TableLoad } from './system.js';

/** One system's numbers for one query (no result rows; those stay in memory). */
export interface QueryNumbers {
  readonly coldMs?: number;
  readonly hotMs?: number;
  readonly hotRunsMs: readonly number[];
  readonly rows?: number;
  readonly error?: string;
}

/** One query's line of the report. */
export interface QueryLine {
  readonly id: string;
  readonly schema: Schema;
  readonly sql: string;
  readonly duckdb: QueryNumbers;
  readonly rockling?: QueryNumbers;
  /** Rockling / DuckDB, hot medians and cold runs. */
  readonly ratioHot?: number;
  readonly ratioCold?: number;
  /** Whether Rockling's answer equals DuckDB's (absent when Rockling did not run). */
  readonly equal?: boolean;
  readonly mismatch?: string;
  /** DuckDB's answer in brief: row count and first row. */
  readonly answer: string;
}

/** Geometric means over one schema's queries (or all), over queries both systems answered. */
export interface GeomeanLine {
  readonly schema: Schema | 'all';
  readonly queries: number;
  readonly duckdbHotMs: number;
  readonly duckdbColdMs: number;
  readonly rocklingHotMs?: number;
  readonly rocklingColdMs?: number;
  readonly ratioHot?: number;
  readonly ratioCold?: number;
}

/** The whole report. */
export interface SsbReport {
  readonly benchmark: 'ssb';
  readonly reportVersion: 1;
  readonly date: string;
  readonly sf: number;
  readonly seed: number;
  readonly hotRuns: number;
  readonly coldEachQuery: boolean;
  readonly machine: MachineDescription;
  readonly data: {
    readonly generatorVersion: number;
    readonly reused: boolean;
    readonly generateSeconds?: number;
    readonly separator: string;
    readonly tables: Readonly<Record<string, { readonly rows: number; readonly bytes: number }>>;
  };
  readonly systems: {
    readonly duckdb: {
      readonly threads: string;
      readonly loads: readonly TableLoad[];
      readonly loadError?: string;
    };
    readonly rockling:
      | { readonly available: false; readonly reason: string }
      | {
          readonly available: true;
          /** Which server code ran, e.g. 'dist built 2026-11-21T17:20Z'. */
          readonly build: string;
          readonly loads: readonly TableLoad[];
          readonly loadError?: string;
          readonly footprint?: RocklingFootprint;
        };
  };
  /** 1-minute load average when the run ended (the machine is shared; see machine.loadAverage1m). */
  readonly loadAverageEnd?: number;
  readonly queries: readonly QueryLine[];
  readonly geomeans: readonly GeomeanLine[];
  readonly crossSchema: readonly { readonly id: string; readonly equal: boolean; readonly reason?: string }[];
  readonly failures: readonly string[];
  readonly passed: boolean;
}

function numbers(run: QueryRun | undefined): QueryNumbers {
  if (run === undefined) return { hotRunsMs: [], error: 'not run' };
  const { coldMs, hotMs, hotRunsMs, rows, error } = run;
  return {
    hotRunsMs,
    ...(coldMs !== undefined ? { coldMs } : {}),
    ...(hotMs !== undefined ? { hotMs } : {}),
    ...(rows !== undefined ? { rows } : {}),
    ...(error !== undefined ? { error } : {}),
  };
}

function queryLine(q: SsbQuery, duck: SideRun, rock: SideRun | undefined): QueryLine {
  const d = duck.queries.get(queryKey(q));
  const r = rock?.queries.get(queryKey(q));
  const line: QueryLine = {
    id: q.id,
    schema: q.schema,
    sql: q.sql,
    duckdb: numbers(d),
    answer: d?.result !== undefined ? describeResult(d.result) : `error: ${d?.error ?? 'not run'}`,
  };
  if (rock === undefined) return line;
  const ratioHot = ratio(r?.hotMs, d?.hotMs);
  const ratioCold = ratio(r?.coldMs, d?.coldMs);
  const cmp =
    d?.result !== undefined && r?.result !== undefined
      ? compareResults(d.result, r.result, ['duckdb', 'rockling'])
      : undefined;
  return {
    ...line,
    rockling: numbers(r),
    ...(ratioHot !== undefined ? { ratioHot } : {}),
    ...(ratioCold !== undefined ? { ratioCold } : {}),
    equal: cmp?.equal ?? false,
    ...(cmp === undefined
      ? { mismatch: 'no answer to compare' }
      : cmp.reason !== undefined
        ? { mismatch: cmp.reason }
        : {}),
  };
}

function geomeans(lines: readonly QueryLine[], rocklingRan: boolean): GeomeanLine[] {
  const out: GeomeanLine[] = [];
  for (const schema of ['multi', 'flat', 'all'] as const) {
    const pick = lines.filter(
      (l) =>
        (schema === 'all' || l.schema === schema) &&
        l.duckdb.hotMs !== undefined &&
        l.duckdb.coldMs !== undefined,
    );
    const both = rocklingRan
      ? pick.filter((l) => l.rockling?.hotMs !== undefined && l.rockling.coldMs !== undefined)
      : pick;
    if (both.length === 0) continue;
    const dh = geomean(both.map((l) => l.duckdb.hotMs as number));
    const dc = geomean(both.map((l) => l.duckdb.coldMs as number));
    const base = { schema, queries: both.length, duckdbHotMs: dh, duckdbColdMs: dc };
    if (!rocklingRan) {
      out.push(base);
      continue;
    }
    const rh = geomean(both.map((l) => l.rockling?.hotMs as number));
    const rc = geomean(both.map((l) => l.rockling?.coldMs as number));
    out.push({ ...base, rocklingHotMs: rh, rocklingColdMs: rc, ratioHot: rh / dh, ratioCold: rc / dc });
  }
  return out;
}

/** Multi-table and flat answers must agree where the queries mean the same (DuckDB's answers). */
function crossSchema(queries: readonly SsbQuery[], duck: SideRun): SsbReport['crossSchema'] {
  const out: { id: string; equal: boolean; reason?: string }[] = [];
  for (const id of CROSS_SCHEMA_EQUAL) {
    const m = duck.queries.get(`multi:${id}`)?.result;
    const f = duck.queries.get(`flat:${id}`)?.result;
    if (m === undefined || f === undefined || !queries.some((q) => q.id === id)) continue;
    const cmp = compareResults(m, f, ['multi', 'flat']);
    out.push({ id, equal: cmp.equal, ...(cmp.reason !== undefined ? { reason: cmp.reason } : {}) });
  }
  return out;
}

/** Everything needed to build a report. */
export interface ReportInput {
  readonly data: SsbData;
  readonly reused: boolean;
  readonly generateSeconds?: number;
  readonly hotRuns: number;
  readonly coldEachQuery: boolean;
  readonly machine: MachineDescription;
  readonly duckdbThreads: string;
  readonly queries: readonly SsbQuery[];
  readonly duckdb: SideRun;
  /** A run, or the reason Rockling was not run. */
  readonly rockling: SideRun | { readonly unavailable: string };
  /** Which Rockling build ran (see buildDescription). */
  readonly rocklingBuild: string;
  readonly rocklingFootprint?: RocklingFootprint;
  readonly loadAverageEnd?: number;
}

function failuresOf(
  input: ReportInput,
  lines: readonly QueryLine[],
  cross: SsbReport['crossSchema'],
): string[] {
  const f: string[] = [];
  if (input.duckdb.loadError !== undefined) f.push(`duckdb load failed: ${input.duckdb.loadError}`);
  const rock = 'unavailable' in input.rockling ? undefined : input.rockling;
  if (rock?.loadError !== undefined) f.push(`rockling load failed: ${rock.loadError}`);
  for (const l of lines) {
    const name = `${l.schema} ${l.id}`;
    if (l.duckdb.error !== undefined) f.push(`${name}: duckdb error: ${l.duckdb.error}`);
    if (rock !== undefined && rock.loadError === undefined) {
      if (l.rockling?.error !== undefined) f.push(`${name}: rockling error: ${l.rockling.error}`);
      else if (l.equal !== true) f.push(`${name}: answers differ: ${l.mismatch ?? '?'}`);
    }
  }
  for (const c of cross)
    if (!c.equal) f.push(`cross-schema ${c.id}: multi and flat differ: ${c.reason ?? '?'}`);
  return f;
}

/** Assemble the report from both runs. */
export function buildReport(input: ReportInput): SsbReport {
  const rock = 'unavailable' in input.rockling ? undefined : input.rockling;
  const lines = input.queries.map((q) => queryLine(q, input.duckdb, rock));
  const cross = crossSchema(input.queries, input.duckdb);
  const failures = failuresOf(input, lines, cross);
  const { data } = input;
  return {
    benchmark: 'ssb',
    reportVersion: 1,
    date: new Date().toISOString(),
    sf: data.sf,
    seed: data.seed,
    hotRuns: input.hotRuns,
    coldEachQuery: input.coldEachQuery,
    machine: input.machine,
    data: {
      generatorVersion: data.generatorVersion,
      reused: input.reused,
      ...(input.generateSeconds !== undefined ? { generateSeconds: input.generateSeconds } : {}),
      separator: data.separator,
      tables: Object.fromEntries(
        Object.entries(data.files).map(([t, f]) => [t, { rows: f.rows, bytes: f.bytes }]),
      ),
    },
    systems: {
      duckdb: {
        threads: input.duckdbThreads,
        loads: input.duckdb.loads,
        ...(input.duckdb.loadError !== undefined ? { loadError: input.duckdb.loadError } : {}),
      },
      rockling:
        'unavailable' in input.rockling
          ? { available: false, reason: input.rockling.unavailable }
          : {
              available: true,
              build: input.rocklingBuild,
              loads: input.rockling.loads,
              ...(input.rockling.loadError !== undefined ? { loadError: input.rockling.loadError } : {}),
              ...(input.rocklingFootprint !== undefined ? { footprint: input.rocklingFootprint } : {}),
            },
    },
    ...(input.loadAverageEnd !== undefined ? { loadAverageEnd: input.loadAverageEnd } : {}),
    queries: lines,
    geomeans: geomeans(lines, rock !== undefined && rock.loadError === undefined),
    crossSchema: cross,
    failures,
    passed: failures.length === 0,
  };
}
