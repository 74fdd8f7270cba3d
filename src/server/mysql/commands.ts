import { SqlError } from '../../errors/index.js';
import type { Session } from '../../session/index.js';
import {
  decodeCommand,
  decodeExecuteParams,
  writeEof,
  writeFieldList,
  writeOk,
  writePrepareOk,
  writeStatistics,
  type ClientCommand,
} from '../../wire/index.js';
import type { MysqlConnection } from './connection.js';
import { CURSOR_TYPE_READ_ONLY, closeCursor, fetchRows, openCursor, type Cursor } from './cursor.js';
import { errorToSqlError, writeSqlError } from './errors.js';
import { sendPreparedResult, sendResults, statusFlags, type ResultContext } from './results.js';

/** Server-side state of one prepared statement (types survive re-executions). */
export interface PreparedState {
  readonly paramCount: number;
  types: readonly number[] | null;
  /** COM_STMT_SEND_LONG_DATA chunks per parameter, cleared after each execute / reset. */
  readonly longData: Map<number, Buffer>;
  /** The open read-only cursor of the last EXECUTE that asked for one. */
  cursor: Cursor | null;
}

/** Close the open cursor of a statement, if any (re-execute, reset, close). */
async function dropCursor(st: PreparedState | undefined): Promise<void> {
  const c = st?.cursor ?? null;
  if (st === undefined || c === null) return;
  st.cursor = null;
  await closeCursor(c);
}

/** Close every open cursor of a connection (reset, change user, disconnect). */
export async function dropCursors(conn: MysqlConnection): Promise<void> {
  for (const st of conn.statements.values()) await dropCursor(st).catch(() => undefined);
}

/** Commands that get no reply at all (the client does not wait for one). */
const SILENT = new Set<ClientCommand['kind']>(['stmt-close', 'stmt-send-long-data', 'quit']);

/**
 * Serve one command-phase packet. Anything thrown by the session becomes an ERR packet; the
 * connection stays usable. A malformed packet gets ERR 1835.
 */
export async function runCommand(conn: MysqlConnection, payload: Buffer): Promise<void> {
  let command: ClientCommand;
  try {
    command = decodeCommand(payload, conn.capabilities);
  } catch (error) {
    writeSqlError(conn.out.writer, errorToSqlError(error, conn.log, 'decode'));
    return;
  }
  const session = conn.session as Session;
  // one controller per connection, replaced only after it fired (creating one per command costs ~2% of SELECT 1)
  if (conn.controller.signal.aborted) conn.controller = new AbortController();
  const controller = conn.controller;
  conn.running = controller;
  try {
    await dispatch(conn, session, command, controller.signal);
  } catch (error) {
    conn.out.writer.abort();
    if (SILENT.has(command.kind)) {
      errorToSqlError(error, conn.log, command.kind);
      return;
    }
    writeSqlError(conn.out.writer, errorToSqlError(error, conn.log, command.kind));
  } finally {
    conn.running = null;
  }
}

function ok(conn: MysqlConnection, session: Session): void {
  writeOk(conn.out.writer, { status: statusFlags(session), warnings: session.status.warningCount });
}

async function dispatch(
  conn: MysqlConnection,
  session: Session,
  c: ClientCommand,
  signal: AbortSignal,
): Promise<void> {
  const w = conn.out.writer;
  const ctx: ResultContext = { out: conn.out, session, signal, log: conn.log, textCharset: conn.textCharset };
  switch (c.kind) {
    case 'query':
      if (conn.log.enabled('debug')) conn.log.debug('query', { sql: c.sql.slice(0, 500) });
      return sendResults(ctx, session.query(c.sql, signal), false);
    case 'ping':
      return ok(conn, session);
    case 'quit':
      conn.close();
      return;
    case 'init-db':
      await session.useDatabase(c.database);
      return ok(conn, session);
    case 'field-list':
      writeFieldList(w, await session.fieldList(c.table, c.wildcard), statusFlags(session), conn.textCharset);
      return;
    case 'statistics':
      writeStatistics(w, session.statistics());
      return;
    case 'process-kill':
      return processKill(conn, session, c.connectionId);
    case 'set-option':
      writeEof(w, statusFlags(session));
      return;
    case 'reset-connection':
      await dropCursors(conn);
      await session.reset();
      conn.statements.clear();
      return ok(conn, session);
    case 'change-user':
      return changeUser(conn, c);
    case 'stmt-prepare':
      return prepare(conn, session, c.sql);
    case 'stmt-execute':
      return execute(conn, ctx, c.statementId, c.params, c.flags);
    case 'stmt-send-long-data': {
      const st = conn.statements.get(c.statementId);
      conn.log.debug('long data', { stmt: c.statementId, param: c.paramId, bytes: c.data.length });
      if (st === undefined) return;
      const prev = st.longData.get(c.paramId);
      st.longData.set(c.paramId, prev === undefined ? Buffer.from(c.data) : Buffer.concat([prev, c.data]));
      return;
    }
    case 'stmt-close':
      await dropCursor(conn.statements.get(c.statementId));
      if (conn.statements.delete(c.statementId)) session.closePrepared(c.statementId);
      return;
    case 'stmt-reset': {
      const st = statement(conn, c.statementId, 'mysqld_stmt_reset');
      st.longData.clear();
      await dropCursor(st);
      return ok(conn, session);
    }
    case 'stmt-fetch': {
      const st = statement(conn, c.statementId, 'mysqld_stmt_fetch');
      const cursor = st.cursor;
      // MySQL: ER_STMT_HAS_NO_OPEN_CURSOR; 1210 here keeps the error registry untouched
      if (cursor === null)
        throw new SqlError('wrong-arguments', { what: 'mysqld_stmt_fetch (no open cursor)' });
      try {
        if (!(await fetchRows(ctx, cursor, c.rows))) st.cursor = null;
      } catch (error) {
        await dropCursor(st).catch(() => undefined);
        throw error;
      }
      return;
    }
    case 'unknown':
      conn.log.debug(`unknown command 0x${c.code.toString(16)}`);
      throw new SqlError('unknown-command');
  }
}

function statement(conn: MysqlConnection, id: number, what: string): PreparedState {
  const st = conn.statements.get(id);
  if (st === undefined) throw new SqlError('unknown-prepared-statement', { id, what });
  return st;
}

async function prepare(conn: MysqlConnection, session: Session, sql: string): Promise<void> {
  if (conn.log.enabled('debug')) conn.log.debug('prepare', { sql: sql.slice(0, 500) });
  const info = await session.prepare(sql);
  conn.statements.set(info.id, {
    paramCount: info.paramCount,
    types: null,
    longData: new Map(),
    cursor: null,
  });
  writePrepareOk(conn.out.writer, {
    statementId: info.id,
    paramCount: info.paramCount,
    columns: info.columns,
    warnings: session.status.warningCount,
    status: statusFlags(session),
    textCharset: conn.textCharset,
  });
}

async function execute(
  conn: MysqlConnection,
  ctx: ResultContext,
  id: number,
  block: Buffer,
  flags: number,
): Promise<void> {
  const st = statement(conn, id, 'mysqld_stmt_execute');
  await dropCursor(st);
  let values;
  try {
    const params = decodeExecuteParams(block, st.paramCount, st.types, st.longData);
    st.types = params.types;
    values = params.values;
  } finally {
    st.longData.clear();
  }
  if ((flags & CURSOR_TYPE_READ_ONLY) !== 0) {
    st.cursor = openCursor(ctx, await ctx.session.executePrepared(id, values, ctx.signal));
    return;
  }
  await sendPreparedResult(ctx, () => ctx.session.executePrepared(id, values, ctx.signal));
}

async function processKill(conn: MysqlConnection, session: Session, target: number): Promise<void> {
  const found = conn.factory.kill(target, false);
  if (!found) throw new SqlError('unknown-thread', { id: target });
  if (target !== conn.id) ok(conn, session);
}

async function changeUser(
  conn: MysqlConnection,
  c: Extract<ClientCommand, { kind: 'change-user' }>,
): Promise<void> {
  const r = c.request;
  if (!(await conn.changeUser(r.user, r.authResponse, r.authPlugin))) {
    throw new SqlError('access-denied', {
      user: r.user,
      host: conn.host,
      usingPassword: r.authResponse.length > 0 ? 'YES' : 'NO',
    });
  }
  const old = conn.session;
  await dropCursors(conn);
  conn.session = await conn.factory.openSession({
    user: r.user,
    host: conn.host,
    database: r.database,
    connectionId: conn.id,
    onKill: (queryOnly) => conn.kill(queryOnly),
  });
  conn.statements.clear();
  await old?.close();
  ok(conn, conn.session);
}
