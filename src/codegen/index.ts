/** Code generator: logical plan → DuckDB SQL, and the compiler's public entry points (see CONTEXT.md). */
export { duckdbType, quoteBlob, quoteIdent, quoteQualified, quoteString } from './escape.js';
export type { EmitCall, EmitSession, FunctionEmitter } from './function-emitter.js';
export {
  compileExpression,
  compileQuery,
  emitSession,
  explain,
  type CompileOptions,
  type CompiledColumn,
  type CompiledExpression,
  type CompiledQuery,
  type LookupTemplate,
} from './compile.js';
export { compileInsertSource, type CompiledInsert } from './insert.js';
export type { CompileContext } from '../analyzer/index.js';
export * from './storage-ddl.js';
export * from './model-write.js';
export { countRowsSql, PRUNE_HISTORY_SQL, recordWriteSql, rowsBeforeSql } from './write-history.js';
export { parseDateTimeSql } from './functions/index.js';
