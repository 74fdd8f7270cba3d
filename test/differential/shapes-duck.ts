/**
 * Relational query shapes checked against DuckDB running the same logical query written in
 * DuckDB SQL: joins of every kind, semi/anti joins (IN, EXISTS, LEFT SEMI/ANTI JOIN), set
 * operations, window functions with a total order, subqueries and aggregates over joins.
 * Expressions here are only those whose semantics coincide in both systems (`Ex.duck`), and NULL
 * ordering is written out in the DuckDB text (StarRocks: NULLS FIRST ascending, LAST descending).
 */
import type { Ex } from './expr.js';
import { makeGen } from './gen.js';
import type { Family } from './model.js';
import { type GenQuery, type OutColumn, outOf, type QueryEnv, scopeOf, table } from './query.js';

const JOIN_KEYS: readonly (readonly [string, string, Family])[] = [
  ['a', 'k', 'int'],
  ['a', 'a', 'int'],
  ['c', 'k', 'int'],
  ['s', 's', 'str'],
  ['dt', 'dt', 'date'],
  ['d', 'd', 'dec'],
];

function two(env: QueryEnv): {
  g: ReturnType<typeof makeGen>;
  g1: ReturnType<typeof makeGen>;
  g2: ReturnType<typeof makeGen>;
} {
  const s1 = scopeOf(table(env, 't1'), 't1');
  const s2 = scopeOf(table(env, 't2'), 't2');
  return { g: makeGen(env.rng, [...s1, ...s2]), g1: makeGen(env.rng, s1), g2: makeGen(env.rng, s2) };
}

function q(category: string, sql: string, duckSql: string, columns: OutColumn[], ordered = false): GenQuery {
  return { category, sql, duckSql, columns, ordered, expected: null };
}

const pickKey = (env: QueryEnv): readonly [string, string, Family] =>
  env.rng.pick(JOIN_KEYS).filter(() => true) as unknown as readonly [string, string, Family];

/** t1 [INNER|LEFT|RIGHT|FULL|CROSS] JOIN t2 … */
export function joinQuery(env: QueryEnv): GenQuery {
  const r = env.rng;
  const { g, g1, g2 } = two(env);
  const [k1, k2] = pickKey(env);
  const kind = r.pick(['INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'COMMA', 'INNER'] as const);
  const extra = r.int(0, 2) === 0 ? g.simple('bool') : null;
  const on = `t1.${k1} = t2.${k2}${extra ? ` AND ${extra.sr}` : ''}`;
  const onDuck = `t1.${k1} = t2.${k2}${extra ? ` AND ${extra.duck}` : ''}`;
  const cols: Ex[] = [
    g1.simple(r.pick(['int', 'str', 'date'] as const)),
    g2.simple(r.pick(['int', 'str', 'dec'] as const)),
  ];
  const where = r.int(0, 1) === 0 ? g.simple('bool') : null;
  const sel = ['t1.id', 't2.id', ...cols.map((c) => c.sr)].join(', ');
  const selDuck = ['t1.id', 't2.id', ...cols.map((c) => c.duck)].join(', ');
  let from: string;
  let fromDuck: string;
  if (kind === 'CROSS' || kind === 'COMMA') {
    const sep = kind === 'CROSS' ? ' CROSS JOIN ' : ', ';
    from = `t1${sep}t2`;
    fromDuck = `t1${sep}t2`;
    const w = `${on}${where ? ` AND ${where.sr}` : ''}`;
    const wd = `${onDuck}${where ? ` AND ${where.duck}` : ''}`;
    return q(
      `join-${kind.toLowerCase()}`,
      `SELECT ${sel} FROM ${from} WHERE ${w}`,
      `SELECT ${selDuck} FROM ${fromDuck} WHERE ${wd}`,
      cols2(cols),
    );
  }
  from = `t1 ${kind === 'INNER' ? 'JOIN' : `${kind} OUTER JOIN`} t2 ON ${on}`;
  fromDuck = `t1 ${kind === 'INNER' ? 'JOIN' : `${kind} OUTER JOIN`} t2 ON ${onDuck}`;
  const wsr = where ? ` WHERE ${where.sr}` : '';
  const wdk = where ? ` WHERE ${where.duck}` : '';
  return q(
    `join-${kind.toLowerCase()}`,
    `SELECT ${sel} FROM ${from}${wsr}`,
    `SELECT ${selDuck} FROM ${fromDuck}${wdk}`,
    cols2(cols),
  );
}

function cols2(cols: readonly Ex[]): OutColumn[] {
  return [{ fam: 'int', approx: 0 }, { fam: 'int', approx: 0 }, ...cols.map(outOf)];
}

/** Semi/anti joins: IN / NOT IN / EXISTS / NOT EXISTS subqueries and LEFT SEMI/ANTI JOIN. */
export function semiQuery(env: QueryEnv): GenQuery {
  const r = env.rng;
  const { g2 } = two(env);
  const [k1, k2, fam] = pickKey(env);
  const inner = r.int(0, 1) === 0 ? g2.simple('bool') : null;
  const form = r.pick(['IN', 'NOT IN', 'EXISTS', 'NOT EXISTS', 'LEFT SEMI JOIN', 'LEFT ANTI JOIN'] as const);
  const out: OutColumn[] = [
    { fam: 'int', approx: 0 },
    { fam, approx: 0 },
  ];
  const sel = `SELECT t1.id, t1.${k1} FROM t1`;
  if (form === 'IN' || form === 'NOT IN') {
    const sub = (w: string | null): string => `SELECT t2.${k2} FROM t2${w ? ` WHERE ${w}` : ''}`;
    return q(
      `semi-${form.toLowerCase().replace(' ', '-')}`,
      `${sel} WHERE t1.${k1} ${form} (${sub(inner?.sr ?? null)})`,
      `${sel} WHERE t1.${k1} ${form} (${sub(inner?.duck ?? null)})`,
      out,
    );
  }
  if (form === 'EXISTS' || form === 'NOT EXISTS') {
    const sub = (w: string | null): string =>
      `SELECT 1 FROM t2 WHERE t2.${k2} = t1.${k1}${w ? ` AND ${w}` : ''}`;
    return q(
      `semi-${form.toLowerCase().replace(' ', '-')}`,
      `${sel} WHERE ${form} (${sub(inner?.sr ?? null)})`,
      `${sel} WHERE ${form} (${sub(inner?.duck ?? null)})`,
      out,
    );
  }
  const on = (w: string | null): string => `t1.${k1} = t2.${k2}${w ? ` AND ${w}` : ''}`;
  const duckKind = form === 'LEFT SEMI JOIN' ? 'SEMI JOIN' : 'ANTI JOIN';
  return q(
    `semi-${form.split(' ')[1]?.toLowerCase()}-join`,
    `${sel} ${form} t2 ON ${on(inner?.sr ?? null)}`,
    `${sel} ${duckKind} t2 ON ${on(inner?.duck ?? null)}`,
    out,
  );
}

/** UNION [ALL] / INTERSECT / EXCEPT of two single-table selections. */
export function setOpQuery(env: QueryEnv): GenQuery {
  const r = env.rng;
  const { g1, g2 } = two(env);
  const [k1, k2, fam] = pickKey(env);
  const op = r.pick(['UNION', 'UNION ALL', 'INTERSECT', 'EXCEPT', 'UNION DISTINCT'] as const);
  const w1 = r.int(0, 1) === 0 ? g1.simple('bool') : null;
  const w2 = r.int(0, 1) === 0 ? g2.simple('bool') : null;
  const side = (t: string, k: string, w: Ex | null, duck: boolean): string =>
    `SELECT ${t}.${k} FROM ${t}${w ? ` WHERE ${duck ? w.duck : w.sr}` : ''}`;
  const sql = `${side('t1', k1, w1, false)} ${op} ${side('t2', k2, w2, false)}`;
  const duckSql = `${side('t1', k1, w1, true)} ${op} ${side('t2', k2, w2, true)}`;
  return q(`setop-${op.toLowerCase().replace(' ', '-')}`, sql, duckSql, [{ fam, approx: 0 }]);
}

/** Window functions over partitions with a total order (ties broken by id). */
export function windowQuery(env: QueryEnv): GenQuery {
  const r = env.rng;
  const part = r.pick(['s', 'bo', 'c', 'dt', null] as const);
  const okey = r.pick(['a', 'd', 'f', 'dt', 's'] as const);
  const desc = r.int(0, 1) === 1;
  const pby = part === null ? '' : `PARTITION BY ${part} `;
  const ord = `ORDER BY ${okey}${desc ? ' DESC' : ''}`;
  const ordDuck = `ORDER BY ${okey}${desc ? ' DESC NULLS LAST' : ' NULLS FIRST'}`;
  const fns = r.pickDistinct(
    [
      ['row_number()', 'int', true],
      ['rank()', 'int', false],
      ['dense_rank()', 'int', false],
      ['sum(a)', 'int', true],
      ['count(*)', 'int', false],
      ['min(s)', 'str', false],
      ['max(d)', 'dec', true],
      ['lag(a, 1)', 'int', true],
      ['lead(s, 1)', 'str', true],
      ['avg(b)', 'dbl', false],
      ['first_value(s)', 'str', true],
    ] as const,
    r.int(1, 3),
  );
  const over = (total: boolean, duck: boolean): string => {
    const o = duck ? ordDuck : ord;
    return `OVER (${pby}${o}${total ? ', id' : ''})`;
  };
  const sr = fns.map(([f, , total]) => `${f} ${over(total, false)}`);
  const dk = fns.map(([f, , total]) => `${f} ${over(total, true)}`);
  const out: OutColumn[] = [
    { fam: 'int', approx: 0 },
    ...fns.map(([f, fam]) => ({ fam, approx: f.startsWith('avg') ? 1e-9 : 0 })),
  ];
  return q('window', `SELECT id, ${sr.join(', ')} FROM t1`, `SELECT id, ${dk.join(', ')} FROM t1`, out);
}

/** Scalar/correlated subqueries, derived tables, CTEs, aggregates over joins. */
export function subqueryQuery(env: QueryEnv): GenQuery {
  const r = env.rng;
  const { g1 } = two(env);
  const form = r.int(0, 3);
  if (form === 0) {
    const agg = r.pick(['max(t2.a)', 'count(*)', 'min(t2.s)', 'sum(t2.d)'] as const);
    const fam: Family = agg.startsWith('count')
      ? 'int'
      : agg.includes('.s')
        ? 'str'
        : agg.includes('.d')
          ? 'dec'
          : 'int';
    const sql = `SELECT t1.id, (SELECT ${agg} FROM t2 WHERE t2.k = t1.a) FROM t1`;
    return q('subquery-scalar', sql, sql, [
      { fam: 'int', approx: 0 },
      { fam, approx: 0 },
    ]);
  }
  if (form === 1) {
    const w = g1.simple('bool');
    const min = r.int(1, 3);
    const mk = (x: string): string =>
      `SELECT g, cnt FROM (SELECT t1.a AS g, count(*) AS cnt FROM t1 WHERE ${x} GROUP BY t1.a) x WHERE cnt >= ${min}`;
    return q('subquery-derived', mk(w.sr), mk(w.duck ?? 'TRUE'), [
      { fam: 'int', approx: 0 },
      { fam: 'int', approx: 0 },
    ]);
  }
  if (form === 2) {
    const mk = (x: string): string =>
      `WITH m AS (SELECT t2.k, max(t2.d) AS md FROM t2 GROUP BY t2.k) SELECT t1.id, m.md FROM t1 JOIN m ON t1.a = m.k WHERE ${x}`;
    const w = g1.simple('bool');
    return q('subquery-cte', mk(w.sr), mk(w.duck ?? 'TRUE'), [
      { fam: 'int', approx: 0 },
      { fam: 'dec', approx: 0 },
    ]);
  }
  const [k1, k2] = pickKey(env);
  const having = r.int(0, 1) === 0 ? ` HAVING count(*) > ${r.int(0, 2)}` : '';
  const body = `SELECT t2.s, count(*), sum(t1.a), count(DISTINCT t1.s), min(t1.dt), max(t2.d), avg(t1.a) FROM t1 JOIN t2 ON t1.${k1} = t2.${k2} GROUP BY t2.s${having}`;
  const out: OutColumn[] = [
    { fam: 'str', approx: 0 },
    { fam: 'int', approx: 0 },
    { fam: 'int', approx: 0 },
    { fam: 'int', approx: 0 },
    { fam: 'date', approx: 0 },
    { fam: 'dec', approx: 0 },
    { fam: 'dbl', approx: 1e-9 },
  ];
  return q('join-agg', body, body, out);
}
