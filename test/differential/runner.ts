/**
 * The differential runner: for a seed, generate the tables and N queries, run each through the
 * compiler directly and through the in-process API, compare both with the reference (oracle or
 * DuckDB), and classify every difference (mismatch, documented difference, error).
 * Query i of a seed draws from its own PRNG stream, so `replay(seed, i)` reproduces one query.
 */
import { Rng } from '../../bench/common/prng.js';
import { generateTables, type TableData } from './data.js';
import { explainDifference } from './known.js';
import { type Cell, cellFromText, cellKey, cellsEqual, type Family } from './model.js';
import type { GenQuery, OutColumn, QueryEnv } from './query.js';
import { joinQuery, semiQuery, setOpQuery, subqueryQuery, windowQuery } from './shapes-duck.js';
import { aggQuery, constQuery, distinctQuery, exprQuery, orderQuery } from './shapes-oracle.js';
import { Targets, type TextResult } from './targets.js';
import type { SqlType } from '../../src/types/index.js';

const SHAPES: readonly (readonly [number, (env: QueryEnv) => GenQuery])[] = [
  [30, exprQuery],
  [5, constQuery],
  [15, aggQuery],
  [10, orderQuery],
  [5, distinctQuery],
  [12, joinQuery],
  [8, semiQuery],
  [5, setOpQuery],
  [5, windowQuery],
  [5, subqueryQuery],
];

/** Query `index` of a seed. */
export function generateQuery(seed: number, index: number, tables: readonly TableData[]): GenQuery {
  const rng = new Rng(seed, 1000 + index);
  const total = SHAPES.reduce((a, [w]) => a + w, 0);
  let pick = rng.int(0, total - 1);
  for (const [w, shape] of SHAPES) {
    if (pick < w) return shape({ rng, tables });
    pick -= w;
  }
  throw new Error('unreachable');
}

export type Verdict = 'match' | 'mismatch' | 'explained' | 'compile-error' | 'run-error';

export interface Outcome {
  readonly seed: number;
  readonly index: number;
  readonly query: GenQuery;
  readonly verdict: Verdict;
  /** For explained differences: the docs/differences.md entry; for failures: what differed. */
  readonly detail: string;
  readonly path?: 'direct' | 'e2e';
}

function familyOf(t: SqlType): Family | null {
  switch (t.kind) {
    case 'tinyint':
    case 'smallint':
    case 'int':
    case 'bigint':
    case 'largeint':
      return 'int';
    case 'decimal':
      return 'dec';
    case 'float':
    case 'double':
      return 'dbl';
    case 'char':
    case 'varchar':
    case 'string':
      return 'str';
    case 'date':
      return 'date';
    case 'datetime':
      return 'dt';
    case 'boolean':
      return 'bool';
    default:
      return null;
  }
}

function toCells(rows: readonly (readonly (string | null)[])[], cols: readonly OutColumn[]): Cell[][] {
  return rows.map((r) => r.map((v, i) => cellFromText(v, cols[i]?.fam ?? 'str', cols[i]?.approx ?? 0)));
}

const rowKey = (r: readonly Cell[]): string => r.map(cellKey).join('\u0001');
const show = (r: readonly Cell[]): string =>
  `(${r.map((c) => (c === null ? 'NULL' : (c.x ?? String('f' in c ? c.f : '')))).join(', ')})`;

/** Compare actual and expected rows; null when equal, else a description of the first difference. */
export function diffRows(
  actual: Cell[][],
  expected: Cell[][],
  ordered: boolean,
  exact = false,
): string | null {
  if (actual.length !== expected.length) {
    return `row count ${actual.length} ≠ expected ${expected.length}; first actual ${actual[0] ? show(actual[0]) : '-'}, first expected ${expected[0] ? show(expected[0]) : '-'}`;
  }
  const a = ordered ? actual : [...actual].sort((x, y) => (rowKey(x) < rowKey(y) ? -1 : 1));
  const e = ordered ? expected : [...expected].sort((x, y) => (rowKey(x) < rowKey(y) ? -1 : 1));
  for (let i = 0; i < a.length; i++) {
    const ra = a[i] ?? [];
    const re = e[i] ?? [];
    if (ra.length !== re.length || ra.some((c, j) => !cellsEqual(c, re[j] ?? null, exact))) {
      return `row ${i}: got ${show(ra)}, expected ${show(re)}`;
    }
  }
  return null;
}

/** Type-family check of the result columns, then the rows. */
function judge(got: TextResult, q: GenQuery, expected: Cell[][]): string | null {
  for (let i = 0; i < q.columns.length; i++) {
    const want = q.columns[i]?.fam;
    const t = got.types[i];
    const fam = t === undefined ? null : familyOf(t);
    if (fam !== want) return `column ${i + 1} type ${t?.kind ?? 'missing'}, expected family ${want}`;
  }
  const cells = toCells(got.rows, q.columns);
  const tolerant = diffRows(cells, expected, q.ordered);
  if (tolerant !== null) return tolerant;
  const exact = diffRows(cells, expected, q.ordered, true);
  return exact === null ? null : `inexact decimal: ${exact}`;
}

export class DifferentialRunner {
  private constructor(
    readonly seed: number,
    readonly tables: readonly TableData[],
    private readonly targets: Targets,
  ) {}

  static async create(seed: number): Promise<DifferentialRunner> {
    const tables = generateTables(seed);
    return new DifferentialRunner(seed, tables, await Targets.create(tables));
  }

  /** Generate and check query `index`; `e2e` also runs it through the in-process API. */
  async run(index: number, e2e = true): Promise<Outcome> {
    const q = generateQuery(this.seed, index, this.tables);
    const base = { seed: this.seed, index, query: q };
    const expected = q.expected ?? toCells(await this.targets.reference(q.duckSql ?? ''), q.columns);
    let direct: TextResult;
    try {
      direct = await this.targets.direct(q.sql);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      const known = explainDifference(q, detail);
      return {
        ...base,
        verdict: known
          ? 'explained'
          : /compil|analyz|pars|support|match/i.test(detail)
            ? 'compile-error'
            : 'run-error',
        detail: known ?? detail,
        path: 'direct',
      };
    }
    const d1 = judge(direct, q, expected);
    if (d1 !== null) {
      const known = explainDifference(q, d1);
      return { ...base, verdict: known ? 'explained' : 'mismatch', detail: known ?? d1, path: 'direct' };
    }
    if (!e2e) return { ...base, verdict: 'match', detail: '' };
    let full: TextResult;
    try {
      full = await this.targets.endToEnd(q.sql);
    } catch (error) {
      return {
        ...base,
        verdict: 'run-error',
        detail: error instanceof Error ? error.message : String(error),
        path: 'e2e',
      };
    }
    const d2 = judge(full, q, expected);
    if (d2 !== null) {
      const known = explainDifference(q, d2);
      return { ...base, verdict: known ? 'explained' : 'mismatch', detail: known ?? d2, path: 'e2e' };
    }
    return { ...base, verdict: 'match', detail: '' };
  }

  /** The raw difference of query `index` through the compiler (before classification). */
  async rawDiff(index: number): Promise<string | null> {
    const q = generateQuery(this.seed, index, this.tables);
    const expected = q.expected ?? toCells(await this.targets.reference(q.duckSql ?? ''), q.columns);
    return judge(await this.targets.direct(q.sql), q, expected);
  }

  /** The compiled DuckDB SQL of a query (for replay reports). */
  async compiledSql(sql: string): Promise<string> {
    return (await this.targets.direct(sql)).duckSql;
  }

  close(): Promise<void> {
    return this.targets.close();
  }
}

/** Counts over many outcomes. */
export interface Tally {
  generated: number;
  compiled: number;
  matched: number;
  mismatched: number;
  explained: number;
  errors: number;
  byCategory: Record<string, Record<Verdict, number>>;
  explanations: Record<string, number>;
  failures: Outcome[];
}

export function emptyTally(): Tally {
  return {
    generated: 0,
    compiled: 0,
    matched: 0,
    mismatched: 0,
    explained: 0,
    errors: 0,
    byCategory: {},
    explanations: {},
    failures: [],
  };
}

export function record(t: Tally, o: Outcome): void {
  t.generated++;
  if (o.verdict !== 'compile-error') t.compiled++;
  const cat = (t.byCategory[o.query.category] ??= {
    match: 0,
    mismatch: 0,
    explained: 0,
    'compile-error': 0,
    'run-error': 0,
  });
  cat[o.verdict]++;
  if (o.verdict === 'match') t.matched++;
  else if (o.verdict === 'explained') {
    t.explained++;
    t.explanations[o.detail] = (t.explanations[o.detail] ?? 0) + 1;
  } else {
    if (o.verdict === 'mismatch') t.mismatched++;
    else t.errors++;
    t.failures.push(o);
  }
}
