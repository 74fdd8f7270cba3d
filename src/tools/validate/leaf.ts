/**
 * Row-by-row comparison of one small segment fetched from both sides, matched by normalised key
 * in memory (no reliance on either server's sort order or collation).
 */
import type { PairedColumn } from './columns.js';

/** A fetched row: normalised key, normalised column texts, raw floats for tolerant comparison. */
export interface LeafRow {
  readonly key: string;
  readonly values: readonly (string | null)[];
  readonly floats: readonly (number | undefined)[];
}

/** One column that differs in a row present on both sides. */
export interface ColumnDiff {
  readonly column: string;
  readonly source: string | null;
  readonly target: string | null;
}

/** A differing row, reported by key. */
export type RowDiff =
  | { readonly kind: 'missing'; readonly key: string }
  | { readonly kind: 'extra'; readonly key: string }
  | { readonly kind: 'changed'; readonly key: string; readonly columns: readonly ColumnDiff[] }
  | { readonly kind: 'duplicate'; readonly key: string; readonly side: 'source' | 'target' };

/** Where differences go (the report keeps counts and the first N). */
export interface DiffSink {
  add(diff: RowDiff): void;
  note(message: string): void;
}

function sameFloat(a: number | undefined, b: number | undefined, tol: number): boolean {
  if (a === undefined || b === undefined) return a === b;
  return Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b));
}

function index(
  rows: readonly LeafRow[],
  sideName: 'source' | 'target',
  sink: DiffSink,
): Map<string, LeafRow> {
  const map = new Map<string, LeafRow>();
  for (const r of rows) {
    if (map.has(r.key)) sink.add({ kind: 'duplicate', key: r.key, side: sideName });
    else map.set(r.key, r);
  }
  return map;
}

/** Compare two fetched segments and report every differing row. */
export function diffLeaf(
  source: readonly LeafRow[],
  target: readonly LeafRow[],
  columns: readonly PairedColumn[],
  floatTolerance: number,
  sink: DiffSink,
): void {
  const s = index(source, 'source', sink);
  const t = index(target, 'target', sink);
  for (const [key, sr] of s) {
    const tr = t.get(key);
    if (tr === undefined) {
      sink.add({ kind: 'missing', key });
      continue;
    }
    const diffs: ColumnDiff[] = [];
    columns.forEach((c, i) => {
      const a = sr.values[i] ?? null;
      const b = tr.values[i] ?? null;
      if (a === b) return;
      // Floats hash at `digits` significant digits; within that relative tolerance they are equal.
      const tol = c.norm.kind === 'float' ? Math.max(floatTolerance, 10 ** -(c.norm.digits - 1)) : 0;
      if (c.norm.kind === 'float' && a !== null && b !== null && sameFloat(sr.floats[i], tr.floats[i], tol))
        return;
      diffs.push({ column: c.name, source: a, target: b });
    });
    if (diffs.length > 0) sink.add({ kind: 'changed', key, columns: diffs });
  }
  for (const key of t.keys()) if (!s.has(key)) sink.add({ kind: 'extra', key });
}
