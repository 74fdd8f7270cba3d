import { SqlError } from '../../errors/index.js';
import type { RowsResult, Session, StatementResult } from '../../session/index.js';
import {
  ServerStatus,
  binaryCellWriter,
  textCellWriter,
  writeBinaryRows,
  writeEof,
  writeOk,
  writeResultSetHeader,
  writeTextRows,
  type CellWriter,
} from '../../wire/index.js';
import { errorToSqlError, writeSqlError } from './errors.js';
import type { SocketOutput } from './output.js';
import type { Logger } from '../log.js';

/** Rows encoded between checks for a pending chunk, so huge batches still stream in 64 KiB steps. */
const ROWS_PER_SLICE = 256;

/** OK/EOF status flags from the session's state. */
export function statusFlags(session: Session | null, moreResults = false): number {
  let status = 0;
  if (session === null || session.status.autocommit) status |= ServerStatus.AUTOCOMMIT;
  if (session !== null && session.status.inTransaction) status |= ServerStatus.IN_TRANS;
  if (moreResults) status |= ServerStatus.MORE_RESULTS_EXISTS;
  return status;
}

function warnings(session: Session): number {
  return session.status.warningCount;
}

/** What a result stream needs from its connection. */
export interface ResultContext {
  readonly out: SocketOutput;
  readonly session: Session;
  readonly signal: AbortSignal;
  readonly log: Logger;
  /** Charset id for text columns (textCharsetFor the client's handshake charset). */
  readonly textCharset: number;
}

/** Stream one rows result (header, rows, no terminator); row errors propagate to the caller. */
async function streamRows(ctx: ResultContext, r: RowsResult, binary: boolean): Promise<void> {
  const w = ctx.out.writer;
  writeResultSetHeader(w, r.columns, statusFlags(ctx.session), 0, ctx.textCharset);
  const cells: CellWriter[] = r.columns.map((c) =>
    binary ? binaryCellWriter(c.type) : textCellWriter(c.type),
  );
  const write = binary ? writeBinaryRows : writeTextRows;
  for await (const batch of r.batches) {
    if (ctx.signal.aborted) throw new SqlError('query-interrupted');
    for (let from = 0; from < batch.length; from += ROWS_PER_SLICE) {
      write(w, batch, cells, from, Math.min(batch.length, from + ROWS_PER_SLICE));
      const wait = ctx.out.maybeFlush();
      if (wait !== undefined) await wait;
    }
  }
  if (ctx.signal.aborted) throw new SqlError('query-interrupted');
}

/**
 * Send a sequence of statement results: each rows result as header + rows + EOF, each OK as an
 * OK packet. The next result is fetched before a terminator is written so that every result but
 * the last carries SERVER_MORE_RESULTS_EXISTS; an error (before or inside a result) ends the
 * sequence with ERR, and the remaining statements are not run.
 */
export async function sendResults(
  ctx: ResultContext,
  results: AsyncIterable<StatementResult>,
  binary: boolean,
): Promise<void> {
  const w = ctx.out.writer;
  const it = results[Symbol.asyncIterator]();
  let step: IteratorResult<StatementResult>;
  try {
    step = await it.next();
  } catch (error) {
    writeSqlError(w, errorToSqlError(error, ctx.log, 'statement'));
    return;
  }
  if (step.done === true) {
    writeOk(w, { status: statusFlags(ctx.session), warnings: warnings(ctx.session) });
    return;
  }
  for (;;) {
    const result: StatementResult = step.value;
    try {
      if (result.kind === 'rows') await streamRows(ctx, result, binary);
    } catch (error) {
      w.abort();
      writeSqlError(w, errorToSqlError(error, ctx.log, 'result'));
      await it.return?.();
      return;
    }
    let failure: unknown = null;
    let next: IteratorResult<StatementResult> | null = null;
    try {
      next = await it.next();
    } catch (error) {
      failure = error ?? new Error('statement failed');
    }
    const more = failure !== null || (next !== null && next.done !== true);
    const status = statusFlags(ctx.session, more);
    if (result.kind === 'rows') writeEof(w, status, warnings(ctx.session));
    else {
      writeOk(w, {
        affectedRows: result.affectedRows,
        lastInsertId: result.lastInsertId,
        status,
        warnings: warnings(ctx.session),
        info: result.info,
      });
    }
    if (failure !== null) {
      writeSqlError(w, errorToSqlError(failure, ctx.log, 'statement'));
      return;
    }
    if (next === null || next.done === true) return;
    step = next;
    const wait = ctx.out.maybeFlush();
    if (wait !== undefined) await wait;
  }
}

/** One result from COM_STMT_EXECUTE (binary protocol). */
export async function sendPreparedResult(
  ctx: ResultContext,
  run: () => Promise<StatementResult>,
): Promise<void> {
  await sendResults(ctx, single(run), true);
}

async function* single(run: () => Promise<StatementResult>): AsyncIterable<StatementResult> {
  yield await run();
}
