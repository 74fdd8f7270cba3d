/**
 * The oracle's value model. Every generated expression has a static StarRocks type (`OT`) and an
 * evaluator producing `OV`s whose JS representation depends on the type:
 *
 * | type        | OV                                  |
 * | ----------- | ----------------------------------- |
 * | int family  | bigint                              |
 * | decimal     | bigint, unscaled at the type's scale |
 * | double      | number                              |
 * | string      | string                              |
 * | date        | number (days since 1970-01-01)      |
 * | datetime    | bigint (microseconds since epoch)   |
 * | boolean     | boolean                             |
 *
 * NULL is `null` for every type. Results are compared as canonical cells (`Cell`).
 */

export type IntWidth = 'tinyint' | 'smallint' | 'int' | 'bigint' | 'largeint';
export type OT =
  | { readonly k: 'int'; readonly w: IntWidth }
  | { readonly k: 'dec'; readonly p: number; readonly s: number }
  | { readonly k: 'dbl' }
  | { readonly k: 'str' }
  | { readonly k: 'date' }
  | { readonly k: 'dt' }
  | { readonly k: 'bool' };

export type OV = null | bigint | number | string | boolean;

/** A result cell as compared: exact text, or a float with a relative tolerance. */
export type Cell =
  | null
  | { readonly x: string }
  /** `x`, when present, is the exact decimal text behind an approximately compared value. */
  | { readonly f: number; readonly tol: number; readonly x?: string };

/** The comparison family of a result column. */
export type Family = OT['k'];

export const TY = {
  tinyint: { k: 'int', w: 'tinyint' },
  smallint: { k: 'int', w: 'smallint' },
  int: { k: 'int', w: 'int' },
  bigint: { k: 'int', w: 'bigint' },
  dbl: { k: 'dbl' },
  str: { k: 'str' },
  date: { k: 'date' },
  dt: { k: 'dt' },
  bool: { k: 'bool' },
  dec: (p: number, s: number): OT => ({ k: 'dec', p, s }),
} as const satisfies Record<string, OT | ((p: number, s: number) => OT)>;

export const WIDTHS: readonly IntWidth[] = ['tinyint', 'smallint', 'int', 'bigint', 'largeint'];
const BITS: Readonly<Record<IntWidth, bigint>> = {
  tinyint: 8n,
  smallint: 16n,
  int: 32n,
  bigint: 64n,
  largeint: 128n,
};

/** Inclusive range of an integer width. */
export function intRange(w: IntWidth): readonly [bigint, bigint] {
  const b = BITS[w];
  return [-(1n << (b - 1n)), (1n << (b - 1n)) - 1n];
}

/** Two's-complement wrap of an exact integer to a width (StarRocks' C++ integer arithmetic). */
export function wrapInt(v: bigint, w: IntWidth): bigint {
  return BigInt.asIntN(Number(BITS[w]), v);
}

/** `ArithmeticExpr.getBiggerType`: + - * widen the common integer type by one step. */
export function widerInt(a: IntWidth, b: IntWidth): IntWidth {
  return WIDTHS.indexOf(a) >= WIDTHS.indexOf(b) ? a : b;
}
export function biggerInt(w: IntWidth): IntWidth {
  return w === 'tinyint' ? 'smallint' : w === 'smallint' ? 'int' : w === 'largeint' ? 'largeint' : 'bigint';
}

/** Rescale an unscaled decimal from scale `from` to `to` (to ≥ from). */
export function rescale(v: bigint, from: number, to: number): bigint {
  return v * 10n ** BigInt(to - from);
}

/** Canonical text of a decimal value: no trailing fraction zeros, no `-0`. */
export function decText(unscaled: bigint, scale: number): string {
  const neg = unscaled < 0n;
  const digits = (neg ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale) || '0';
  const frac = digits.slice(digits.length - scale).replace(/0+$/, '');
  const body = frac === '' ? int : `${int}.${frac}`;
  return neg && body !== '0' ? `-${body}` : body;
}

/** Canonical text of a decimal string such as `-001.500` → `-1.5`; null when not a number. */
export function normDecString(text: string): string | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (m === null || (m[2] === '' && (m[3] ?? '') === '')) return null;
  const scale = (m[3] ?? '').length;
  const unscaled = BigInt(`${m[1] === '-' ? '-' : ''}${m[2] ?? ''}${m[3] ?? ''}` || '0');
  return decText(unscaled, scale);
}

/** Days since epoch of a `YYYY-MM-DD` text. */
export function dateDays(text: string): number {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

/** `YYYY-MM-DD` of days since epoch (years 1000–9999). */
export function dateText(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

/** Microseconds of `YYYY-MM-DD HH:MM:SS[.ffffff]`. */
export function dtMicros(text: string): bigint {
  const [date = '', time = '00:00:00'] = text.split(' ');
  const [hms = '', frac = ''] = time.split('.');
  const [h, mi, s] = hms.split(':').map(Number) as [number, number, number];
  const secs = BigInt(dateDays(date)) * 86400n + BigInt(h * 3600 + mi * 60 + s);
  return secs * 1_000_000n + BigInt(frac.padEnd(6, '0').slice(0, 6) || '0');
}

/** StarRocks' DATETIME text: fraction only when non-zero, then all six digits. */
export function dtText(micros: bigint): string {
  const secs = micros / 1_000_000n - (micros % 1_000_000n < 0n ? 1n : 0n);
  const frac = micros - secs * 1_000_000n;
  const days = Number(secs / 86400n - (secs % 86400n < 0n ? 1n : 0n));
  const rest = Number(secs - BigInt(days) * 86400n);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const hms = `${p2(Math.floor(rest / 3600))}:${p2(Math.floor(rest / 60) % 60)}:${p2(rest % 60)}`;
  const f = frac === 0n ? '' : `.${frac.toString().padStart(6, '0')}`;
  return `${dateText(days)} ${hms}${f}`;
}

/** The expected cell of an oracle value. `approx` marks results computed through doubles. */
export function cellOf(v: OV, t: OT, approx = 0): Cell {
  if (v === null) return null;
  switch (t.k) {
    case 'int':
      return { x: String(v) };
    case 'dec':
      if (approx === 0) return { x: decText(v as bigint, t.s) };
      return { f: Number(decText(v as bigint, t.s)), tol: approx, x: decText(v as bigint, t.s) };
    case 'dbl':
      return { f: v as number, tol: approx > 0 ? approx : 1e-9 };
    case 'str':
      return { x: v as string };
    case 'date':
      return { x: dateText(v as number) };
    case 'dt':
      return { x: dtText(v as bigint) };
    case 'bool':
      return { x: v === true ? '1' : '0' };
  }
}

/** A cell from result text (the wire rendering or DuckDB's VARCHAR) of a column of family `fam`. */
export function cellFromText(text: string | null, fam: Family, approx: number): Cell {
  if (text === null) return null;
  switch (fam) {
    case 'dbl':
      return { f: parseDouble(text), tol: approx > 0 ? approx : 1e-9 };
    case 'dec':
    case 'int': {
      const x = normDecString(text) ?? `?${text}`;
      return approx > 0 ? { f: parseDouble(text), tol: approx, x } : { x };
    }
    case 'bool':
      return { x: text === 'true' ? '1' : text === 'false' ? '0' : text };
    case 'dt':
      return {
        x: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/.test(text) ? dtText(dtMicros(text)) : `?${text}`,
      };
    case 'date':
    case 'str':
      return { x: text };
  }
}

function parseDouble(text: string): number {
  if (text === 'inf' || text === 'Infinity') return Infinity;
  if (text === '-inf' || text === '-Infinity') return -Infinity;
  if (text === 'nan' || text === 'NaN') return NaN;
  return Number(text);
}

/**
 * Whether two cells agree (floats within their tolerance, relative to magnitude). `exact` also
 * requires approximately compared decimals to have the same exact text.
 */
export function cellsEqual(a: Cell, b: Cell, exact = false): boolean {
  if (a === null || b === null) return a === b;
  if (exact && 'f' in a && 'f' in b && a.x !== undefined && b.x !== undefined && a.x !== b.x) return false;
  const fa = 'f' in a ? a.f : null;
  const fb = 'f' in b ? b.f : null;
  if (fa === null && fb === null) return a.x === b.x;
  const x = fa ?? Number(a.x);
  const y = fb ?? Number(b.x);
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) && Number.isNaN(y);
  if (!Number.isFinite(x) || !Number.isFinite(y)) return x === y;
  const tol = Math.max('tol' in a ? a.tol : 0, 'tol' in b ? b.tol : 0);
  return Math.abs(x - y) <= tol * Math.max(1, Math.abs(x), Math.abs(y));
}

/** A sort/display key of a cell (floats rounded so near-equal values sort together). */
export function cellKey(c: Cell): string {
  if (c === null) return '\u0000NULL';
  if (!('f' in c)) return c.x;
  return Number.isFinite(c.f) ? c.f.toPrecision(6) : String(c.f);
}
