/**
 * Materialized-view state kept beside the catalog entry (document kind 'mv', key = table id for
 * asynchronous MVs; kind 'sync-mv', key = `db.name`, for synchronous single-table rollups):
 * refresh scheme, activity, and the last refresh task's outcome.
 */
import { SqlError } from '../../errors/index.js';
import type { AstExpr, AstMvRefresh } from '../../sql/index.js';

/** How an asynchronous MV is refreshed. */
export interface MvRefreshScheme {
  /** 'ASYNC' (on a schedule or on demand), 'MANUAL' (REFRESH statement only), 'INCREMENTAL'. */
  readonly type: 'ASYNC' | 'MANUAL' | 'INCREMENTAL';
  /** DEFERRED: no refresh at creation. */
  readonly deferred: boolean;
  /** Schedule: first run (epoch ms) and period (ms); absent without EVERY. */
  readonly startMs?: number;
  readonly intervalMs?: number;
  /** `EVERY(INTERVAL 1 MINUTE)` as StarRocks prints it (`1 MINUTE`). */
  readonly everyText?: string;
  readonly startText?: string;
}

export interface MvRefreshRecord {
  readonly startMs: number;
  readonly finishMs: number;
  readonly state: 'SUCCESS' | 'FAILED';
  readonly force: boolean;
  readonly rows: number;
  readonly errorCode: string;
  readonly errorMessage: string;
  readonly jobId: string;
}

/** Document of an asynchronous MV (key: its table id). */
export interface MvDoc {
  readonly tableId: number;
  readonly db: string;
  readonly name: string;
  readonly refresh: MvRefreshScheme;
  readonly active: boolean;
  readonly inactiveReason: string;
  readonly queryText: string;
  readonly createdMs: number;
  readonly creator: string;
  readonly taskId: number;
  readonly last: MvRefreshRecord | null;
  /** Refresh tasks run so far (task-run ids). */
  readonly runs: number;
  /** Base tables (`db.table`): writes to them trigger `REFRESH ASYNC` MVs without EVERY. */
  readonly bases?: readonly string[];
}

/** Document of a synchronous MV: a rollup of one base table (stored and shown; no rewrite). */
export interface SyncMvDoc {
  readonly id: number;
  readonly db: string;
  readonly name: string;
  readonly baseTable: string;
  readonly baseTableId: number;
  readonly queryText: string;
  readonly createdMs: number;
  readonly creator: string;
}

const UNIT_MS: Readonly<Record<string, number>> = {
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
  month: 30 * 86_400_000,
  year: 365 * 86_400_000,
};

function invalid(message: string): SqlError {
  return new SqlError('analysis-error', { message });
}

/** `INTERVAL n unit` → milliseconds and its StarRocks text. */
function interval(e: AstExpr): { ms: number; text: string } {
  if (e.kind !== 'interval') throw invalid('Materialized view refresh interval must be an INTERVAL');
  const v = e.value;
  const n = v.kind === 'number' ? Number(v.text) : NaN;
  const unitMs = UNIT_MS[e.unit];
  if (!Number.isInteger(n) || n <= 0) throw invalid('Unsupported negative or zero step value: ' + String(n));
  if (unitMs === undefined) throw invalid(`Unsupported time unit: ${e.unit.toUpperCase()}`);
  return { ms: n * unitMs, text: `${n} ${e.unit.toUpperCase()}` };
}

/** `'2024-01-01 00:00:00'` in server-local time → epoch ms. */
function startTime(e: AstExpr): { ms: number; text: string } {
  const text = e.kind === 'string' ? e.value : '';
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (m === null) throw invalid(`Refresh start time must be a datetime string: '${text}'`);
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as number[];
  const ms = new Date(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0).getTime();
  return { ms, text: text.trim() };
}

/**
 * The refresh scheme of CREATE/ALTER: absent clause → MANUAL; `REFRESH ASYNC` without EVERY →
 * on demand; with EVERY → scheduled from START (or creation time).
 */
export function refreshScheme(r: AstMvRefresh | undefined, nowMs: number): MvRefreshScheme {
  if (r === undefined) return { type: 'MANUAL', deferred: false };
  if (r.mode === 'manual') return { type: 'MANUAL', deferred: r.deferred };
  if (r.mode === 'incremental') return { type: 'INCREMENTAL', deferred: r.deferred };
  if (r.mode === 'sync') throw invalid('REFRESH SYNC is only for synchronous materialized views');
  if (r.every === undefined) {
    if (r.start !== undefined) throw invalid('START needs EVERY in a refresh scheme');
    return { type: 'ASYNC', deferred: r.deferred };
  }
  const every = interval(r.every);
  const start = r.start !== undefined ? startTime(r.start) : null;
  if (start !== null && start.ms < nowMs - 1000) throw invalid('Refresh start must be after current time');
  return {
    type: 'ASYNC',
    deferred: r.deferred,
    startMs: start?.ms ?? nowMs,
    intervalMs: every.ms,
    everyText: every.text,
    ...(start !== null ? { startText: start.text } : {}),
  };
}

/** The refresh clause as SHOW CREATE prints it. */
export function refreshClause(r: MvRefreshScheme): string {
  const moment = r.deferred ? 'DEFERRED ' : '';
  if (r.type !== 'ASYNC') return `REFRESH ${moment}${r.type}`;
  const start = r.startText !== undefined ? ` START("${r.startText}")` : '';
  const every = r.everyText !== undefined ? ` EVERY(INTERVAL ${r.everyText})` : '';
  return `REFRESH ${moment}ASYNC${start}${every}`;
}

/**
 * The first scheduled time strictly after `afterMs` (START + k × EVERY), or null when the MV has
 * no schedule.
 */
export function nextRun(r: MvRefreshScheme, afterMs: number): number | null {
  if (r.type !== 'ASYNC' || r.startMs === undefined || r.intervalMs === undefined) return null;
  if (afterMs < r.startMs) return r.startMs;
  const k = Math.floor((afterMs - r.startMs) / r.intervalMs) + 1;
  return r.startMs + k * r.intervalMs;
}
