/**
 * The expression generator: picks a family-specific generator or a conditional (CASE, IF,
 * IFNULL, COALESCE, NULLIF) whose branches share the family. Result types of conditionals follow
 * StarRocks' common super type (integers widen, decimals take the larger scale).
 */
import type { Rng } from '../../bench/common/prng.js';
import { columnEx, ex, type Ex, type G, type Row, type ScopeColumn, coerceNum, approxOf } from './expr.js';
import { genCompare, genBool } from './expr-bool.js';
import { genDbl, genDec, genInt } from './expr-num.js';
import { genDate, genDt, genIntFromText, genStr } from './expr-text.js';
import { type Family, type OT, type OV, TY, widerInt } from './model.js';
import { compareValues } from './expr-bool.js';

/** The common type of branches of one family. */
function common(ts: readonly OT[]): OT {
  const first = ts[0] ?? TY.str;
  if (first.k === 'int') {
    return { k: 'int', w: ts.reduce((w, t) => (t.k === 'int' ? widerInt(w, t.w) : w), first.w) };
  }
  if (first.k === 'dec') {
    // getCommonTypeForDecimalV3: integer part and scale both kept; beyond 38 digits it is DOUBLE.
    const s = Math.max(...ts.map((t) => (t.k === 'dec' ? t.s : 0)));
    const ip = Math.max(...ts.map((t) => (t.k === 'dec' ? t.p - t.s : 0)));
    return ip + s > 38 ? TY.dbl : TY.dec(ip + s, s);
  }
  return first;
}

/**
 * A conditional over branches of one family. DECIMAL branches may have a DOUBLE common type
 * (beyond 38 digits); `top` allows that (a projection), otherwise another expression is drawn.
 */
export function conditional(g: G, fam: Family, d: number, top = false): Ex {
  const e = conditionalOf(g, fam, d);
  return e.t.k === fam || top ? e : g.of(fam, d - 1);
}

function conditionalOf(g: G, fam: Family, d: number): Ex {
  const r = g.rng;
  const kind = r.int(0, 4);
  if (kind === 0) {
    const c = genBool(g, d - 1);
    const [x, y] = [g.of(fam, d - 1), g.of(fam, d - 1)];
    const t = common([x.t, y.t]);
    const [fx, fy] = [coerceNum(x, t), coerceNum(y, t)];
    const ev = (row: Row): OV => (c.ev(row) === true ? fx(row) : fy(row));
    return ex(t, `if(${c.sr}, ${x.sr}, ${y.sr})`, ev, { approx: approxOf(x, y), ip: Math.max(x.ip, y.ip) });
  }
  if (kind === 1) {
    const n = r.int(1, 3);
    const whens = Array.from({ length: n }, () => [genBool(g, d - 1), g.of(fam, d - 1)] as const);
    const els = r.int(0, 1) === 0 ? g.of(fam, d - 1) : null;
    const t = common([...whens.map((w) => w[1].t), ...(els ? [els.t] : [])]);
    const fs = whens.map(([c, v]) => [c, coerceNum(v, t)] as const);
    const fe = els === null ? null : coerceNum(els, t);
    const ev = (row: Row): OV => {
      for (const [c, v] of fs) if (c.ev(row) === true) return v(row);
      return fe === null ? null : fe(row);
    };
    const body = whens.map(([c, v]) => `WHEN ${c.sr} THEN ${v.sr}`).join(' ');
    const all = [...whens.map((w) => w[1]), ...(els ? [els] : [])];
    return ex(t, `CASE ${body}${els ? ` ELSE ${els.sr}` : ''} END`, ev, {
      approx: approxOf(...all),
      ip: Math.max(...all.map((x) => x.ip)),
    });
  }
  const args = Array.from({ length: kind === 4 ? r.int(2, 4) : 2 }, () => g.of(fam, d - 1));
  const t = common(args.map((a) => a.t));
  const fs = args.map((a) => coerceNum(a, t));
  const ip = Math.max(...args.map((x) => x.ip));
  if (kind === 2) {
    const [x, y] = args as [Ex, Ex];
    const fx = fs[0] ?? x.ev;
    // NULLIF(T, T) → T: both arguments take the common type; equality uses the comparison rules.
    const ev = (row: Row): OV => (compareValues(x.ev(row), x.t, y.ev(row), y.t, true) === 0 ? null : fx(row));
    return ex(t, `nullif(${x.sr}, ${y.sr})`, ev, { approx: approxOf(x), ip: x.ip });
  }
  const ev = (row: Row): OV => {
    for (const f of fs) {
      const v = f(row);
      if (v !== null) return v;
    }
    return null;
  };
  const name = kind === 3 ? 'ifnull' : 'coalesce';
  return ex(t, `${name}(${args.map((a) => a.sr).join(', ')})`, ev, { approx: approxOf(...args), ip });
}

/** A generator over a scope of columns. */
export function makeGen(rng: Rng, scope: readonly ScopeColumn[]): G {
  const g: G = {
    rng,
    scope,
    of(fam, d) {
      if (d > 0 && rng.int(0, 9) === 0) return conditional(g, fam, d);
      switch (fam) {
        case 'int':
          return d > 0 && rng.int(0, 4) === 0 ? genIntFromText(g, d) : genInt(g, d);
        case 'dec':
          return genDec(g, d);
        case 'dbl':
          return genDbl(g, d);
        case 'str':
          return genStr(g, d);
        case 'date':
          return genDate(g, d);
        case 'dt':
          return genDt(g, d);
        case 'bool':
          return genBool(g, d);
      }
    },
    simple(fam) {
      for (let i = 0; i < 50; i++) {
        const e = fam === 'bool' ? (rng.int(0, 1) === 0 ? genCompare(g, 1) : genBool(g, 2)) : g.of(fam, 0);
        if (e.duck !== null) return e;
      }
      const c = scope.find((s) => s.col.t.k === fam);
      if (c === undefined) throw new Error(`no simple ${fam} expression`);
      return columnEx(c);
    },
  };
  return g;
}
