/**
 * Generated expressions: StarRocks SQL text, the oracle's evaluator, and (when the semantics of
 * StarRocks and DuckDB coincide for it) the same expression in DuckDB SQL.
 */
import type { Rng } from '../../bench/common/prng.js';
import type { ColumnDef } from './data.js';
import { type Family, type OT, type OV, rescale, TY } from './model.js';

/** A row as the oracle sees it: column name (or `alias.name`) → value. */
export type Row = Readonly<Record<string, OV>>;

export interface Ex {
  readonly t: OT;
  readonly sr: string;
  /** DuckDB text with the same meaning, or null when only the oracle can check it. */
  readonly duck: string | null;
  readonly ev: (r: Row) => OV;
  /** Relative tolerance when the result is computed through doubles (0 = exact). */
  readonly approx: number;
  /** Upper bound of integer digits of a decimal's value (keeps DECIMAL arithmetic in range). */
  readonly ip: number;
}

/** A column in scope: SQL reference text and the key of its value in oracle rows. */
export interface ScopeColumn {
  readonly ref: string;
  readonly key: string;
  readonly col: ColumnDef;
}

/** The generator's dispatch: an expression of a family, `d` levels deep at most. */
export interface G {
  readonly rng: Rng;
  readonly scope: readonly ScopeColumn[];
  of(fam: Family, d: number): Ex;
  /** An expression of a family that DuckDB can also run unchanged (for relational queries). */
  simple(fam: Family): Ex;
}

export function ex(
  t: OT,
  sr: string,
  ev: (r: Row) => OV,
  extra: Partial<Pick<Ex, 'duck' | 'approx' | 'ip'>> = {},
): Ex {
  return { t, sr, ev, duck: extra.duck ?? null, approx: extra.approx ?? 0, ip: extra.ip ?? 0 };
}

/** Approximation of the children carried to the parent. */
export function approxOf(...xs: readonly Ex[]): number {
  return Math.max(0, ...xs.map((x) => x.approx));
}

/** A function that is NULL when any argument is NULL. */
export function strict<T extends readonly OV[]>(
  args: readonly Ex[],
  fn: (...vals: { [K in keyof T]: NonNullable<T[K]> }) => OV,
): (r: Row) => OV {
  return (r) => {
    const vals = args.map((a) => a.ev(r));
    if (vals.some((v) => v === null)) return null;
    return (fn as (...v: OV[]) => OV)(...vals);
  };
}

/** The numeric value of an int/decimal/double OV as a JS number. */
export function toNumber(v: OV, t: OT): number | null {
  if (v === null) return null;
  if (t.k === 'dec') return Number(v as bigint) / 10 ** t.s;
  if (t.k === 'bool') return v === true ? 1 : 0;
  return Number(v);
}

/** An int or decimal OV as an unscaled bigint at scale `s`. */
export function toScaled(v: OV, t: OT, s: number): bigint | null {
  if (v === null) return null;
  if (t.k === 'dec') return rescale(v as bigint, t.s, s);
  if (t.k === 'bool') return rescale(v === true ? 1n : 0n, 0, s);
  return rescale(v as bigint, 0, s);
}

/** Convert an expression's values to another numeric type (int → decimal/double, decimal → double). */
export function coerceNum(x: Ex, to: OT): (r: Row) => OV {
  if (to.k === 'dbl') return (r) => toNumber(x.ev(r), x.t);
  if (to.k === 'dec') return (r) => toScaled(x.ev(r), x.t, to.s);
  return x.ev;
}

/** Column of a family from the scope, or null. */
export function pickColumn(g: G, fam: Family): ScopeColumn | null {
  const cols = g.scope.filter((c) => c.col.t.k === fam);
  return cols.length === 0 ? null : g.rng.pick(cols);
}

export function columnEx(c: ScopeColumn): Ex {
  const ip = c.col.t.k === 'dec' ? c.col.t.p - c.col.t.s : 0;
  return ex(c.col.t, c.ref, (r) => r[c.key] ?? null, { duck: c.ref, ip });
}

/** SQL literal of an integer value with the StarRocks type it gets. */
export function intLiteral(v: bigint): Ex {
  const w =
    v >= -128n && v <= 127n
      ? 'tinyint'
      : v >= -32768n && v <= 32767n
        ? 'smallint'
        : v >= -2147483648n && v <= 2147483647n
          ? 'int'
          : 'bigint';
  const text = v < 0n ? `(${v})` : String(v);
  return ex({ k: 'int', w }, text, () => v, { duck: text });
}

/** A three-valued boolean combination. */
export function and3(a: OV, b: OV): OV {
  if (a === false || b === false) return false;
  if (a === null || b === null) return null;
  return true;
}
export function or3(a: OV, b: OV): OV {
  if (a === true || b === true) return true;
  if (a === null || b === null) return null;
  return false;
}

export { TY };
