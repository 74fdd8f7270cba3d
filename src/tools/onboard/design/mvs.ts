/**
 * Materialized views for the typical aggregations (R-M1…R-M3): sync MV when the base allows it and
 * the data must be real-time, async MV otherwise, storing roll-up-able functions.
 */
import { typeInfo } from '../form/column-type.js';
import type { Form } from '../form/model.js';
import { formatDuration } from '../form/units.js';
import type { Aggregate } from '../sql-scan.js';
import { queryTables } from './assess.js';
import { bucketCount } from './layout.js';
import type { Notes } from './notes.js';
import type { MvDesign, QueryInfo, TableDesign } from './types.js';

/** R-M2: how an aggregate is stored so coarser queries can roll it up. */
function storedAggregates(a: Aggregate, columnType: (name: string) => string | undefined): string[] | null {
  const arg = a.arg.split('.').pop() ?? a.arg;
  switch (a.fn) {
    case 'count':
      return [arg === '*' || arg === '1' ? 'count(*)' : `count(${arg})`];
    case 'sum':
    case 'min':
    case 'max':
      return [`${a.fn}(${arg})`];
    case 'avg':
      return [`sum(${arg})`, `count(${arg})`];
    case 'count_distinct':
      return typeInfo(columnType(arg) ?? '')?.isInteger === true
        ? [`bitmap_union(to_bitmap(${arg}))`]
        : [`hll_union(hll_hash(${arg}))`];
    case 'approx_count_distinct':
    case 'ndv':
      return [`hll_union(hll_hash(${arg}))`];
    default:
      return null;
  }
}

const SYNC_FUNCS = /^(sum|min|max|count|bitmap_union|hll_union|percentile_union)\(/;

function aliasFor(expr: string): string {
  return expr
    .replace(/\(\*\)/g, '_all')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
}

/** Design the MVs; at most one per aggregation query. */
export function designMvs(
  form: Form,
  tables: readonly TableDesign[],
  queries: readonly QueryInfo[],
  nBe: number,
  notes: Notes,
): MvDesign[] {
  const out: MvDesign[] = [];
  for (const q of queries) {
    if (q.cls !== 'aggregation' && q.cls !== 'join') continue;
    const names = queryTables(form, q);
    const base = tables.find((t) => t.name === names[0]);
    if (base === undefined || q.shape.aggregates.length === 0) continue;
    if (q.cls === 'join') {
      notes.decide(
        'R-M1',
        `query ${q.name}`,
        'no MV generated for the join',
        'multi-table aggregations need an async MV written by hand over the join (not derived by this tool)',
      );
      notes.risk(
        'low',
        `query ${q.name}`,
        'join aggregation: consider an async MV over the join once its columns are known',
        'R-M1',
      );
      continue;
    }
    const mv = designOne(form, base, q, nBe, notes);
    if (mv !== null) out.push(mv);
  }
  for (const t of tables) {
    const syncCount = out.filter((m) => m.base === t.name && m.kind === 'sync').length;
    if (syncCount > 3)
      notes.risk(
        'medium',
        t.name,
        `${syncCount} sync MVs: each adds a full write path to every load`,
        'R-M3',
      );
  }
  return out;
}

function designOne(form: Form, base: TableDesign, q: QueryInfo, nBe: number, notes: Notes): MvDesign | null {
  const typeOf = (n: string): string | undefined => base.columns.find((c) => c.name === n)?.type;
  const time = base.partition?.column ?? null;
  const dims: string[] = [];
  let timeDim: string | null = null;
  for (const g of q.shape.groupBy) if (typeOf(g) !== undefined && !dims.includes(g)) dims.push(g);
  for (const f of q.shape.filters) {
    if (typeOf(f.column) === undefined || dims.includes(f.column)) continue;
    if (f.column === time && f.op === 'range')
      timeDim = `date_trunc('${base.partition?.unit ?? 'day'}', ${time})`;
    else dims.push(f.column);
  }
  const aggs: string[] = [];
  for (const a of q.shape.aggregates) {
    const stored = storedAggregates(a, typeOf);
    if (stored === null) {
      notes.decide('R-M1', `query ${q.name}`, 'no MV', `${a.fn}() cannot be stored in a roll-up-able form`);
      return null;
    }
    for (const s of stored) if (!aggs.includes(s)) aggs.push(s);
  }
  const realTime = base.spec.freshnessS < 60;
  const syncAllowed = base.model !== 'PRIMARY' && timeDim === null && aggs.every((a) => SYNC_FUNCS.test(a));
  const kind: MvDesign['kind'] = syncAllowed && realTime ? 'sync' : 'async';
  const name = `mv_${base.name}_${q.name}`.toLowerCase().slice(0, 64);
  const selectItems = [
    ...(timeDim === null ? [] : [`${timeDim} AS ${time}_${base.partition?.unit ?? 'day'}`]),
    ...dims,
    ...aggs.map((a) => `${a} AS ${aliasFor(a)}`),
  ];
  const groupItems = [...(timeDim === null ? [] : [timeDim]), ...dims];
  const select = `SELECT ${selectItems.join(', ')}\nFROM ${form.database}.${base.name}${groupItems.length > 0 ? `\nGROUP BY ${groupItems.join(', ')}` : ''}`;
  const why: string[] = [];
  if (base.model === 'PRIMARY') why.push('sync MVs are not allowed on a Primary Key base');
  else if (timeDim !== null)
    why.push('the time-range filter needs a date_trunc dimension (async, partition-aligned)');
  else if (!realTime)
    why.push(`base freshness ${formatDuration(base.spec.freshnessS)}: real-time consistency not needed`);
  else why.push('single table, allowed aggregates, real-time base');
  why.push(
    `GROUP BY ${groupItems.join(', ') || '(none)'} covers the query's grouping and filter columns (R-M2)`,
  );
  if (kind === 'sync') {
    notes.decide('R-M1', base.name, `sync MV ${name}`, why.join('; '));
    return {
      name,
      base: base.name,
      query: q.name,
      kind,
      select,
      refresh: null,
      partitionBy: null,
      distribution: null,
    };
  }
  const refresh = refreshClause(base.spec.freshnessS, q.name, notes);
  notes.decide('R-M1', base.name, `async MV ${name} (${refresh})`, why.join('; '));
  const first = dims.find((d) => typeInfo(typeOf(d) ?? '')?.canBeKey === true);
  const count = bucketCount(0, nBe, false);
  const distribution =
    first === undefined ? null : ({ kind: 'hash', columns: [first], buckets: count.buckets } as const);
  return {
    name,
    base: base.name,
    query: q.name,
    kind,
    select,
    refresh,
    partitionBy: timeDim === null ? null : `${time}_${base.partition?.unit ?? 'day'}`,
    distribution,
  };
}

/** Refresh on base change for batch-loaded bases; every `freshness` (≥ 1 min) otherwise. */
function refreshClause(freshnessS: number, query: string, notes: Notes): string {
  if (freshnessS >= 3600) return 'REFRESH ASYNC';
  const minutes = Math.max(1, Math.floor(freshnessS / 60));
  if (freshnessS < 60) {
    notes.risk(
      'medium',
      `query ${query}`,
      `an async MV refreshes at most every minute: results may be up to 1 min old vs freshness ${formatDuration(freshnessS)}`,
      'R-M1',
    );
  }
  return `REFRESH ASYNC EVERY (INTERVAL ${minutes} MINUTE)`;
}
