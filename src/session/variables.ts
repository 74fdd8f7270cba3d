/**
 * System variables: the ones MySQL drivers and BI tools read at connect time (CLIENTS.md §3)
 * plus the StarRocks session variables scripts commonly set. Values are typed the way MySQL
 * clients parse them (integers as numbers, flags as booleans rendered 1/0 by SELECT and
 * true/false by SHOW VARIABLES, as StarRocks does).
 */
import { SqlError } from '../errors/index.js';
import type { Value } from '../types/index.js';
import { starrocksKnobDefs } from './starrocks-variables.js';

export type VarKind = 'int' | 'bool' | 'string' | 'nullable-string';

export interface VarDef {
  readonly name: string;
  readonly kind: VarKind;
  readonly defaultValue: Value;
  /** Only SET GLOBAL may change it. */
  readonly globalOnly?: boolean;
  readonly readOnly?: boolean;
  /** Normalise/validate a value being set; throw SqlError when invalid. */
  readonly check?: (value: Value) => Value;
}

/** Facts that fix a few defaults (version strings, host time zone). */
export interface VarEnvironment {
  readonly mysqlVersion: string;
  readonly versionComment: string;
  readonly systemTimeZone: string;
}

const SQL_MODES = new Set([
  'ALLOW_INVALID_DATES',
  'ANSI',
  'ANSI_QUOTES',
  'DB2',
  'ERROR_FOR_DIVISION_BY_ZERO',
  'HIGH_NOT_PRECEDENCE',
  'IGNORE_SPACE',
  'MAXDB',
  'MSSQL',
  'MYSQL323',
  'MYSQL40',
  'NO_AUTO_CREATE_USER',
  'NO_AUTO_VALUE_ON_ZERO',
  'NO_BACKSLASH_ESCAPES',
  'NO_DIR_IN_CREATE',
  'NO_ENGINE_SUBSTITUTION',
  'NO_FIELD_OPTIONS',
  'NO_KEY_OPTIONS',
  'NO_TABLE_OPTIONS',
  'NO_UNSIGNED_SUBTRACTION',
  'NO_ZERO_DATE',
  'NO_ZERO_IN_DATE',
  'ONLY_FULL_GROUP_BY',
  'ORACLE',
  'PAD_CHAR_TO_FULL_LENGTH',
  'PIPES_AS_CONCAT',
  'POSTGRESQL',
  'REAL_AS_FLOAT',
  'STRICT_ALL_TABLES',
  'STRICT_TRANS_TABLES',
  'TRADITIONAL',
  'SORT_NULLS_LAST',
  'ERROR_IF_OVERFLOW',
  'GROUP_CONCAT_LEGACY',
  'FORBID_INVALID_DATE',
  'MODE_DOUBLE_LITERAL',
  'MODE_DECIMAL_LITERAL',
]);

function checkSqlMode(name: string) {
  return (value: Value): Value => {
    if (value === null) throw new SqlError('wrong-value-for-var', { name, value: 'NULL' });
    if (typeof value === 'number' || typeof value === 'bigint') {
      if (BigInt(value) === 0n) return '';
      throw new SqlError('wrong-value-for-var', { name, value: String(value) });
    }
    const modes = String(value)
      .split(',')
      .map((m) => m.trim().toUpperCase())
      .filter((m) => m !== '');
    for (const m of modes)
      if (!SQL_MODES.has(m)) throw new SqlError('wrong-value-for-var', { name, value: m });
    return [...new Set(modes)].join(',');
  };
}

/** A time zone StarRocks accepts: SYSTEM, ±HH:MM offsets, or an IANA name. */
export function checkTimeZone(value: Value): Value {
  const zone = String(value);
  if (
    /^SYSTEM$/i.test(zone) ||
    /^[+-]([01]?\d|2[0-3]):[0-5]\d$/.test(zone) ||
    zone === 'UTC' ||
    zone === 'CST'
  )
    return zone;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    throw new SqlError('unknown-time-zone', { zone });
  }
}

function checkIsolation(name: string) {
  return (value: Value): Value => {
    const v = String(value).toUpperCase().replace(/ /g, '-');
    if (['READ-UNCOMMITTED', 'READ-COMMITTED', 'REPEATABLE-READ', 'SERIALIZABLE'].includes(v)) return v;
    throw new SqlError('wrong-value-for-var', { name, value: String(value) });
  };
}

function checkCharset(value: Value): Value {
  if (value === null) return null;
  const v = String(value).toLowerCase();
  if (['utf8', 'utf8mb4', 'utf8mb3', 'binary', 'latin1', 'ascii', 'gbk'].includes(v)) return v;
  throw new SqlError('unknown-character-set', { charset: String(value) });
}

/** The variable table for one server (defaults depend on the environment). */
export function variableDefs(env: VarEnvironment): ReadonlyMap<string, VarDef> {
  const defs: VarDef[] = [
    { name: 'auto_increment_increment', kind: 'int', defaultValue: 1 },
    { name: 'autocommit', kind: 'bool', defaultValue: true },
    { name: 'batch_size', kind: 'int', defaultValue: 4096 },
    { name: 'catalog', kind: 'string', defaultValue: 'default_catalog' },
    ...['client', 'connection', 'database', 'results', 'server'].map((s): VarDef => ({
      name: `character_set_${s}`,
      kind: s === 'results' ? 'nullable-string' : 'string',
      defaultValue: 'utf8',
      check: checkCharset,
    })),
    ...['connection', 'database', 'server'].map((s): VarDef => ({
      name: `collation_${s}`,
      kind: 'string',
      defaultValue: 'utf8_general_ci',
    })),
    { name: 'default_storage_engine', kind: 'string', defaultValue: 'olap' },
    { name: 'div_precision_increment', kind: 'int', defaultValue: 4 },
    { name: 'enable_insert_strict', kind: 'bool', defaultValue: true },
    { name: 'enable_profile', kind: 'bool', defaultValue: false },
    { name: 'event_scheduler', kind: 'string', defaultValue: 'OFF' },
    { name: 'exec_mem_limit', kind: 'int', defaultValue: 2147483648 },
    { name: 'group_concat_max_len', kind: 'int', defaultValue: 1024 },
    { name: 'have_query_cache', kind: 'bool', defaultValue: false, readOnly: true },
    { name: 'init_connect', kind: 'string', defaultValue: '', globalOnly: true },
    { name: 'insert_timeout', kind: 'int', defaultValue: 14400 },
    { name: 'interactive_timeout', kind: 'int', defaultValue: 3600 },
    { name: 'language', kind: 'string', defaultValue: '/starrocks/share/english/', readOnly: true },
    { name: 'license', kind: 'string', defaultValue: 'Apache License 2.0', readOnly: true },
    { name: 'load_mem_limit', kind: 'int', defaultValue: 0 },
    { name: 'lower_case_table_names', kind: 'int', defaultValue: 0, readOnly: true },
    { name: 'max_allowed_packet', kind: 'int', defaultValue: 33554432 },
    { name: 'max_execution_time', kind: 'int', defaultValue: 3000000 },
    { name: 'net_buffer_length', kind: 'int', defaultValue: 16384 },
    { name: 'net_read_timeout', kind: 'int', defaultValue: 60 },
    { name: 'net_write_timeout', kind: 'int', defaultValue: 60 },
    { name: 'parallel_fragment_exec_instance_num', kind: 'int', defaultValue: 1 },
    { name: 'performance_schema', kind: 'bool', defaultValue: false, readOnly: true },
    { name: 'pipeline_dop', kind: 'int', defaultValue: 0 },
    { name: 'query_cache_size', kind: 'int', defaultValue: 1048576 },
    { name: 'query_cache_type', kind: 'int', defaultValue: 0 },
    { name: 'query_mem_limit', kind: 'int', defaultValue: 0 },
    { name: 'query_timeout', kind: 'int', defaultValue: 300 },
    { name: 'resource_group', kind: 'string', defaultValue: '' },
    { name: 'sql_dialect', kind: 'string', defaultValue: 'StarRocks' },
    { name: 'sql_mode', kind: 'string', defaultValue: 'ONLY_FULL_GROUP_BY', check: checkSqlMode('sql_mode') },
    { name: 'sql_quote_show_create', kind: 'bool', defaultValue: true },
    { name: 'sql_safe_updates', kind: 'int', defaultValue: 0 },
    { name: 'sql_select_limit', kind: 'int', defaultValue: 9223372036854775807n },
    { name: 'storage_engine', kind: 'string', defaultValue: 'olap' },
    { name: 'system_time_zone', kind: 'string', defaultValue: env.systemTimeZone, readOnly: true },
    { name: 'time_zone', kind: 'string', defaultValue: 'Asia/Shanghai', check: checkTimeZone },
    {
      name: 'transaction_isolation',
      kind: 'string',
      defaultValue: 'REPEATABLE-READ',
      check: checkIsolation('transaction_isolation'),
    },
    { name: 'transaction_read_only', kind: 'bool', defaultValue: false },
    {
      name: 'tx_isolation',
      kind: 'string',
      defaultValue: 'REPEATABLE-READ',
      check: checkIsolation('tx_isolation'),
    },
    { name: 'tx_read_only', kind: 'bool', defaultValue: false },
    { name: 'tx_visible_wait_timeout', kind: 'int', defaultValue: 10 },
    { name: 'version', kind: 'string', defaultValue: env.mysqlVersion, readOnly: true },
    { name: 'version_comment', kind: 'string', defaultValue: env.versionComment, readOnly: true },
    { name: 'wait_timeout', kind: 'int', defaultValue: 28800 },
    ...starrocksKnobDefs(),
  ];
  return new Map(defs.map((d) => [d.name, d]));
}

/** Aliases that share one value (MySQL 5 and 8 names). */
const ALIASES: Readonly<Record<string, string>> = {
  tx_isolation: 'transaction_isolation',
  tx_read_only: 'transaction_read_only',
};

/** Canonical storage key of a variable name (case-insensitive; aliases share a slot). */
export function varKey(name: string): string {
  const lower = name.toLowerCase();
  return ALIASES[lower] ?? lower;
}

function truthy(name: string, value: Value): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' || typeof value === 'bigint') {
    const n = BigInt(value);
    if (n === 0n || n === 1n) return n === 1n;
  }
  if (typeof value === 'string') {
    const v = value.toLowerCase();
    if (v === 'on' || v === 'true' || v === '1') return true;
    if (v === 'off' || v === 'false' || v === '0') return false;
  }
  throw new SqlError('wrong-value-for-var', { name, value: value === null ? 'NULL' : String(value) });
}

/** Coerce a value to a variable's kind (SET x = …). */
export function coerceVar(def: VarDef, value: Value): Value {
  switch (def.kind) {
    case 'bool':
      return truthy(def.name, value);
    case 'int': {
      if (typeof value === 'bigint') return value;
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) {
        const n = BigInt(value.trim());
        return n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
      }
      if (typeof value === 'boolean') return value ? 1 : 0;
      throw new SqlError('wrong-type-for-var', { name: def.name });
    }
    case 'nullable-string':
      return value === null ? null : def.check ? def.check(value) : String(value);
    case 'string':
      if (value === null) throw new SqlError('wrong-value-for-var', { name: def.name, value: 'NULL' });
      return def.check ? def.check(value) : typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
  }
}

/** SHOW VARIABLES text of a value. */
export function showText(value: Value): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  return String(value);
}
