/**
 * Query shapes answered by the TypeScript oracle: projections of random expressions with WHERE,
 * SELECT without FROM, GROUP BY with aggregates and HAVING, ORDER BY + LIMIT/OFFSET, DISTINCT.
 */
import type { Ex, Row } from './expr.js';
import { compareValues } from './expr-bool.js';
import { genDecDivide } from './expr-num.js';
import { conditional, makeGen } from './gen.js';
import { type Cell, cellKey, cellOf, type Family, type OT, type OV, TY } from './model.js';
import { cellsOf, type GenQuery, outOf, type QueryEnv, rowsOf, scopeOf, table } from './query.js';

const FAMS: readonly Family[] = ['int', 'int', 'dec', 'dbl', 'str', 'str', 'date', 'dt', 'bool'];

/** An expression that is not a bare integer literal (which ORDER BY / GROUP BY read as a position). */
function keyExpr(g: ReturnType<typeof makeGen>, fam: Family, d: number): Ex {
  for (;;) {
    const e = g.of(fam, d);
    if (!/^\(?-?\d+\)?$/.test(e.sr)) return e;
  }
}

function setup(env: QueryEnv): { g: ReturnType<typeof makeGen>; rows: Row[]; name: string } {
  const name = env.rng.int(0, 3) === 0 ? 't2' : 't1';
  const t = table(env, name);
  return { g: makeGen(env.rng, scopeOf(t, null)), rows: rowsOf(t, null), name };
}

/** SELECT id, e1, … FROM t [WHERE p]. */
export function exprQuery(env: QueryEnv): GenQuery {
  const { g, rows, name } = setup(env);
  const n = env.rng.int(1, 3);
  const exprs: Ex[] = [];
  for (let i = 0; i < n; i++) {
    const pick = env.rng.int(0, 19);
    if (pick === 0) exprs.push(genDecDivide(g, 2));
    else if (pick === 1) exprs.push(conditional(g, 'dec', 2, true));
    else exprs.push(g.of(env.rng.pick(FAMS), env.rng.int(1, 4)));
  }
  const where = env.rng.int(0, 2) === 0 ? g.of('bool', env.rng.int(1, 3)) : null;
  const kept = where === null ? rows : rows.filter((r) => where.ev(r) === true);
  const idCol: Ex = { t: TY.int, sr: 'id', duck: 'id', ev: (r) => r.id ?? null, approx: 0, ip: 0 };
  const all = [idCol, ...exprs];
  return {
    category: where === null ? 'expr' : 'expr-where',
    sql: `SELECT ${all.map((e) => e.sr).join(', ')} FROM ${name}${where ? ` WHERE ${where.sr}` : ''}`,
    columns: all.map(outOf),
    ordered: false,
    expected: kept.map((r) => cellsOf(r, all)),
    duckSql: null,
  };
}

/** SELECT e1, … without FROM (constant folding paths). */
export function constQuery(env: QueryEnv): GenQuery {
  const g = makeGen(env.rng, []);
  const exprs = Array.from({ length: env.rng.int(1, 3) }, () => g.of(env.rng.pick(FAMS), env.rng.int(1, 4)));
  return {
    category: 'const',
    sql: `SELECT ${exprs.map((e) => e.sr).join(', ')}`,
    columns: exprs.map(outOf),
    ordered: false,
    expected: [cellsOf({}, exprs)],
    duckSql: null,
  };
}

interface Agg {
  readonly sql: string;
  readonly t: OT;
  readonly approx: number;
  readonly ev: (rows: readonly Row[]) => OV;
}

function nonNull(x: Ex, rows: readonly Row[]): OV[] {
  return rows.map((r) => x.ev(r)).filter((v) => v !== null);
}

/** One aggregate over an argument expression, with StarRocks' result types. */
function genAgg(env: QueryEnv, g: ReturnType<typeof makeGen>): Agg {
  const r = env.rng;
  const kind = r.pick(['count*', 'count', 'sum', 'avg', 'min', 'max', 'countd'] as const);
  if (kind === 'count*')
    return { sql: 'COUNT(*)', t: TY.bigint, approx: 0, ev: (rows) => BigInt(rows.length) };
  const fam = kind === 'sum' || kind === 'avg' ? r.pick(['int', 'int', 'dec', 'dbl'] as const) : r.pick(FAMS);
  const x = g.of(fam, r.int(0, 2));
  const vals = (rows: readonly Row[]): OV[] => nonNull(x, rows);
  switch (kind) {
    case 'count':
      return { sql: `COUNT(${x.sr})`, t: TY.bigint, approx: 0, ev: (rows) => BigInt(vals(rows).length) };
    case 'countd':
      return {
        sql: `COUNT(DISTINCT ${x.sr})`,
        t: TY.bigint,
        approx: 0,
        // Exact keys: doubles that differ in the last digit are distinct values.
        ev: (rows) =>
          BigInt(
            new Set(vals(rows).map((v) => (x.t.k === 'dbl' ? String(v) : cellKey(cellOf(v, x.t))))).size,
          ),
      };
    case 'min':
    case 'max': {
      const ev = (rows: readonly Row[]): OV => {
        let best: OV = null;
        for (const v of vals(rows)) {
          const c = best === null ? 0 : (compareValues(v, x.t, best, x.t, false) ?? 0);
          if (best === null || (kind === 'min' ? c < 0 : c > 0)) best = v;
        }
        return best;
      };
      return { sql: `${kind.toUpperCase()}(${x.sr})`, t: x.t, approx: x.approx, ev };
    }
    case 'sum':
    case 'avg':
      return sumAvg(kind, x, vals);
  }
}

function sumAvg(kind: 'sum' | 'avg', x: Ex, vals: (rows: readonly Row[]) => OV[]): Agg {
  const t = x.t;
  const sql = `${kind.toUpperCase()}(${x.sr})`;
  if (t.k === 'dbl') {
    const ev = (rows: readonly Row[]): OV => {
      const vs = vals(rows) as number[];
      if (vs.length === 0) return null;
      const s = vs.reduce((a, b) => a + b, 0);
      return kind === 'sum' ? s : s / vs.length;
    };
    return { sql, t: TY.dbl, approx: 1e-6, ev };
  }
  const exact = (rows: readonly Row[]): bigint | null => {
    const vs = vals(rows) as bigint[];
    return vs.length === 0 ? null : vs.reduce((a, b) => a + b, 0n);
  };
  if (kind === 'sum') {
    // SUM(integer) is BIGINT and wraps like StarRocks' int64 accumulator; SUM(DECIMAL) is DECIMAL(38, s).
    const rt: OT = t.k === 'dec' ? TY.dec(38, t.s) : TY.bigint;
    return {
      sql,
      t: rt,
      approx: 0,
      ev: (rows) => {
        const s = exact(rows);
        return s === null ? null : rt.k === 'dec' ? s : BigInt.asIntN(64, s);
      },
    };
  }
  if (t.k === 'dec') {
    // AVG(DECIMAL) is SUM / COUNT with the DECIMAL division scale (s + 6 up to 12), rounded half up.
    const rs = t.s <= 6 ? t.s + 6 : t.s <= 12 ? 12 : t.s;
    const ev = (rows: readonly Row[]): OV => {
      const s = exact(rows);
      if (s === null) return null;
      const num = s * 10n ** BigInt(rs - t.s);
      const n = BigInt(vals(rows).length);
      const q = num / n;
      const twice = (num - q * n < 0n ? -(num - q * n) : num - q * n) * 2n;
      return twice >= n ? q + (num < 0n ? -1n : 1n) : q;
    };
    return { sql, t: TY.dec(38, rs), approx: 1e-9, ev };
  }
  const ev = (rows: readonly Row[]): OV => {
    const s = exact(rows);
    if (s === null) return null;
    return Number(s) / vals(rows).length;
  };
  return { sql, t: TY.dbl, approx: 1e-9, ev };
}

/** SELECT g…, aggregates FROM t [WHERE] [GROUP BY g…] [HAVING]. */
export function aggQuery(env: QueryEnv): GenQuery {
  const { g, rows, name } = setup(env);
  const r = env.rng;
  const keys = Array.from({ length: r.int(0, 2) }, () =>
    keyExpr(g, r.pick(['int', 'str', 'date', 'bool', 'dec'] as const), r.int(0, 2)),
  );
  const aggs = Array.from({ length: r.int(1, 4) }, () => genAgg(env, g));
  const where = r.int(0, 2) === 0 ? g.of('bool', 2) : null;
  const kept = where === null ? rows : rows.filter((x) => where.ev(x) === true);
  const groups = new Map<string, Row[]>();
  if (keys.length === 0) groups.set('', kept);
  for (const row of kept) {
    if (keys.length === 0) break;
    const k = keys.map((e) => cellKey(cellOf(e.ev(row), e.t))).join('\u0001');
    groups.set(k, [...(groups.get(k) ?? []), row]);
  }
  const having = keys.length > 0 && r.int(0, 2) === 0 ? { n: BigInt(r.int(1, 3)) } : null;
  const expected: Cell[][] = [];
  for (const members of groups.values()) {
    if (having !== null && BigInt(members.length) < having.n) continue;
    const first = members[0] ?? {};
    expected.push([...cellsOf(first, keys), ...aggs.map((a) => cellOf(a.ev(members), a.t, a.approx))]);
  }
  const select = [...keys.map((k) => k.sr), ...aggs.map((a) => a.sql)].join(', ');
  const groupBy = keys.length === 0 ? '' : ` GROUP BY ${keys.map((k) => k.sr).join(', ')}`;
  return {
    category: keys.length === 0 ? 'agg-global' : having ? 'agg-having' : 'agg-group',
    sql: `SELECT ${select} FROM ${name}${where ? ` WHERE ${where.sr}` : ''}${groupBy}${having ? ` HAVING COUNT(*) >= ${having.n}` : ''}`,
    columns: [...keys.map(outOf), ...aggs.map((a) => ({ fam: a.t.k, approx: a.approx }))],
    ordered: false,
    expected,
    duckSql: null,
  };
}

/** ORDER BY keys (StarRocks default: NULLS FIRST ascending, LAST descending) + id, LIMIT/OFFSET. */
export function orderQuery(env: QueryEnv): GenQuery {
  const { g, rows, name } = setup(env);
  const r = env.rng;
  const keys = Array.from({ length: r.int(1, 2) }, () => ({
    e: keyExpr(g, r.pick(['int', 'str', 'date', 'dec', 'dbl', 'dt', 'bool'] as const), r.int(0, 2)),
    desc: r.int(0, 1) === 1,
    nulls: r.pick([null, null, 'FIRST', 'LAST'] as const),
  }));
  const idCol: Ex = { t: TY.int, sr: 'id', duck: 'id', ev: (x) => x.id ?? null, approx: 0, ip: 0 };
  const where = r.int(0, 2) === 0 ? g.of('bool', 2) : null;
  const kept = (where === null ? rows : rows.filter((x) => where.ev(x) === true)).slice();
  kept.sort((a, b) => {
    for (const k of keys) {
      const va = k.e.ev(a);
      const vb = k.e.ev(b);
      const nullsFirst = k.nulls === null ? !k.desc : k.nulls === 'FIRST';
      if (va === null || vb === null) {
        if (va === vb) continue;
        return (va === null) === nullsFirst ? -1 : 1;
      }
      const c = compareValues(va, k.e.t, vb, k.e.t, false) ?? 0;
      if (c !== 0) return k.desc ? -c : c;
    }
    return Number(a.id) - Number(b.id);
  });
  const limit = r.int(0, 2) === 0 ? null : r.int(0, 12);
  const offset = limit !== null && r.int(0, 2) === 0 ? r.int(0, 5) : 0;
  const page = limit === null ? kept : kept.slice(offset, offset + limit);
  const out = [idCol, ...keys.map((k) => k.e)];
  const order = keys
    .map((k) => `${k.e.sr}${k.desc ? ' DESC' : ''}${k.nulls ? ` NULLS ${k.nulls}` : ''}`)
    .join(', ');
  const lim = limit === null ? '' : offset > 0 ? ` LIMIT ${limit} OFFSET ${offset}` : ` LIMIT ${limit}`;
  return {
    category: limit === null ? 'order' : 'order-limit',
    sql: `SELECT ${out.map((e) => e.sr).join(', ')} FROM ${name}${where ? ` WHERE ${where.sr}` : ''} ORDER BY ${order}, id${lim}`,
    columns: out.map(outOf),
    ordered: true,
    expected: page.map((x) => cellsOf(x, out)),
    duckSql: null,
  };
}

/** SELECT DISTINCT e1, e2 FROM t [WHERE]. */
export function distinctQuery(env: QueryEnv): GenQuery {
  const { g, rows, name } = setup(env);
  const r = env.rng;
  const exprs = Array.from({ length: r.int(1, 2) }, () =>
    g.of(r.pick(['int', 'str', 'date', 'bool', 'dec'] as const), r.int(0, 2)),
  );
  const where = r.int(0, 2) === 0 ? g.of('bool', 2) : null;
  const seen = new Map<string, Cell[]>();
  for (const row of rows) {
    if (where !== null && where.ev(row) !== true) continue;
    const cells = cellsOf(row, exprs);
    seen.set(cells.map(cellKey).join('\u0001'), cells);
  }
  return {
    category: 'distinct',
    sql: `SELECT DISTINCT ${exprs.map((e) => e.sr).join(', ')} FROM ${name}${where ? ` WHERE ${where.sr}` : ''}`,
    columns: exprs.map(outOf),
    ordered: false,
    expected: [...seen.values()],
    duckSql: null,
  };
}
