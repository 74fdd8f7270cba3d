/**
 * Predicates: comparisons within and across types (StarRocks' compare-type rules), three-valued
 * AND/OR/NOT, IS [NOT] NULL, <=>, BETWEEN, IN lists with NULLs, LIKE.
 */
import { and3, columnEx, ex, type Ex, type G, or3, pickColumn, type Row, toScaled } from './expr.js';
import { strToDouble } from './expr-num.js';
import { castText, strToDt } from './expr-text.js';
import { type Family, type OT, type OV, TY } from './model.js';

const DAY_US = 86_400_000_000n;
const OPS = ['=', '!=', '<', '<=', '>', '>=', '<=>'] as const;
type Op = (typeof OPS)[number];

/** Families that may be compared, with how often each pair is drawn. */
const PAIRS: readonly (readonly [Family, Family])[] = [
  ['int', 'int'],
  ['int', 'int'],
  ['int', 'dec'],
  ['dec', 'dec'],
  ['int', 'dbl'],
  ['dec', 'dbl'],
  ['dbl', 'dbl'],
  ['str', 'str'],
  ['str', 'str'],
  ['str', 'int'],
  ['str', 'dec'],
  ['date', 'date'],
  ['date', 'dt'],
  ['dt', 'dt'],
  ['date', 'str'],
  ['dt', 'str'],
  ['bool', 'bool'],
  ['int', 'bool'],
];

function cmp<T extends number | bigint | string>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The comparison of two values under StarRocks' rules (`getCompatibleTypeForBinary`):
 * -1/0/1, or null when either side is NULL or fails to convert.
 */
export function compareValues(a: OV, ta: OT, b: OV, tb: OT, equivalence: boolean): number | null {
  if (a === null || b === null) return null;
  const k = [ta.k, tb.k].sort().join('|');
  const num = (v: OV, t: OT): number =>
    t.k === 'dec' ? Number(v as bigint) / 10 ** t.s : t.k === 'bool' ? Number(v) : Number(v);
  switch (k) {
    case 'int|int':
    case 'dec|int':
    case 'dec|dec':
    case 'bool|int':
    case 'bool|bool': {
      const s = Math.max(ta.k === 'dec' ? ta.s : 0, tb.k === 'dec' ? tb.s : 0);
      return cmp(toScaled(a, ta, s) as bigint, toScaled(b, tb, s) as bigint);
    }
    case 'dbl|int':
    case 'dbl|dec':
    case 'dbl|dbl':
      return cmp(num(a, ta), num(b, tb));
    case 'str|str':
      return cmp(a as string, b as string);
    case 'int|str':
    case 'dec|str': {
      if (equivalence) return cmp(castText(a, ta) as string, castText(b, tb) as string);
      const x = ta.k === 'str' ? strToDouble(a) : num(a, ta);
      const y = tb.k === 'str' ? strToDouble(b) : num(b, tb);
      return x === null || y === null ? null : cmp(x as number, y as number);
    }
    case 'date|date':
      return cmp(a as number, b as number);
    default: {
      const us = (v: OV, t: OT): OV =>
        t.k === 'date' ? BigInt(v as number) * DAY_US : t.k === 'str' ? strToDt(v) : v;
      const x = us(a, ta);
      const y = us(b, tb);
      return x === null || y === null ? null : cmp(x as bigint, y as bigint);
    }
  }
}

/**
 * A value after the cast to the compare type, as far as NULL-ness goes: a string compared with
 * a DATE/DATETIME is cast to DATETIME first, and a failed cast is NULL (so `'x' <=> NULL` is true).
 */
function castNull(v: OV, t: OT, other: OT): OV {
  if (v !== null && t.k === 'str' && (other.k === 'date' || other.k === 'dt')) return strToDt(v);
  return v;
}

function applyOp(op: Op, c: number | null, a: OV, b: OV): OV {
  if (op === '<=>') return a === null || b === null ? a === null && b === null : c === 0;
  if (c === null) return null;
  switch (op) {
    case '=':
      return c === 0;
    case '!=':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
  }
}

const sameFamily = (x: Ex, y: Ex): boolean => x.t.k === y.t.k && x.t.k !== 'dbl';

/** x op y over a random family pair. */
export function genCompare(g: G, d: number): Ex {
  const [fa, fb] = g.rng.pick(PAIRS);
  const [x, y] =
    g.rng.int(0, 1) === 0 ? [g.of(fa, d - 1), g.of(fb, d - 1)] : [g.of(fb, d - 1), g.of(fa, d - 1)];
  const op = g.rng.pick(OPS);
  const ev = (r: Row): OV => {
    const a = x.ev(r);
    const b = y.ev(r);
    const c = compareValues(a, x.t, b, y.t, op === '=' || op === '!=' || op === '<=>');
    return applyOp(op, c, castNull(a, x.t, y.t), castNull(b, y.t, x.t));
  };
  const duckOp = op === '<=>' ? 'IS NOT DISTINCT FROM' : op;
  const duck =
    x.duck !== null && y.duck !== null && sameFamily(x, y) ? `(${x.duck} ${duckOp} ${y.duck})` : null;
  return ex(TY.bool, `(${x.sr} ${op} ${y.sr})`, ev, { duck });
}

/** LIKE patterns: % and _ wildcards, backslash escapes. */
export function likeRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] ?? '';
    if (ch === '\\' && i + 1 < pattern.length) re += escapeRe(pattern[++i] ?? '');
    else if (ch === '%') re += '.*';
    else if (ch === '_') re += '.';
    else re += escapeRe(ch);
  }
  return new RegExp(`^${re}$`, 'su');
}
const escapeRe = (c: string): string => c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

const PATTERNS = ['a%', '%b%', '_', '%', 'a_c', 'x\\\\_y', '%a', '', '1%', 'h_llo%'];

/** A boolean expression. */
export function genBool(g: G, d: number): Ex {
  const r = g.rng;
  if (d <= 0) return leafBool(g);
  switch (r.int(0, 11)) {
    case 0:
    case 1:
    case 2:
      return genCompare(g, d);
    case 3: {
      const x = genBool(g, d - 1);
      const y = genBool(g, d - 1);
      const op = r.pick(['AND', 'OR'] as const);
      const ev = (row: Row): OV => (op === 'AND' ? and3(x.ev(row), y.ev(row)) : or3(x.ev(row), y.ev(row)));
      const duck = x.duck !== null && y.duck !== null ? `(${x.duck} ${op} ${y.duck})` : null;
      return ex(TY.bool, `(${x.sr} ${op} ${y.sr})`, ev, { duck });
    }
    case 4: {
      const x = genBool(g, d - 1);
      const ev = (row: Row): OV => {
        const v = x.ev(row);
        return v === null ? null : !v;
      };
      return ex(TY.bool, `(NOT ${x.sr})`, ev, { duck: x.duck === null ? null : `(NOT ${x.duck})` });
    }
    case 5: {
      const x = g.of(r.pick(['int', 'str', 'dec', 'date', 'dbl'] as const), d - 1);
      const not = r.int(0, 1) === 0;
      const ev = (row: Row): OV => (x.ev(row) === null) !== not;
      const sql = `(${x.sr} IS ${not ? 'NOT ' : ''}NULL)`;
      return ex(TY.bool, sql, ev, {
        duck: x.duck === null ? null : `(${x.duck} IS ${not ? 'NOT ' : ''}NULL)`,
      });
    }
    case 6:
    case 7:
      return genIn(g, d);
    case 8:
      return genBetween(g, d);
    case 9:
      return genLike(g, d);
    default:
      return leafBool(g);
  }
}

function leafBool(g: G): Ex {
  const c = pickColumn(g, 'bool');
  if (c !== null && g.rng.int(0, 2) === 0) return columnEx(c);
  return genCompare(g, 1);
}

function genLike(g: G, d: number): Ex {
  const x = g.of('str', d - 1);
  const p = g.rng.pick(PATTERNS);
  const not = g.rng.int(0, 3) === 0;
  const re = likeRegex(p.replace(/\\\\/g, '\\'));
  const ev = (row: Row): OV => {
    const v = x.ev(row);
    return v === null ? null : re.test(v as string) !== not;
  };
  const lit = `'${p}'`;
  // StarRocks reads backslash escapes in string literals; DuckDB does not.
  const duckLit = `'${p.replace(/\\\\/g, '\\')}'`;
  const duck = x.duck === null ? null : `(${x.duck} ${not ? 'NOT ' : ''}LIKE ${duckLit} ESCAPE '\\')`;
  return ex(TY.bool, `(${x.sr} ${not ? 'NOT ' : ''}LIKE ${lit})`, ev, { duck });
}

/** x [NOT] IN (v1, v2, …) — NULL when no match and a NULL is present. */
function genIn(g: G, d: number): Ex {
  const r = g.rng;
  const fam = r.pick(['int', 'int', 'str', 'dec', 'date'] as const);
  const x = g.of(fam, d - 1);
  const items: Ex[] = [];
  const n = r.int(1, 4);
  for (let i = 0; i < n; i++) items.push(g.of(r.int(0, 4) === 0 && fam === 'int' ? 'str' : fam, 0));
  const withNull = r.int(0, 4) === 0;
  const not = r.int(0, 2) === 0;
  const ev = (row: Row): OV => {
    const a = x.ev(row);
    if (a === null) return null;
    let sawNull = withNull;
    for (const it of items) {
      const c = compareValues(a, x.t, it.ev(row), it.t, true);
      if (c === 0) return !not;
      if (c === null) sawNull = true;
    }
    return sawNull ? null : not;
  };
  const list = [...items.map((i) => i.sr), ...(withNull ? ['NULL'] : [])].join(', ');
  const sameTyped = x.duck !== null && items.every((i) => i.duck !== null && i.t.k === x.t.k);
  const duckList = [...items.map((i) => i.duck), ...(withNull ? ['NULL'] : [])].join(', ');
  const duck = sameTyped ? `(${x.duck} ${not ? 'NOT ' : ''}IN (${duckList}))` : null;
  return ex(TY.bool, `(${x.sr} ${not ? 'NOT ' : ''}IN (${list}))`, ev, { duck });
}

/** x [NOT] BETWEEN lo AND hi. */
function genBetween(g: G, d: number): Ex {
  const fam = g.rng.pick(['int', 'dec', 'str', 'date', 'dbl'] as const);
  const x = g.of(fam, d - 1);
  const lo = g.of(fam, 0);
  const hi = g.of(fam, 0);
  const not = g.rng.int(0, 3) === 0;
  const ev = (row: Row): OV => {
    const a = x.ev(row);
    const c1 = compareValues(a, x.t, lo.ev(row), lo.t, false);
    const c2 = compareValues(a, x.t, hi.ev(row), hi.t, false);
    const v = and3(c1 === null ? null : c1 >= 0, c2 === null ? null : c2 <= 0);
    return v === null ? null : v !== not;
  };
  const kw = `${not ? 'NOT ' : ''}BETWEEN`;
  const duck =
    x.duck !== null && lo.duck !== null && hi.duck !== null
      ? `(${x.duck} ${kw} ${lo.duck} AND ${hi.duck})`
      : null;
  return ex(TY.bool, `(${x.sr} ${kw} ${lo.sr} AND ${hi.sr})`, ev, { duck });
}

export type { Family };
