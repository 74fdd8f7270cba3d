/**
 * The verification model of the DML crash workload (crash-dml-support.ts). Every worker owns a
 * slice of the shared PRIMARY KEY table (ids and groups ≡ worker number mod 100), its own
 * DUPLICATE table and the columns it added; its model is that state as acknowledged. A state is
 * compared as a flat map (entity → value) so a stored state that matches neither the acknowledged
 * model nor the model with the in-flight statement applied can be classified: an acknowledged
 * change missing ("lost") or an in-flight statement partly there ("half-applied").
 */

/** One row of the shared PRIMARY KEY table (key: id). */
export interface PkRow {
  g: number;
  v: number;
  s: string;
}

/** One row of a worker's DUPLICATE table. */
export interface DupRow {
  id: number;
  g: number;
  v: number;
}

/** What one worker owns, as acknowledged. */
export interface DmlModel {
  pk: Map<number, PkRow>;
  dup: DupRow[];
  /** Columns this worker added to the shared PRIMARY KEY table (`c<n>_<k>`). */
  pkCols: Set<string>;
  /** Columns added to the worker's DUPLICATE table (`x<k>`). */
  dupCols: Set<string>;
}

export function emptyModel(): DmlModel {
  return { pk: new Map(), dup: [], pkCols: new Set(), dupCols: new Set() };
}

export function cloneModel(m: DmlModel): DmlModel {
  return {
    pk: new Map([...m.pk].map(([k, r]) => [k, { ...r }])),
    dup: m.dup.map((r) => ({ ...r })),
    pkCols: new Set(m.pkCols),
    dupCols: new Set(m.dupCols),
  };
}

/** The model as entity → value (DUPLICATE rows counted, since a row may repeat). */
export function flatten(m: DmlModel): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, r] of m.pk) out.set(`pk:${id}`, `${r.g}|${r.v}|${r.s}`);
  for (const r of m.dup) {
    const k = `dup:${r.id}|${r.g}|${r.v}`;
    out.set(k, String(Number(out.get(k) ?? 0) + 1));
  }
  for (const c of m.pkCols) out.set(`pkcol:${c}`, '1');
  for (const c of m.dupCols) out.set(`dupcol:${c}`, '1');
  return out;
}

/** Entities whose value differs between two flat states. */
export function diff(a: Map<string, string>, b: Map<string, string>): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of a) if (b.get(k) !== v) out.add(k);
  for (const k of b.keys()) if (!a.has(k)) out.add(k);
  return out;
}

/** How a stored state relates to the acknowledged model and the in-flight statement. */
export type Verdict =
  | { kind: 'acknowledged' }
  | { kind: 'inflight-applied' }
  | { kind: 'lost'; entities: string[] }
  | { kind: 'half-applied'; entities: string[] };

export function judge(stored: DmlModel, model: DmlModel, pending: DmlModel | null): Verdict {
  const got = flatten(stored);
  const vsModel = diff(got, flatten(model));
  if (vsModel.size === 0) return { kind: 'acknowledged' };
  if (pending === null) return { kind: 'lost', entities: [...vsModel].slice(0, 10) };
  const vsPending = diff(got, flatten(pending));
  if (vsPending.size === 0) return { kind: 'inflight-applied' };
  // An entity matching neither state is an acknowledged change gone (or a foreign trace);
  // otherwise some entities show the statement and others do not: it was applied in part.
  const neither = [...vsModel].filter((k) => vsPending.has(k));
  if (neither.length > 0) return { kind: 'lost', entities: neither.slice(0, 10) };
  return { kind: 'half-applied', entities: [...vsModel].slice(0, 10) };
}
