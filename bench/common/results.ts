/**
 * Result normalisation and comparison between systems. Both sides' rows become arrays of
 * canonical strings (numbers without trailing zeros or exponent, dates as YYYY-MM-DD, NULL as
 * \N), so `1.50`, `1.5` and `1.5e0` agree while a wrong sum, a missing row or an extra column
 * does not. Row order is compared as a multiset, because SSB's ORDER BY keys can tie.
 */

/** A result set in canonical form. */
export interface CanonicalResult {
  readonly columns: number;
  readonly rows: readonly (readonly string[])[];
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Canonical decimal text for a numeric string: '1.50' → '1.5', '-0' → '0', '1e3' → '1000'. */
export function canonicalNumber(text: string): string {
  let s = text.trim();
  if (/[eE]/.test(s)) {
    const n = Number(s);
    s = Number.isInteger(n) && Math.abs(n) < 2 ** 53 ? BigInt(n).toString() : String(n);
  }
  let sign = '';
  if (s.startsWith('-') || s.startsWith('+')) {
    sign = s.startsWith('-') ? '-' : '';
    s = s.slice(1);
  }
  let [int = '', frac = ''] = s.split('.');
  int = int.replace(/^0+(?=\d)/, '');
  if (int === '') int = '0';
  frac = frac.replace(/0+$/, '');
  const body = frac === '' ? int : `${int}.${frac}`;
  return body === '0' ? '0' : sign + body;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Canonical text for one value from either client. */
export function canonicalValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return canonicalNumber(Number.isInteger(v) ? v.toFixed(0) : String(v));
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (v instanceof Date) return `${v.getUTCFullYear()}-${pad2(v.getUTCMonth() + 1)}-${pad2(v.getUTCDate())}`;
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  const s = String(v);
  return NUMBER.test(s) ? canonicalNumber(s) : s;
}

/** Canonicalise a result given as rows of values. */
export function canonicalize(rows: readonly (readonly unknown[])[], columns: number): CanonicalResult {
  return { columns, rows: rows.map((r) => r.map(canonicalValue)) };
}

/** The outcome of comparing two results. */
export interface Comparison {
  readonly equal: boolean;
  /** Human-readable reason when not equal (first difference). */
  readonly reason?: string;
}

function rowKey(r: readonly string[]): string {
  return r.join('\u0001');
}

/** Compare two canonical results as multisets of rows. */
export function compareResults(
  a: CanonicalResult,
  b: CanonicalResult,
  names = ['left', 'right'],
): Comparison {
  const [an, bn] = names;
  if (a.columns !== b.columns)
    return { equal: false, reason: `${an} has ${a.columns} columns, ${bn} ${b.columns}` };
  if (a.rows.length !== b.rows.length) {
    return { equal: false, reason: `${an} returned ${a.rows.length} rows, ${bn} ${b.rows.length}` };
  }
  const counts = new Map<string, number>();
  for (const r of a.rows) counts.set(rowKey(r), (counts.get(rowKey(r)) ?? 0) + 1);
  for (const r of b.rows) {
    const k = rowKey(r);
    const c = counts.get(k) ?? 0;
    if (c === 0) {
      const near = a.rows.find((x) => x[0] === r[0]);
      const hint = near === undefined ? '' : `; ${an} has [${near.join(', ')}]`;
      return { equal: false, reason: `row [${r.join(', ')}] of ${bn} is not in ${an}${hint}` };
    }
    counts.set(k, c - 1);
  }
  return { equal: true };
}

/** A short digest of a result for reports: row count and the first row. */
export function describeResult(r: CanonicalResult): string {
  const first = r.rows[0];
  return `${r.rows.length} row(s)${first === undefined ? '' : `, first [${first.join(', ')}]`}`;
}
