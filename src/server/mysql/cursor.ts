/**
 * Read-only cursors for prepared statements (COM_STMT_EXECUTE with CURSOR_TYPE_READ_ONLY, then
 * COM_STMT_FETCH), as MySQL Connector/J's `useCursorFetch=true` and libmysqlclient's
 * STMT_ATTR_CURSOR_TYPE use them. EXECUTE answers with the column definitions only (status
 * CURSOR_EXISTS); each FETCH sends up to N binary rows and an EOF that says CURSOR_EXISTS while
 * rows remain and LAST_ROW_SENT with the last ones, after which the cursor is closed. The
 * cursor keeps the result's batch iterator (and so its engine connection) until then, holding
 * one batch in memory at a time.
 */
import { SqlError } from '../../errors/index.js';
import type { StatementResult } from '../../session/index.js';
import type { RowBatch } from '../../types/index.js';
import {
  ServerStatus,
  binaryCellWriter,
  writeBinaryRows,
  writeEof,
  writeOk,
  writeResultSetHeader,
  type CellWriter,
} from '../../wire/index.js';
import { statusFlags, type ResultContext } from './results.js';

/** COM_STMT_EXECUTE flag: open a read-only cursor instead of sending the rows. */
export const CURSOR_TYPE_READ_ONLY = 0x01;

/** An open cursor: the rest of a rows result. */
export interface Cursor {
  readonly cells: readonly CellWriter[];
  readonly it: AsyncIterator<RowBatch>;
  batch: RowBatch;
  at: number;
  done: boolean;
}

/**
 * Answer an EXECUTE that asked for a cursor: a rows result becomes a cursor (header only), an
 * OK result is sent as usual (no cursor).
 */
export function openCursor(ctx: ResultContext, result: StatementResult): Cursor | null {
  const w = ctx.out.writer;
  const warnings = ctx.session.status.warningCount;
  if (result.kind === 'ok') {
    writeOk(w, {
      affectedRows: result.affectedRows,
      lastInsertId: result.lastInsertId,
      status: statusFlags(ctx.session),
      warnings,
      info: result.info,
    });
    return null;
  }
  const status = statusFlags(ctx.session) | ServerStatus.CURSOR_EXISTS;
  writeResultSetHeader(w, result.columns, status, warnings, ctx.textCharset);
  return {
    cells: result.columns.map((c) => binaryCellWriter(c.type)),
    it: result.batches[Symbol.asyncIterator](),
    batch: [],
    at: 0,
    done: false,
  };
}

/** The next batch with rows left, or false at the end of the result. */
async function refill(c: Cursor, signal: AbortSignal): Promise<boolean> {
  while (c.at >= c.batch.length) {
    if (c.done) return false;
    if (signal.aborted) throw new SqlError('query-interrupted');
    const step = await c.it.next();
    if (step.done === true) {
      c.done = true;
      return false;
    }
    c.batch = step.value;
    c.at = 0;
  }
  return true;
}

/**
 * COM_STMT_FETCH: up to `count` rows, then EOF. Returns whether the cursor stays open (false
 * after LAST_ROW_SENT: the caller forgets it).
 */
export async function fetchRows(ctx: ResultContext, c: Cursor, count: number): Promise<boolean> {
  const w = ctx.out.writer;
  let left = Math.max(1, count);
  while (left > 0 && (await refill(c, ctx.signal))) {
    const to = Math.min(c.batch.length, c.at + left, c.at + 256);
    writeBinaryRows(w, c.batch, c.cells, c.at, to);
    left -= to - c.at;
    c.at = to;
    const wait = ctx.out.maybeFlush();
    if (wait !== undefined) await wait;
  }
  const more = await refill(c, ctx.signal);
  const status = statusFlags(ctx.session) | (more ? ServerStatus.CURSOR_EXISTS : ServerStatus.LAST_ROW_SENT);
  writeEof(w, status, ctx.session.status.warningCount);
  if (!more) await closeCursor(c);
  return more;
}

/** Release the result behind a cursor (its engine connection goes back to the pool). */
export async function closeCursor(c: Cursor): Promise<void> {
  c.done = true;
  c.batch = [];
  await c.it.return?.();
}
