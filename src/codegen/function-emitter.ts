/**
 * Contract between the code generator and the function library: one emitter per canonical
 * function id. An emitter receives its arguments as already-generated DuckDB SQL fragments and
 * returns a DuckDB SQL fragment. The emitter table is the whitelist of DuckDB functions user
 * SQL can ever reach: nothing else is emitted.
 */
import type { SqlType } from '../types/index.js';

export interface EmitCall {
  readonly args: readonly string[];
  readonly argTypes: readonly SqlType[];
  readonly returnType: SqlType;
  readonly distinct: boolean;
  /** Generated `ORDER BY …` text for ordered aggregates (group_concat), or null. */
  readonly orderBy: string | null;
  /** Generated separator fragment for group_concat, or null. */
  readonly separator: string | null;
  /** Escape a string as a DuckDB literal (the one tested escaping function). */
  readonly literal: (text: string) => string;
}

export type FunctionEmitter = (call: EmitCall) => string;
