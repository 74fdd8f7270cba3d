/**
 * Prepared statements: the binary protocol (COM_STMT_PREPARE/EXECUTE/CLOSE) and SQL-level
 * PREPARE / EXECUTE … USING / DEALLOCATE. A statement is parsed once; each execution compiles it
 * with the parameter values inlined as literals (StarRocks plans per execution too), so parameter
 * types never need guessing.
 */
import { compileQuery } from '../codegen/index.js';
import { SqlError } from '../errors/index.js';
import {
  parseStatements,
  type AstDeallocate,
  type AstExecute,
  type AstPrepare,
  type ParsedStatement,
} from '../sql/index.js';
import type { Value } from '../types/index.js';
import type { ColumnMeta, OkResult, PreparedStatementInfo, StatementResult } from './api.js';
import { dispatch } from './dispatch.js';
import { columnMeta } from './exec-query.js';
import { okResult } from './results.js';
import { readsExternal } from './exec-catalog.js';
import type { SessionImpl } from './session.js';
import { feConfig } from './show-cluster.js';

export interface PreparedStatement {
  readonly id: number;
  readonly name: string | null;
  readonly parsed: ParsedStatement;
  readonly paramCount: number;
  readonly columns: readonly ColumnMeta[];
}

function resultColumns(s: SessionImpl, st: ParsedStatement): readonly ColumnMeta[] {
  if (st.statement.kind !== 'query') return [];
  // External-catalog tables are resolved when the statement runs (metastore calls are async):
  // the execute response announces their columns.
  if (readsExternal(s, st.statement)) return [];
  const { ctx } = s.compileContext();
  return compileQuery(st.statement, ctx).columns.map(columnMeta);
}

/** Parse (and for queries, compile once to learn the result columns) and register a statement. */
export function prepareText(s: SessionImpl, sql: string, name: string | null): PreparedStatementInfo {
  const list = parseStatements(sql, {
    pipesAsConcat: s.sqlModeHas('PIPES_AS_CONCAT'),
    temporaryTables: feConfig(s, 'enable_experimental_temporary_table') === 'true',
  });
  const st = list[0];
  if (st === undefined || list.length !== 1) {
    throw new SqlError('parse-error', { message: 'A prepared statement must contain exactly one statement' });
  }
  const columns = resultColumns(s, st);
  const id = s.nextStatementId++;
  s.prepared.set(id, { id, name, parsed: st, paramCount: st.paramCount, columns });
  return { id, paramCount: st.paramCount, columns };
}

export async function executePrepared(
  s: SessionImpl,
  id: number,
  params: readonly Value[],
  signal?: AbortSignal,
): Promise<StatementResult> {
  const p = s.prepared.get(id);
  if (p === undefined) throw new SqlError('unknown-prepared-statement', { id, what: 'EXECUTE' });
  if (params.length !== p.paramCount) throw new SqlError('wrong-param-count', { what: 'EXECUTE' });
  return s.run(p.parsed, signal, params);
}

export function closePrepared(s: SessionImpl, id: number): void {
  const p = s.prepared.get(id);
  s.prepared.delete(id);
  if (p?.name !== null && p?.name !== undefined && s.namedPrepared.get(p.name) === id)
    s.namedPrepared.delete(p.name);
}

export function prepareNamed(s: SessionImpl, stmt: AstPrepare): OkResult {
  let text: string;
  if (stmt.source.kind === 'text') text = stmt.source.text;
  else {
    const v = s.userVars.get(stmt.source.name.toLowerCase());
    if (typeof v !== 'string')
      throw new SqlError('parse-error', {
        message: `User variable @${stmt.source.name} is not a statement text`,
      });
    text = v;
  }
  const key = stmt.name.toLowerCase();
  const old = s.namedPrepared.get(key);
  if (old !== undefined) closePrepared(s, old);
  const info = prepareText(s, text, key);
  s.namedPrepared.set(key, info.id);
  return okResult(0, 'Statement prepared');
}

export async function executeNamed(
  s: SessionImpl,
  stmt: AstExecute,
  signal: AbortSignal,
): Promise<StatementResult> {
  const id = s.namedPrepared.get(stmt.name.toLowerCase());
  if (id === undefined) throw new SqlError('unknown-prepared-statement', { id: stmt.name, what: 'EXECUTE' });
  const params = stmt.using.map((v) => s.userVars.get(v.toLowerCase()) ?? null);
  const p = s.prepared.get(id);
  if (p === undefined) throw new SqlError('unknown-prepared-statement', { id: stmt.name, what: 'EXECUTE' });
  if (params.length !== p.paramCount) throw new SqlError('wrong-param-count', { what: 'EXECUTE' });
  // Runs inside the EXECUTE statement's own command slot: dispatch directly.
  return dispatch(s, p.parsed, signal, params);
}

export function deallocate(s: SessionImpl, stmt: AstDeallocate): OkResult {
  const id = s.namedPrepared.get(stmt.name.toLowerCase());
  if (id === undefined)
    throw new SqlError('unknown-prepared-statement', { id: stmt.name, what: 'DEALLOCATE PREPARE' });
  closePrepared(s, id);
  return okResult();
}
