/**
 * Run one received body through its plan inside the caller's DuckDB transaction: create the
 * layer-A view over the spill file, hand the rows to `write` (the model-specific writer or a
 * staging insert), and account for every record: loaded, filtered (reader rejects, conversion
 * failures in strict mode, sink checks) and unselected (`where`). The count query runs only when
 * the write did not take every record, so a clean load reads its file once.
 */
import { quoteString } from '../codegen/index.js';
import type { EngineConnection } from '../engine/index.js';
import { SqlError } from '../errors/index.js';
import { CANONICAL_CSV_OPTIONS } from './body/canonical.js';
import type { ReceivedBody } from './body/receive.js';
import { REPORT_LIMIT, type RejectedRecord } from './body/rows.js';
import { LoadError } from './errors.js';
import type { LoadOptions } from './options.js';
import { withPartitions } from './partition-check.js';
import { FILTERED_SIGNAL, readCsvRelation, type LoadPlan } from './plan.js';

export interface LoadCounts {
  readonly total: number;
  readonly loaded: number;
  readonly filtered: number;
  readonly unselected: number;
}

export interface ExecutedLoad {
  readonly counts: LoadCounts;
  readonly rejected: readonly RejectedRecord[];
}

/** Thrown when DuckDB refuses a raw body (a record with the wrong number of fields). */
export class DirectReadFailed extends Error {}

/**
 * Lines up to 16 MiB; DuckDB's read buffer would default to 16 × that (256 MiB per buffer, more
 * than a small memory_limit allows at all), so it is set to twice the line limit.
 */
const LINE_OPTIONS = 'max_line_size=16777216, buffer_size=33554432';

/** read_csv options for a raw body DuckDB splits itself (only when direct-scan.ts allowed it). */
function directOptions(o: LoadOptions, skip: number): string {
  return (
    `delim=${quoteString(o.columnSeparator.toString('latin1'))}, header=false, quote='', escape='', ` +
    `nullstr='\\N', auto_detect=false, new_line='\\n', strict_mode=true, null_padding=false, ` +
    `${LINE_OPTIONS}, skip=${Math.trunc(skip)}`
  );
}

/** The relation layer A reads for a received body. */
export function bodyRelation(body: ReceivedBody, plan: LoadPlan, o: LoadOptions): string {
  const options =
    body.mode === 'direct'
      ? directOptions(o, body.skip ?? o.skipHeader)
      : `${CANONICAL_CSV_OPTIONS}, ${LINE_OPTIONS}`;
  return readCsvRelation(body.path, plan.slots.length, options);
}

function isCsvShapeError(e: unknown): boolean {
  const m = e instanceof Error ? e.message : String(e);
  return /CSV Error|CSV Parser|Maximum line size|Invalid unicode/i.test(m);
}

/** A guarded write met a row to filter: redo the load with full accounting. */
export class NeedAccounting extends Error {}

/**
 * Execute on `tx` (already in a transaction). `write` receives the plan's rows SELECT and returns
 * how many rows it wrote. A direct body (record count unknown) without `where` is written
 * `guarded` unless `accounting` is set: no counting pass, and NeedAccounting when a row would be
 * filtered. Otherwise the count query runs when the rows written differ from the rows read.
 */
export async function executeBody(
  tx: EngineConnection,
  plan: LoadPlan,
  body: ReceivedBody,
  options: LoadOptions,
  write: (rowsSql: string) => Promise<number>,
  accounting = false,
): Promise<ExecutedLoad> {
  // The partitions as they are inside this transaction (automatic ones appear with writes).
  plan = await withPartitions(tx, plan, options);
  await tx.execute(plan.createViewSql(bodyRelation(body, plan, options)));
  const guarded = body.total === null && options.where === null && !accounting;
  let loaded: number;
  try {
    loaded = await write(guarded ? plan.guardedRowsSql : plan.rowsSql);
  } catch (e) {
    if (body.mode === 'direct' && isCsvShapeError(e)) throw new DirectReadFailed(String(e));
    if (guarded && String(e instanceof Error ? e.message : e).includes(FILTERED_SIGNAL))
      throw new NeedAccounting('a row is filtered');
    throw e;
  }
  if (guarded) {
    await tx.execute(plan.dropViewSql);
    return { counts: { total: loaded, loaded, filtered: 0, unselected: 0 }, rejected: [] };
  }
  const readerRejected = body.rejects.count;
  const reached = body.total === null ? null : body.total - readerRejected;
  let filtered = readerRejected;
  let unselected = 0;
  let total = body.total ?? loaded;
  if (loaded !== reached || options.where !== null) {
    const { rows } = await tx.queryAll(plan.statsSql);
    const r = rows[0] ?? [];
    const [conv, unsel, sink, count] = [0, 1, 2, 3].map((i) => Number(r[i] ?? 0)) as [
      number,
      number,
      number,
      number,
    ];
    if (reached !== null && count !== reached)
      throw new LoadError(`internal: ${count} rows read by the engine, ${reached} by the reader`);
    if (body.total === null) total = count;
    filtered += conv + sink;
    unselected = unsel;
  }
  const rejected: RejectedRecord[] = [...body.rejects.kept];
  if (filtered > readerRejected && rejected.length < REPORT_LIMIT) {
    const { rows } = await tx.queryAll(plan.errorsSql(REPORT_LIMIT - rejected.length));
    for (const row of rows) rejected.push(plan.describeRejected(row));
  }
  await tx.execute(plan.dropViewSql);
  return { counts: { total, loaded, filtered, unselected }, rejected };
}

/** StarRocks' rule: fail when filtered / (total − unselected) > max_filter_ratio, or nothing loads. */
export function checkFilterRatio(c: LoadCounts, maxFilterRatio: number): void {
  const selected = c.total - c.unselected;
  if (selected > 0 && c.filtered / selected > maxFilterRatio) throw new LoadError('too many filtered rows');
  if (c.loaded === 0) throw new LoadError('all partitions have no load data');
}

/** DuckDB/SqlError failures during a load become the load's message. */
export function loadFailure(e: unknown): LoadError {
  if (e instanceof LoadError) return e;
  if (e instanceof SqlError) return new LoadError(e.message);
  return new LoadError(e instanceof Error ? e.message : String(e));
}

/** Counts and rejects of several executed pieces (segments, transaction loads) added up. */
export function addExecuted(a: ExecutedLoad, b: ExecutedLoad): ExecutedLoad {
  return {
    counts: {
      total: a.counts.total + b.counts.total,
      loaded: a.counts.loaded + b.counts.loaded,
      filtered: a.counts.filtered + b.counts.filtered,
      unselected: a.counts.unselected + b.counts.unselected,
    },
    rejected: [...a.rejected, ...b.rejected].slice(0, REPORT_LIMIT),
  };
}

export const NOTHING_EXECUTED: ExecutedLoad = {
  counts: { total: 0, loaded: 0, filtered: 0, unselected: 0 },
  rejected: [],
};
