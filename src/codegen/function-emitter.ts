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
  /**
   * Generated ` OVER (…)` text when the call is a window function (or an aggregate used as one).
   * Emitters place it directly after the aggregate call, inside any cast they wrap around it.
   */
  readonly over?: string | null;
  /** `IGNORE NULLS` was written (lag/lead/first_value/last_value). */
  readonly ignoreNulls?: boolean;
  /** Session values for DATABASE(), USER(), CONNECTION_ID(), NOW() and friends (time zone). */
  readonly session?: EmitSession;
  /**
   * Values of constant arguments when known (string/number literals), undefined entries are not
   * constant. Lets emitters translate constant formats (DATE_FORMAT '%Y-%m') at generation time.
   */
  readonly constArgs?: readonly (string | number | bigint | boolean | null | undefined)[];
}

/** What session-dependent functions read. Absent fields fall back to StarRocks defaults. */
export interface EmitSession {
  /** `time_zone` session variable (StarRocks default Asia/Shanghai). */
  readonly timeZone?: string;
  readonly database?: string | null;
  readonly catalog?: string;
  /** USER(): `'name'@'host'` as StarRocks prints it. */
  readonly user?: string;
  /** CURRENT_USER(): `'name'@'%'`. */
  readonly currentUser?: string;
  readonly currentRole?: string;
  readonly connectionId?: number;
  /** VERSION() — the MySQL-compatible version string. */
  readonly version?: string;
  /** `sql_dialect` session variable ('StarRocks' by default; 'Trino' flips DATE_DIFF's operands). */
  readonly sqlDialect?: string;
  /** CURRENT_VERSION() — StarRocks' own version string. */
  readonly currentVersion?: string;
  readonly lastInsertId?: number;
  readonly lastQueryId?: string;
}

export type FunctionEmitter = (call: EmitCall) => string;
