/** Code generator: logical plan → one DuckDB SQL string (see CONTEXT.md). */
export { duckdbType, quoteBlob, quoteIdent, quoteQualified, quoteString } from './escape.js';
export type { EmitCall, FunctionEmitter } from './function-emitter.js';
