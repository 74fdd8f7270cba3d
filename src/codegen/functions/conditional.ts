/**
 * Conditional and session emitters. Session functions never run anything in DuckDB: their values
 * come from EmitCall.session and are emitted as escaped literals.
 */
import type { EmitCall, FunctionEmitter } from '../function-emitter.js';
import { arg, direct, tmpl } from './util.js';

function stringOrNull(c: EmitCall, v: string | null | undefined): string {
  return v === null || v === undefined ? 'CAST(NULL AS VARCHAR)' : c.literal(v);
}

function bigint(v: number | undefined, fallback: number): string {
  const n = v ?? fallback;
  return `CAST(${Number.isSafeInteger(n) ? n : fallback} AS BIGINT)`;
}

/** Conditional emitters by id. */
export const CONDITIONAL_EMITTERS: Readonly<Record<string, FunctionEmitter>> = {
  if: tmpl((a) => `CASE WHEN ${a[0]} THEN ${a[1]} ELSE ${a[2]} END`),
  ifnull: direct('coalesce'),
  nullif: direct('nullif'),
  coalesce: direct('coalesce'),
  isnull: tmpl((a) => `(${a[0]} IS NULL)`),
  isnotnull: tmpl((a) => `(${a[0]} IS NOT NULL)`),
  assert_true: (c) => {
    const msg = c.args.length > 1 ? arg(c, 1) : `'assert_true failed'`;
    return `CASE WHEN ${arg(c, 0)} THEN true ELSE error(${msg}) END`;
  },
};

/** Session/utility emitters by id. */
export const SESSION_EMITTERS: Readonly<Record<string, FunctionEmitter>> = {
  database: (c) => stringOrNull(c, c.session?.database),
  current_catalog: (c) => c.literal(c.session?.catalog ?? 'default_catalog'),
  catalog: (c) => c.literal(c.session?.catalog ?? 'default_catalog'),
  user: (c) => c.literal(c.session?.user ?? "'root'@'%'"),
  session_user: (c) => c.literal(c.session?.user ?? "'root'@'%'"),
  current_user: (c) => c.literal(c.session?.currentUser ?? c.session?.user ?? "'root'@'%'"),
  current_role: (c) => stringOrNull(c, c.session?.currentRole ?? 'root'),
  connection_id: (c) => bigint(c.session?.connectionId, 0),
  version: (c) => c.literal(c.session?.version ?? '8.0.33'),
  current_version: (c) => c.literal(c.session?.currentVersion ?? '3.3.5 rockling'),
  last_insert_id: (c) => bigint(c.session?.lastInsertId, 0),
  last_query_id: (c) => stringOrNull(c, c.session?.lastQueryId),
  host_name: (c) => c.literal('localhost'),
  sleep: tmpl((a) => `CASE WHEN (${a[0]}) IS NULL THEN NULL ELSE true END`),
};
