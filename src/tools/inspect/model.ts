/** The inspection model: checks, their context and outcomes. */
import type { Connection } from 'mysql2/promise';
import { errorMessage, errorNumber, type Dialect } from '../common/index.js';
import type { Metrics } from './metrics.js';

/** An item's outcome. N/A = the item does not apply to this system (or cannot be observed). */
export type Status = 'OK' | 'WARN' | 'FAIL' | 'N/A';

/** One reported line. */
export interface ItemResult {
  readonly id: string;
  readonly title: string;
  readonly status: Status;
  readonly detail: string;
}

/** What checks can use. */
export interface InspectContext {
  readonly conn: Connection;
  readonly dialect: Dialect;
  readonly server: string;
  /** Parsed /metrics from the FE (and BEs) when reachable. */
  readonly metrics: Metrics | undefined;
  readonly metricsNote: string;
  readonly slowQuerySeconds: number;
}

/** A check: id from ONBOARDING.md §3.3 (I1…I17) or a generic one. */
export interface Check {
  readonly id: string;
  readonly title: string;
  run(ctx: InspectContext): Promise<Omit<ItemResult, 'id' | 'title'>>;
}

/** Rows of a statement as objects. */
export async function queryRows(ctx: InspectContext, sql: string): Promise<Record<string, unknown>[]> {
  const [rows] = await ctx.conn.query(sql);
  return rows as Record<string, unknown>[];
}

/** Errnos meaning "this system has no such statement/table": the item does not apply. */
const NOT_APPLICABLE_ERRNOS = new Set([1064, 1146, 1109, 1235, 1049, 1054, 1193, 1105]);

/** Turn a failed statement into N/A (unsupported here) or WARN (it should have worked). */
export function fromError(error: unknown, what: string): Omit<ItemResult, 'id' | 'title'> {
  const errno = errorNumber(error);
  // StarRocks reports a missing information_schema table as an analysis error (errno 1064).
  const missing = /unknown table|doesn't exist|not supported|unknown (statement|command)/i.test(
    errorMessage(error),
  );
  if (errno !== undefined && (NOT_APPLICABLE_ERRNOS.has(errno) || missing)) {
    return {
      status: 'N/A',
      detail: `${what} not available here (errno ${errno}: ${errorMessage(error).slice(0, 120)})`,
    };
  }
  return { status: 'WARN', detail: `${what} failed: ${errorMessage(error).slice(0, 200)}` };
}

/** The standard N/A for StarRocks-only items on MySQL/MariaDB. */
export function notStarRocks(
  ctx: InspectContext,
  what: string,
): Omit<ItemResult, 'id' | 'title'> | undefined {
  return ctx.dialect === 'starrocks'
    ? undefined
    : { status: 'N/A', detail: `${what}: not a StarRocks cluster (${ctx.server})` };
}

/** Case-insensitive column read. */
export function col(row: Record<string, unknown>, ...names: string[]): unknown {
  for (const n of names) {
    for (const k of Object.keys(row)) if (k.toLowerCase() === n.toLowerCase()) return row[k];
  }
  return undefined;
}

/** 'true'/'1'/true → true. */
export function truthy(v: unknown): boolean {
  return v === true || v === 1 || /^(true|1|yes)$/i.test(String(v ?? ''));
}

/** '45.20 %' → 45.2. */
export function percent(v: unknown): number {
  return Number(String(v ?? '').replace(/[%\s]/g, ''));
}

/** Worst of several statuses (FAIL > WARN > OK > N/A). */
export function worst(statuses: readonly Status[]): Status {
  for (const s of ['FAIL', 'WARN', 'OK'] as const) if (statuses.includes(s)) return s;
  return 'N/A';
}
