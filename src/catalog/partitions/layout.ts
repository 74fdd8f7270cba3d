/**
 * Partition definitions → partition rows (VALUES LESS THAN, [lower, upper), START … END … EVERY,
 * VALUES IN), StarRocks' overlap/duplicate checks, the Range rendering SHOW PARTITIONS prints,
 * and the DuckDB predicate that selects a partition's rows from the table's single storage table.
 */
import { SqlError } from '../../errors/index.js';
import type { AstExpr, AstPartitionDef } from '../../sql/ast/index.js';
import type { SqlType } from '../../types/index.js';
import {
  addUnits,
  boundValue,
  compareTuple,
  compareValue,
  extremeText,
  normalizeValue,
  rangeTypeName,
  timePartitionName,
} from './bounds.js';
import { keyDuckType, qs, type PartitionScheme, type TimeUnit } from './scheme.js';
import type { NewPartition, PartitionRow } from './store.js';

type Bound = readonly (string | null)[];
type Range = { readonly lower: Bound; readonly upper: Bound };

function analysis(message: string): SqlError {
  return new SqlError('analysis-error', { message });
}

function pad(b: readonly (string | null)[], n: number): (string | null)[] {
  return Array.from({ length: n }, (_, i) => b[i] ?? null);
}

/** `[types: [DATE]; keys: [2020-01-01]; ..types: [DATE]; keys: [2020-02-01]; )` / `[["a"],["b"]]`. */
export function rangeText(
  scheme: PartitionScheme,
  p: { lower: Bound | null; upper: Bound | null; values: readonly Bound[] | null },
): string {
  if (scheme.kind === 'list') {
    const vals = p.values ?? [];
    return `[${vals.map((t) => `[${t.map((v) => (v === null ? 'NULL' : JSON.stringify(v))).join(',')}]`).join(',')}]`;
  }
  const types = `types: [${scheme.keyTypes.map(rangeTypeName).join(', ')}]`;
  const keys = (b: Bound | null, which: 'min' | 'max'): string =>
    `keys: [${scheme.keyTypes.map((t, i) => b?.[i] ?? extremeText(t, which)).join(', ')}]`;
  return `[${types}; ${keys(p.lower, 'min')}; ..${types}; ${keys(p.upper, 'max')}; )`;
}

function newRange(
  scheme: PartitionScheme,
  tableId: number,
  name: string,
  temp: boolean,
  r: Range,
): NewPartition {
  const lower = pad(r.lower, scheme.keyTypes.length);
  const upper = pad(r.upper, scheme.keyTypes.length);
  return {
    tableId,
    name,
    temp,
    kind: 'range',
    lower,
    upper,
    values: null,
    buckets: 0,
    rangeText: rangeText(scheme, { lower, upper, values: null }),
    partitionKey: scheme.keyNames.join(', '),
  };
}

function newList(
  scheme: PartitionScheme,
  tableId: number,
  name: string,
  temp: boolean,
  values: readonly Bound[],
): NewPartition {
  return {
    tableId,
    name,
    temp,
    kind: 'list',
    lower: null,
    upper: null,
    values,
    buckets: 0,
    rangeText: rangeText(scheme, { lower: null, upper: null, values }),
    partitionKey: scheme.keyNames.join(', '),
  };
}

function everyOf(e: AstExpr): { unit: TimeUnit | null; step: number } {
  if (e.kind === 'interval' && e.value.kind === 'number')
    return { unit: e.unit.toLowerCase() as TimeUnit, step: Number(e.value.text) };
  if (e.kind === 'number') return { unit: null, step: Number(e.text) };
  throw analysis('Invalid EVERY clause');
}

/** START (…) END (…) EVERY (…): consecutive ranges with StarRocks' names. */
function batchRanges(
  scheme: PartitionScheme,
  def: Extract<AstPartitionDef, { kind: 'batch' }>,
): { name: string; range: Range }[] {
  const t = scheme.keyTypes[0] as SqlType;
  const start = normalizeValue(t, def.start) as string;
  const end = normalizeValue(t, def.end) as string;
  if (compareValue(t, start, end) >= 0)
    throw analysis(`Batch build partition start date should less than end date.`);
  const { unit, step } = everyOf(def.every);
  const out: { name: string; range: Range }[] = [];
  let cur = start;
  while (compareValue(t, cur, end) < 0 && out.length <= 100000) {
    let next: string;
    let name: string;
    if (unit !== null) {
      next = addUnits(t, cur, unit, step);
      name = timePartitionName('p', cur, unit);
    } else {
      next = (BigInt(cur) + BigInt(step)).toString();
      name = `p${cur}`;
    }
    if (compareValue(t, next, end) > 0) next = end;
    out.push({ name, range: { lower: [cur], upper: [next] } });
    cur = next;
  }
  return out;
}

function overlaps(types: readonly SqlType[], a: Range, b: Range): boolean {
  return compareTuple(types, a.lower, b.upper, 'min') < 0 && compareTuple(types, b.lower, a.upper, 'min') < 0;
}

function upperCmp(types: readonly SqlType[], a: Bound, b: Bound): number {
  return compareTuple(types, pad(a, types.length), pad(b, types.length), 'max');
}

/**
 * Partition rows for definitions, checked against `existing` (same table, same temp-ness):
 * duplicate names, overlapping ranges and repeated list values are StarRocks analysis errors.
 * `ifNotExists` definitions that name an existing partition are skipped.
 */
export function partitionsFromDefs(
  scheme: PartitionScheme,
  tableId: number,
  defs: readonly AstPartitionDef[],
  existing: readonly PartitionRow[],
  temp: boolean,
): NewPartition[] {
  const types = scheme.keyTypes;
  const all: { name: string; range?: Range; values?: readonly Bound[] }[] = existing
    .filter((p) => p.temp === temp)
    .map((p) => ({
      name: p.name,
      ...(p.lower !== null && p.upper !== null ? { range: { lower: p.lower, upper: p.upper } } : {}),
      ...(p.values !== null ? { values: p.values } : {}),
    }));
  const out: NewPartition[] = [];
  const add = (name: string, ifNotExists: boolean, range?: Range, values?: readonly Bound[]): void => {
    if (all.some((p) => p.name.toLowerCase() === name.toLowerCase())) {
      if (ifNotExists) return;
      throw analysis(`Duplicate partition name ${name}`);
    }
    if (range !== undefined) {
      if (
        compareTuple(types, pad(range.lower, types.length), pad(range.upper, types.length), 'min') >= 0 &&
        range.upper.some((v) => v !== null)
      )
        throw analysis('The lower values must smaller than upper values');
      const clash = all.find((p) => p.range !== undefined && overlaps(types, range, p.range));
      if (clash !== undefined)
        throw analysis(
          `Range ${rangeText(scheme, { ...range, values: null })} is intersected with range: ${rangeText(scheme, { lower: clash.range?.lower ?? null, upper: clash.range?.upper ?? null, values: null })}`,
        );
      out.push(newRange(scheme, tableId, name, temp, range));
    } else if (values !== undefined) {
      for (const v of values)
        for (const p of all)
          if (p.values?.some((w) => w.join('\u0000') === v.join('\u0000')))
            throw analysis(`Duplicate values (${v.map((x) => `'${x ?? 'NULL'}'`).join(',')}) `);
      out.push(newList(scheme, tableId, name, temp, values));
    }
    all.push({ name, ...(range ? { range } : {}), ...(values ? { values } : {}) });
  };
  // LESS THAN partitions take the previous upper bound as their lower bound (sorted by upper).
  const lessThan = defs.filter(
    (d): d is Extract<AstPartitionDef, { kind: 'less-than' }> => d.kind === 'less-than',
  );
  for (const def of defs) {
    if (def.kind === 'list') {
      if (scheme.kind !== 'list') throw analysis('List partition desc is only allowed in list partition');
      add(
        def.name,
        def.ifNotExists,
        undefined,
        def.values.map((tuple) => tuple.map((v, i) => normalizeValue(types[i] as SqlType, v))),
      );
    } else if (def.kind === 'fixed-range') {
      const lower = def.lower.map((v, i) => boundValue(types[i] as SqlType, v));
      const upper = def.upper.map((v, i) => boundValue(types[i] as SqlType, v));
      add(def.name, def.ifNotExists, { lower, upper });
    } else if (def.kind === 'batch') {
      for (const b of batchRanges(scheme, def)) add(b.name, false, b.range);
    } else if (lessThan.length > 0 && def === lessThan[0]) {
      const sorted = [...lessThan].map((d) => ({
        d,
        upper: d.values.map((v, i) => boundValue(types[i] as SqlType, v)),
      }));
      sorted.sort((a, b) => upperCmp(types, a.upper, b.upper));
      for (const { d, upper } of sorted) {
        const below = all
          .filter((p) => p.range !== undefined && upperCmp(types, p.range.upper, upper) < 0)
          .map((p) => p.range?.upper as Bound)
          .sort((a, b) => upperCmp(types, a, b));
        const lower = below[below.length - 1] ?? [];
        add(d.name, d.ifNotExists, { lower, upper });
      }
    }
  }
  return out;
}

/** Range for an automatically created time partition holding key value `v`. */
export function autoRange(scheme: PartitionScheme, v: string): { name: string; range: Range } {
  const g = scheme.granularity ?? { unit: 'day' as const, step: 1 };
  const t = scheme.keyTypes[0] as SqlType;
  return {
    name: timePartitionName('p', v, g.unit),
    range: { lower: [v], upper: [addUnits(t, v, g.unit, g.step)] },
  };
}

/** An automatic time partition holding `v` (null: the MINVALUE partition that also holds NULL keys). */
export function autoRangePartition(
  scheme: PartitionScheme,
  tableId: number,
  v: string | null,
  name: string,
): NewPartition {
  if (v === null)
    return newRange(scheme, tableId, name, false, {
      lower: [null],
      upper: autoRange(scheme, '0000-01-01').range.upper,
    });
  return newRange(scheme, tableId, name, false, autoRange(scheme, v).range);
}

export function autoListPartition(
  scheme: PartitionScheme,
  tableId: number,
  values: Bound,
  name: string,
): NewPartition {
  return newList(scheme, tableId, name, false, [values]);
}

function lit(t: SqlType, v: string): string {
  return `CAST(${qs(v)} AS ${keyDuckType(t)})`;
}

/** Lexicographic `keys >= bound` (or `<`), MIN/MAX entries dropping out. */
function tupleCmp(scheme: PartitionScheme, bound: Bound, op: '>=' | '<'): string | null {
  const n = scheme.keySql.length;
  const terms: string[] = [];
  const build = (i: number): string | null => {
    const v = bound[i] ?? null;
    const key = scheme.keySql[i] as string;
    const t = scheme.keyTypes[i] as SqlType;
    if (v === null) return op === '>=' ? null : i === 0 ? null : 'false';
    const strict = op === '>=' ? '>' : '<';
    if (i === n - 1) return `${key} ${op} ${lit(t, v)}`;
    const rest = build(i + 1);
    const eq = `${key} = ${lit(t, v)}`;
    return `(${key} ${strict} ${lit(t, v)} OR (${eq}${rest === null ? '' : ` AND ${rest}`}))`;
  };
  const first = build(0);
  if (first !== null) terms.push(first);
  return terms.length > 0 ? terms.join(' AND ') : null;
}

/** DuckDB predicate over the storage columns selecting a partition's rows. */
export function partitionPredicate(scheme: PartitionScheme, p: PartitionRow | NewPartition): string {
  if (p.kind === 'list') {
    const tuples = (p.values ?? []).map((tuple) =>
      tuple
        .map((v, i) => {
          const key = scheme.keySql[i] as string;
          return v === null ? `${key} IS NULL` : `${key} = ${lit(scheme.keyTypes[i] as SqlType, v)}`;
        })
        .join(' AND '),
    );
    return tuples.length === 0 ? 'false' : `(${tuples.map((t) => `(${t})`).join(' OR ')})`;
  }
  const lowerIsMin = (p.lower ?? []).every((v) => v === null);
  const lo = lowerIsMin ? null : tupleCmp(scheme, p.lower ?? [], '>=');
  const hi = tupleCmp(scheme, p.upper ?? [], '<');
  const both = [lo, hi].filter((x): x is string => x !== null);
  const body = both.length === 0 ? 'true' : both.join(' AND ');
  // NULL keys belong to the partition that starts at MINVALUE (StarRocks).
  return lowerIsMin ? `(${scheme.keySql[0] as string} IS NULL OR (${body}))` : `(${body})`;
}
