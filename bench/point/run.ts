/**
 * The point-lookup / concurrency benchmark: for each arrival rate, open-loop point lookups by
 * random user_id through prepared statements; then the seed's mixed load (point lookups plus
 * the complex audience query at the seed's peak 200 QPS). Both systems see the same schedule and
 * the same random ids; their answers are compared on a sample before any timing. Both are loaded
 * first and then take turns scenario by scenario (DuckDB, Rockling, DuckDB, …), so on a shared
 * machine both see about the same background load; each scenario records the load average.
 */
import { loadavg } from 'node:os';
import {
  Rng,
  canonicalize,
  compareResults,
  describeMachine,
  runOpenLoop,
  summarizeLatencies,
  type MachineDescription,
  type OpenLoopResult,
  type ServerBuild,
} from '../common/index.js';
import { CITIES, complexSql, ensurePointData, type PointData } from './data.js';
import { DuckDbPoint, RocklingPoint, duckDbVersion, type PointTarget } from './targets.js';

/** Options of one run. */
export interface PointOptions {
  readonly rows: number;
  readonly seed: number;
  readonly rates: readonly number[];
  readonly durationMs: number;
  readonly connections: number;
  /** Total QPS of the mixed scenario and the complex queries' share of it. */
  readonly mixedQps: number;
  readonly complexShare: number;
  readonly dataDir: string;
  readonly rockling: boolean;
  readonly build: ServerBuild;
  readonly repoRoot: string;
  readonly quiet: boolean;
}

/** One scenario on one system. */
export interface ScenarioResult {
  readonly scenario: string;
  readonly kind: 'point' | 'complex';
  readonly system: string;
  readonly result: OpenLoopResult;
  /** 1-minute load average when the scenario started and when it ended (shared machine). */
  readonly loadAvg?: { readonly start: number; readonly end: number };
}

/** The whole run. */
export interface PointReport {
  readonly benchmark: 'point';
  readonly date: string;
  readonly options: Omit<PointOptions, 'repoRoot' | 'quiet'>;
  readonly machine: MachineDescription;
  readonly loads: Readonly<Record<string, { ms: number; method: string }>>;
  readonly rockling: { readonly available: boolean; readonly reason?: string };
  readonly scenarios: readonly ScenarioResult[];
  readonly failures: readonly string[];
  readonly passed: boolean;
}

function note(quiet: boolean, text: string): void {
  if (!quiet) process.stderr.write(`${text}\n`);
}

/** One scenario: its name and how to run it on a target (same ids on every target). */
interface Scenario {
  readonly name: string;
  run(t: PointTarget): Promise<readonly { kind: 'point' | 'complex'; result: OpenLoopResult }[]>;
}

/**
 * One lookup at a time, back to back: each system's latency with no queueing at all. Its P99 is
 * the floor the open-loop scenarios cannot go below on this machine (scheduling jitter included).
 */
function serialScenario(o: PointOptions): Scenario {
  return {
    name: 'serial',
    async run(t) {
      const rng = new Rng(o.seed, 0);
      const latencies: number[] = [];
      let errors = 0;
      const start = performance.now();
      while (performance.now() - start < o.durationMs) {
        const sent = performance.now();
        try {
          await t.lookup(rng.int(1, o.rows));
          latencies.push(performance.now() - sent);
        } catch {
          errors++;
        }
      }
      const wallMs = performance.now() - start;
      const result = summarizeLatencies(latencies, {
        ratePerSec: 0,
        durationMs: o.durationMs,
        intended: latencies.length + errors,
        errors,
        wallMs,
      });
      return [{ kind: 'point', result }];
    },
  };
}

function pointScenario(rate: number, o: PointOptions): Scenario {
  return {
    name: `point@${rate}`,
    async run(t) {
      const rng = new Rng(o.seed, rate); // the same ids for every system at this rate
      const result = await runOpenLoop({
        ratePerSec: rate,
        durationMs: o.durationMs,
        maxInFlight: o.connections,
        send: async () => void (await t.lookup(rng.int(1, o.rows))),
      });
      return [{ kind: 'point', result }];
    },
  };
}

function mixedScenario(o: PointOptions): Scenario {
  const complexQps = o.mixedQps * o.complexShare;
  return {
    name: `mixed@${o.mixedQps}`,
    async run(t) {
      const pointRng = new Rng(o.seed, 100_001);
      const complexRng = new Rng(o.seed, 100_002);
      const [point, complex] = await Promise.all([
        runOpenLoop({
          ratePerSec: o.mixedQps - complexQps,
          durationMs: o.durationMs,
          maxInFlight: o.connections,
          send: async () => void (await t.lookup(pointRng.int(1, o.rows))),
        }),
        runOpenLoop({
          ratePerSec: complexQps,
          durationMs: o.durationMs,
          maxInFlight: Math.max(1, Math.floor(o.connections / 4)),
          send: async () => void (await t.query(complexSql(complexRng.pickDistinct(CITIES, 5)))),
        }),
      ]);
      return [
        { kind: 'point', result: point },
        { kind: 'complex', result: complex },
      ];
    },
  };
}

/** Every scenario on every target, the targets taking turns scenario by scenario. */
async function scenarios(targets: readonly PointTarget[], o: PointOptions): Promise<ScenarioResult[]> {
  const out: ScenarioResult[] = [];
  const list = [serialScenario(o), ...o.rates.map((r) => pointScenario(r, o)), mixedScenario(o)];
  for (const sc of list) {
    for (const t of targets) {
      const start = loadavg()[0] ?? 0;
      const parts = await sc.run(t);
      const loadAvg = { start, end: loadavg()[0] ?? 0 };
      for (const { kind, result } of parts) {
        out.push({ scenario: sc.name, kind, system: t.name, result, loadAvg });
        note(
          o.quiet,
          `${t.name} ${sc.name} ${kind}: p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms, ` +
            `p99.9 ${result.p999Ms.toFixed(2)} ms, ${result.achievedPerSec.toFixed(0)}/s (load ${start.toFixed(1)}→${loadAvg.end.toFixed(1)})`,
        );
      }
    }
  }
  return out;
}

/** Compare answers of both systems on a sample of lookups and complex queries. */
async function checkAnswers(a: PointTarget, b: PointTarget, o: PointOptions): Promise<string[]> {
  const rng = new Rng(o.seed, 99);
  const failures: string[] = [];
  for (let i = 0; i < 100; i++) {
    const id = rng.int(1, o.rows);
    const cmp = compareResults(canonicalize([await a.lookup(id)], 7), canonicalize([await b.lookup(id)], 7), [
      a.name,
      b.name,
    ]);
    if (!cmp.equal) failures.push(`lookup ${id}: ${cmp.reason ?? '?'}`);
  }
  for (let i = 0; i < 5; i++) {
    const sql = complexSql(rng.pickDistinct(CITIES, 5));
    const cmp = compareResults(canonicalize(await a.query(sql), 2), canonicalize(await b.query(sql), 2), [
      a.name,
      b.name,
    ]);
    if (!cmp.equal) failures.push(`complex query: ${cmp.reason ?? '?'}`);
  }
  return failures.slice(0, 10);
}

/** Generate, load both systems, check answers, run all scenarios. */
export async function runPoint(o: PointOptions): Promise<PointReport> {
  const data: PointData = await ensurePointData({
    rows: o.rows,
    seed: o.seed,
    dir: o.dataDir,
    quiet: o.quiet,
  });
  const machine = describeMachine({ duckdb: duckDbVersion() });
  const loads: Record<string, { ms: number; method: string }> = {};
  const failures: string[] = [];
  const results: ScenarioResult[] = [];
  const duck = new DuckDbPoint(o.connections);
  let rockling: PointReport['rockling'] = { available: false, reason: 'skipped (--systems duckdb)' };
  let rock: RocklingPoint | undefined;
  try {
    loads['duckdb'] = await duck.load(data);
    const targets: PointTarget[] = [duck];
    if (o.rockling) {
      const started = await RocklingPoint.start({
        repoRoot: o.repoRoot,
        build: o.build,
        connections: o.connections,
      });
      if ('unavailable' in started) {
        rockling = { available: false, reason: started.unavailable };
        note(o.quiet, `rockling server not available: ${started.unavailable}`);
      } else {
        rock = started;
        rockling = { available: true };
        try {
          loads['rockling'] = await rock.load(data);
          failures.push(...(await checkAnswers(duck, rock, o)));
          targets.push(rock);
        } catch (e) {
          failures.push(`rockling: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }
    results.push(...(await scenarios(targets, o)));
  } finally {
    await rock?.close();
    await duck.close();
  }
  for (const s of results) {
    if (s.result.errors > 0)
      failures.push(
        `${s.system} ${s.scenario} ${s.kind}: ${s.result.errors} errors (${s.result.firstError ?? '?'})`,
      );
  }
  const options: PointReport['options'] = {
    rows: o.rows,
    seed: o.seed,
    rates: o.rates,
    durationMs: o.durationMs,
    connections: o.connections,
    mixedQps: o.mixedQps,
    complexShare: o.complexShare,
    dataDir: o.dataDir,
    rockling: o.rockling,
    build: o.build,
  };
  return {
    benchmark: 'point',
    date: new Date().toISOString(),
    options,
    machine,
    loads,
    rockling,
    scenarios: results,
    failures,
    passed: failures.length === 0,
  };
}
