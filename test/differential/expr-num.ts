/**
 * Numeric expressions: integer arithmetic with StarRocks' widening and BIGINT wrap-around,
 * DECIMAL v3 arithmetic (exact, scale rules), DOUBLE arithmetic, division by zero → NULL, casts.
 */
import {
  approxOf,
  coerceNum,
  columnEx,
  ex,
  type Ex,
  type G,
  intLiteral,
  pickColumn,
  strict,
  toNumber,
  toScaled,
} from './expr.js';
import { biggerInt, type IntWidth, intRange, type OT, type OV, TY, widerInt, wrapInt } from './model.js';

const ADD_OPS = ['+', '-', '*'] as const;

function intOf(t: OT): IntWidth {
  return t.k === 'int' ? t.w : 'tinyint';
}

function exact(op: (typeof ADD_OPS)[number], x: bigint, y: bigint): bigint {
  return op === '+' ? x + y : op === '-' ? x - y : x * y;
}

/** An integer-valued expression. */
export function genInt(g: G, d: number): Ex {
  const r = g.rng;
  const leaf = d <= 0 || r.int(0, 9) < 3;
  if (leaf) {
    const c = pickColumn(g, 'int');
    if (c !== null && r.int(0, 2) > 0) return columnEx(c);
    return intLiteral(BigInt(r.pick([r.int(-5, 10), r.int(-5, 10), 1000, 100000, 5000000000, -128])));
  }
  switch (r.int(0, 9)) {
    case 0:
    case 1:
    case 2: {
      const x = genInt(g, d - 1);
      const y = genInt(g, d - 1);
      const op = r.pick(ADD_OPS);
      const w = biggerInt(widerInt(intOf(x.t), intOf(y.t)));
      const ev = strict<[bigint, bigint]>([x, y], (a, b) => wrapInt(exact(op, a, b), w));
      return ex({ k: 'int', w }, `(${x.sr} ${op} ${y.sr})`, ev);
    }
    case 3: {
      const x = genInt(g, d - 1);
      const y = r.int(0, 1) === 0 ? genInt(g, d - 1) : intLiteral(BigInt(r.int(-3, 7)));
      const w = widerInt(intOf(x.t), intOf(y.t));
      const op = r.int(0, 1) === 0 ? '%' : 'DIV';
      const ev = strict<[bigint, bigint]>([x, y], (a, b) => {
        if (b === 0n) return null;
        return wrapInt(op === '%' ? a % b : a / b, w);
      });
      return ex({ k: 'int', w }, `(${x.sr} ${op} ${y.sr})`, ev);
    }
    case 4: {
      const x = genInt(g, d - 1);
      const w =
        biggerInt(intOf(x.t)) === 'bigint' && intOf(x.t) === 'bigint' ? 'largeint' : biggerInt(intOf(x.t));
      return ex(
        { k: 'int', w },
        `abs(${x.sr})`,
        strict<[bigint]>([x], (a) => (a < 0n ? -a : a)),
      );
    }
    case 5:
      return castToInt(g, d);
    case 6:
      return floorCeil(g, d);
    default:
      return g.of('int', d - 1);
  }
}

function floorCeil(g: G, d: number): Ex {
  const x = g.rng.int(0, 1) === 0 ? genDbl(g, d - 1) : genDec(g, d - 1);
  const fn = g.rng.pick(['floor', 'ceil']);
  const ev = strict<[OV]>([x], (v) => {
    const n = toNumber(v, x.t) as number;
    if (x.t.k === 'dec') {
      const unit = 10n ** BigInt(x.t.s);
      const u = v as bigint;
      const q = u / unit;
      const rem = u - q * unit;
      return fn === 'floor' ? (rem < 0n ? q - 1n : q) : rem > 0n ? q + 1n : q;
    }
    const f = fn === 'floor' ? Math.floor(n) : Math.ceil(n);
    return Number.isFinite(f) && Math.abs(f) < 2 ** 63 ? BigInt(f) : null;
  });
  return ex(TY.bigint, `${fn}(${x.sr})`, ev);
}

/** CAST(x AS INT/BIGINT): fractions truncate, out-of-range is NULL. */
function castToInt(g: G, d: number): Ex {
  const w: IntWidth = g.rng.pick(['int', 'bigint', 'smallint']);
  const [lo, hi] = intRange(w);
  const x = g.of(g.rng.pick(['dbl', 'dec', 'int', 'bool'] as const), d - 1);
  const ev = strict<[OV]>([x], (v) => {
    let n: bigint;
    if (x.t.k === 'dbl') {
      const t = Math.trunc(v as number);
      if (!Number.isFinite(t) || Math.abs(t) >= 2 ** 63) return null;
      n = BigInt(t);
    } else if (x.t.k === 'dec') {
      n = (v as bigint) / 10n ** BigInt(x.t.s);
    } else n = toScaled(v, x.t, 0) as bigint;
    return n < lo || n > hi ? null : n;
  });
  return ex({ k: 'int', w }, `CAST(${x.sr} AS ${w.toUpperCase()})`, ev, { approx: approxOf(x) });
}

/** A DECIMAL expression (values exact; integer digits bounded so nothing overflows 38 digits). */
export function genDec(g: G, d: number): Ex {
  const r = g.rng;
  if (d <= 0 || r.int(0, 9) < 3) {
    const c = pickColumn(g, 'dec');
    if (c !== null && r.int(0, 2) > 0) return columnEx(c);
    const [text, unscaled, s] = r.pick([
      ['1.50', 150n, 2],
      ['0.125', 125n, 3],
      ['-2.5', -25n, 1],
      ['100.01', 10001n, 2],
    ] as const);
    const digits = text.replace(/[-.]/g, '').replace(/^0+(?=\d)/, '').length;
    return ex(TY.dec(Math.max(digits, s), s), text, () => unscaled, { duck: text, ip: 3 });
  }
  switch (r.int(0, 5)) {
    case 0:
    case 1:
    case 2:
      return decArith(g, d);
    case 3: {
      const x = genDec(g, d - 1);
      const n = r.int(0, 3);
      const fn = r.pick(['round', 'truncate']);
      const s = x.t.k === 'dec' ? x.t.s : 0;
      // The result keeps min(n, s) decimals (StarRocks prints round(x, 4) with 4).
      const ev = strict<[bigint]>([x], (v) => {
        if (n >= s) return v;
        const unit = 10n ** BigInt(s - n);
        let q = v / unit;
        const rem = v - q * unit;
        if (fn === 'round' && (rem < 0n ? -rem : rem) * 2n >= unit) q += v < 0n ? -1n : 1n;
        return q;
      });
      return ex(TY.dec(38, Math.min(n, s)), `${fn}(${x.sr}, ${n})`, ev, { ip: x.ip + 1 });
    }
    case 4: {
      const x = genInt(g, d - 1);
      const s = r.pick([0, 2, 4]);
      const lim = 10n ** BigInt(20 - s);
      const ev = strict<[bigint]>([x], (v) => (v <= -lim || v >= lim ? null : v * 10n ** BigInt(s)));
      return ex(TY.dec(20, s), `CAST(${x.sr} AS DECIMAL(20,${s}))`, ev, { ip: 20 - s });
    }
    default: {
      const x = genDec(g, d - 1);
      return ex(
        x.t,
        `abs(${x.sr})`,
        strict<[bigint]>([x], (v) => (v < 0n ? -v : v)),
        { ip: x.ip },
      );
    }
  }
}

/** Precision and scale of a DECIMAL arithmetic operand (`ArithmeticExpr.nonDecimalToDecimal`). */
function arithDec(t: OT): { p: number; s: number } {
  if (t.k === 'dec') return { p: t.p, s: t.s };
  return {
    p: t.k === 'int' && (t.w === 'bigint' || t.w === 'largeint') ? (t.w === 'bigint' ? 18 : 38) : 9,
    s: 0,
  };
}

/** + - * over decimals (and integers, which join DECIMAL arithmetic), typed by the DECIMAL v3 rules. */
function decArith(g: G, d: number): Ex {
  const r = g.rng;
  const x = genDec(g, d - 1);
  const y = r.int(0, 3) === 0 ? genSmallInt(g) : genDec(g, d - 1);
  const a = arithDec(x.t);
  const b = arithDec(y.t);
  const op = x.ip + y.ip + a.s + b.s > 34 ? r.pick(['+', '-'] as const) : r.pick(ADD_OPS);
  if (op === '*') {
    const s = a.s + b.s;
    const ev = strict<[OV, OV]>(
      [x, y],
      (u, v) => (toScaled(u, x.t, a.s) as bigint) * (toScaled(v, y.t, b.s) as bigint),
    );
    return ex(TY.dec(Math.min(a.p + b.p, 38), s), `(${x.sr} * ${y.sr})`, ev, { ip: x.ip + y.ip });
  }
  const s = Math.max(a.s, b.s);
  const p =
    op === '+' ? Math.min(Math.max(a.p - a.s, b.p - b.s) + s + 1, 38) : a.p > 18 || b.p > 18 ? 38 : 18;
  const ev = strict<[OV, OV]>([x, y], (u, v) =>
    exact(op, toScaled(u, x.t, s) as bigint, toScaled(v, y.t, s) as bigint),
  );
  return ex(TY.dec(p, s), `(${x.sr} ${op} ${y.sr})`, ev, { ip: Math.max(x.ip, y.ip) + 1 });
}

/** A small integer operand for DECIMAL arithmetic (tinyint column or literal). */
function genSmallInt(g: G): Ex {
  const c = g.scope.find((s) => s.col.name === 'c');
  if (c !== undefined && g.rng.int(0, 1) === 0) return { ...columnEx(c), ip: 3 };
  return { ...intLiteral(BigInt(g.rng.int(-9, 9))), ip: 1 };
}

/** A DOUBLE expression. */
export function genDbl(g: G, d: number): Ex {
  const r = g.rng;
  if (d <= 0 || r.int(0, 9) < 3) {
    const c = pickColumn(g, 'dbl');
    if (c !== null && r.int(0, 2) > 0) return columnEx(c);
    const v = r.pick([2.5, 0.1, -3, 1e3]);
    const text = `${v}e0`;
    return ex(TY.dbl, text, () => v, { duck: `CAST(${v} AS DOUBLE)` });
  }
  switch (r.int(0, 5)) {
    case 0:
    case 1: {
      const x = g.of(r.pick(['dbl', 'int', 'dec'] as const), d - 1);
      const y = genDbl(g, d - 1);
      const op = r.pick(ADD_OPS);
      const [a, b] = r.int(0, 1) === 0 ? [x, y] : [y, x];
      const fa = coerceNum(a, TY.dbl);
      const fb = coerceNum(b, TY.dbl);
      const ev = (row: Parameters<Ex['ev']>[0]): OV => {
        const u = fa(row);
        const v = fb(row);
        if (u === null || v === null) return null;
        return op === '+'
          ? (u as number) + (v as number)
          : op === '-'
            ? (u as number) - (v as number)
            : (u as number) * (v as number);
      };
      return ex(TY.dbl, `(${a.sr} ${op} ${b.sr})`, ev, { approx: approxOf(a, b) });
    }
    case 2:
    case 3:
      return divide(g, d);
    case 4: {
      const x = g.of(r.pick(['int', 'dec', 'str'] as const), d - 1);
      return ex(
        TY.dbl,
        `CAST(${x.sr} AS DOUBLE)`,
        x.t.k === 'str' ? (row) => strToDouble(x.ev(row)) : coerceNum(x, TY.dbl),
        {
          approx: approxOf(x),
        },
      );
    }
    default: {
      const x = genDbl(g, d - 1);
      return ex(
        TY.dbl,
        `abs(${x.sr})`,
        strict<[number]>([x], (v) => Math.abs(v)),
        { approx: approxOf(x) },
      );
    }
  }
}

/** `/` on integers or doubles is DOUBLE; on DECIMAL it is DECIMAL (checked approximately); x/0 is NULL. */
function divide(g: G, d: number): Ex {
  const r = g.rng;
  const x = g.of(r.pick(['int', 'dbl', 'int'] as const), d - 1);
  const y = g.of(r.pick(['int', 'dbl', 'int'] as const), d - 1);
  const fx = coerceNum(x, TY.dbl);
  const fy = coerceNum(y, TY.dbl);
  const ev = (row: Parameters<Ex['ev']>[0]): OV => {
    const a = fx(row);
    const b = fy(row);
    if (a === null || b === null || b === 0) return null;
    return (a as number) / (b as number);
  };
  return ex(TY.dbl, `(${x.sr} / ${y.sr})`, ev, { approx: approxOf(x, y) });
}

/**
 * StarRocks' string → DOUBLE cast: the whole (space-trimmed) text must be a number, else NULL.
 */
export function strToDouble(v: OV): OV {
  if (v === null) return null;
  const t = (v as string).trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null;
  return Number(t);
}

/**
 * DECIMAL division, only at the top of a projection: the result scale is the dividend's + 6
 * (StarRocks' DECIMAL v3 rule); Rockling computes it through DOUBLE, so it is compared
 * approximately.
 */
export function genDecDivide(g: G, d: number): Ex {
  const x = genDec(g, d);
  const y = g.rng.int(0, 1) === 0 ? genDec(g, 1) : genSmallInt(g);
  const sx = x.t.k === 'dec' ? x.t.s : 0;
  const sy = y.t.k === 'dec' ? y.t.s : 0;
  const s = sx <= 6 ? sx + 6 : sx <= 12 ? 12 : sx;
  const ev = strict<[OV, OV]>([x, y], (a, b) => {
    const num = (toScaled(a, x.t, sx) as bigint) * 10n ** BigInt(sy + s);
    const den = (toScaled(b, y.t, sy) as bigint) * 10n ** BigInt(sx);
    if (den === 0n) return null;
    // Rounded half away from zero at the result scale.
    const q = num / den;
    const rem = num - q * den;
    const twice = (rem < 0n ? -rem : rem) * 2n;
    return twice >= (den < 0n ? -den : den) ? q + (num < 0n !== den < 0n ? -1n : 1n) : q;
  });
  return ex(TY.dec(38, s), `(${x.sr} / ${y.sr})`, ev, { approx: 1e-6 });
}
