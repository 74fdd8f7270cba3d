/**
 * StarRocks' CREATE TABLE rules for table models, with StarRocks' texts (CreateTableAnalyzer,
 * ColumnDef.analyze, AggregateType compatibility, distribution/partition descriptors):
 * aggregate functions per model and type, PRIMARY KEY column types and nullability, key columns
 * of HLL/BITMAP/PERCENTILE/complex types, the distribution each model allows, and partition /
 * bucket / sort columns relative to the key. Runs after the key clause is resolved.
 */
import { typeSql } from '../catalog/index.js';
import { SqlError } from '../errors/index.js';
import {
  printType,
  type AstColumnDef,
  type AstCreateTable,
  type AstExpr,
  type KeysType,
} from '../sql/index.js';
import type { SqlType } from '../types/index.js';

function invalid(message: string): SqlError {
  return new SqlError('invalid-table-definition', { message });
}

/** StarRocks' KeysType.name(): used in "AGG_KEYS table should …" messages. */
const KEYS_NAME: Record<KeysType, string> = {
  duplicate: 'DUP_KEYS',
  aggregate: 'AGG_KEYS',
  unique: 'UNIQUE_KEYS',
  primary: 'PRIMARY_KEYS',
};

/** StarRocks' KeysType.toSql(). */
const KEYS_SQL: Record<KeysType, string> = {
  duplicate: 'DUPLICATE KEY',
  aggregate: 'AGGREGATE KEY',
  unique: 'UNIQUE KEY',
  primary: 'PRIMARY KEY',
};

const INTEGERS = ['tinyint', 'smallint', 'int', 'bigint', 'largeint'];
const SUM_TYPES = ['int', 'bigint', 'largeint', 'float', 'double', 'decimal'];
const MIN_MAX_TYPES = [
  ...INTEGERS,
  'float',
  'double',
  'decimal',
  'date',
  'datetime',
  'char',
  'varchar',
  'string',
];
const STATE_TYPES = ['hll', 'bitmap', 'percentile'];
const COMPLEX = ['array', 'map', 'struct'];

function typeText(t: SqlType): string {
  return printType(t).toUpperCase();
}

/** AggregateType.checkCompatibility: which column types each aggregate accepts. */
function aggregateAccepts(agg: NonNullable<AstColumnDef['aggType']>, t: SqlType): boolean {
  switch (agg) {
    case 'sum':
      return SUM_TYPES.includes(t.kind);
    case 'max':
    case 'min':
      return MIN_MAX_TYPES.includes(t.kind);
    case 'replace':
      return true;
    case 'replace_if_not_null':
      return !STATE_TYPES.includes(t.kind);
    case 'hll_union':
      return t.kind === 'hll';
    case 'bitmap_union':
      return t.kind === 'bitmap';
    case 'percentile_union':
      return t.kind === 'percentile';
  }
}

function hasTime(t: SqlType): boolean {
  if (t.kind === 'time') return true;
  if (t.kind === 'array') return hasTime(t.element);
  if (t.kind === 'map') return hasTime(t.key) || hasTime(t.value);
  if (t.kind === 'struct') return t.fields.some((f) => hasTime(f.type));
  return false;
}

/** StarRocks' Type.toString() as its "does not support" message shows it. */
function typeString(t: SqlType): string {
  if (t.kind === 'array') return `ARRAY<${typeString(t.element)}>`;
  if (t.kind === 'map') return `MAP<${typeString(t.key)},${typeString(t.value)}>`;
  if (t.kind === 'struct')
    return `struct<${t.fields.map((f) => `${f.name} ${f.type.kind === 'time' ? 'TIME' : typeSql(f.type)}`).join(', ')}>`;
  return typeText(t);
}

/** TIME (alone or nested) is a query-only type: no table column may have it. */
export function checkStorableType(name: string, t: SqlType): void {
  if (hasTime(t))
    throw new SqlError('analysis-error', {
      message: `Type:${typeString(t)} of column:${name} does not support`,
    });
}

function columnWrong(message: string): SqlError {
  return invalid(`Column definition is wrong. ${message}`);
}

/** Per-column rules (ColumnDef.analyze and analyzeKeysDesc). */
function checkColumn(c: AstColumnDef, isKey: boolean, keysType: KeysType): void {
  const agg = c.aggType;
  if (isKey) {
    if (agg !== undefined)
      throw columnWrong(
        `Cannot specify aggregate function '${agg.toUpperCase()}' for key column '${c.name}'`,
      );
    if (c.type.kind === 'float' || c.type.kind === 'double')
      throw invalid(
        `Invalid data type of key column '${c.name}': '${typeText(c.type)}', use decimal instead`,
      );
    if ([...STATE_TYPES, ...COMPLEX, 'json', 'binary', 'varbinary'].includes(c.type.kind))
      throw invalid(`Invalid data type of key column '${c.name}': '${typeText(c.type)}'`);
    if (keysType === 'primary') {
      if (c.nullable === true) throw invalid(`primary key column[${c.name}] cannot be nullable`);
      const t = c.type.kind;
      if (!(
        t === 'boolean' ||
        INTEGERS.includes(t) ||
        t === 'varchar' ||
        t === 'string' ||
        t === 'date' ||
        t === 'datetime'
      ))
        throw invalid(`primary key column[${c.name}] type not supported: ${typeText(c.type)}`);
    }
    return;
  }
  if (keysType === 'aggregate' && agg === undefined)
    throw invalid(`AGG_KEYS table should specify aggregate type for non-key column[${c.name}]`);
  if (keysType !== 'aggregate' && agg !== undefined && agg !== 'replace')
    throw invalid(
      `${KEYS_NAME[keysType]} table should not specify aggregate type for non-key column[${c.name}]`,
    );
  if (agg !== undefined && !aggregateAccepts(agg, c.type))
    throw columnWrong(`Invalid aggregate function '${agg.toUpperCase()}' for '${c.name}'`);
  if (agg === undefined && keysType === 'duplicate' && STATE_TYPES.includes(c.type.kind))
    throw columnWrong(`No aggregate function specified for '${c.name}'`);
  if (STATE_TYPES.includes(c.type.kind) && c.default !== undefined)
    throw columnWrong(`Invalid default value for '${c.name}'`);
}

function columnsOf(e: AstExpr): string[] {
  if (e.kind === 'column') return [e.parts[e.parts.length - 1] ?? ''];
  if (e.kind === 'call') return e.args.flatMap(columnsOf);
  if (e.kind === 'cast') return columnsOf(e.operand);
  return [];
}

function checkDistribution(
  stmt: AstCreateTable,
  columns: readonly AstColumnDef[],
  keysType: KeysType,
  keys: ReadonlySet<string>,
): void {
  const dist = stmt.distribution;
  const hasReplace = columns.some((c) => c.aggType === 'replace' || c.aggType === 'replace_if_not_null');
  if (dist === undefined) {
    // DUPLICATE defaults to RANDOM, PRIMARY KEY to HASH(key) (table-def.ts); the others must say.
    if (keysType === 'aggregate' || keysType === 'unique')
      throw invalid(`Currently not support default distribution in ${KEYS_NAME[keysType]}`);
    return;
  }
  if (dist.kind === 'random') {
    if (keysType !== 'duplicate' && !(keysType === 'aggregate' && !hasReplace))
      throw invalid(`${KEYS_SQL[keysType]}${hasReplace ? ' with replace ' : ''} must use hash distribution`);
    return;
  }
  const seen = new Set<string>();
  for (const name of dist.columns) {
    const col = columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
    if (col === undefined) throw invalid(`Distribution column(${name}) doesn't exist`);
    if (seen.has(col.name.toLowerCase())) throw invalid(`Duplicated distribution column ${name}`);
    seen.add(col.name.toLowerCase());
    if (keysType !== 'duplicate' && !keys.has(col.name.toLowerCase()))
      throw invalid(`Distribution column[${col.name}] is not key column`);
    if ([...STATE_TYPES, ...COMPLEX, 'json', 'float', 'double'].includes(col.type.kind))
      throw invalid(`Invalid data type of distribution column '${col.name}': '${typeText(col.type)}'`);
  }
}

function checkSortKeys(
  stmt: AstCreateTable,
  columns: readonly AstColumnDef[],
  keysType: KeysType,
  keys: ReadonlySet<string>,
): void {
  const sort = stmt.orderBy;
  if (sort === undefined) return;
  for (const name of sort) {
    const col = columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
    if (col === undefined) throw invalid(`Unknown column '${name}' does not exist`);
    if (keysType === 'primary' && (col.type.kind === 'float' || col.type.kind === 'double'))
      throw invalid(
        `Sort key column[${col.name}] type not supported: ${typeText(col.type)} in PrimaryKey table`,
      );
  }
  if (keysType === 'aggregate' || keysType === 'unique') {
    const sortSet = new Set(sort.map((s) => s.toLowerCase()));
    if (sortSet.size !== keys.size || [...keys].some((k) => !sortSet.has(k)))
      throw invalid(`The sort columns of ${KEYS_SQL[keysType]} table must be same with key columns`);
  }
}

/**
 * Validate a CREATE TABLE (with its resolved key clause) against StarRocks' model rules.
 * `columns` are the written column definitions.
 */
export function validateTableModel(
  stmt: AstCreateTable,
  columns: readonly AstColumnDef[],
  keysDesc: { readonly type: KeysType; readonly columns: readonly string[] },
): void {
  const keysType = keysDesc.type;
  const keys = new Set(keysDesc.columns.map((k) => k.toLowerCase()));
  const autoIncrement = columns.filter((c) => c.autoIncrement);
  if (autoIncrement.length > 1)
    throw invalid('More than one AUTO_INCREMENT column defined in CREATE TABLE Statement');
  for (const c of autoIncrement)
    if (c.type.kind !== 'bigint') throw invalid('The AUTO_INCREMENT column must be BIGINT');
  for (const c of columns) {
    checkStorableType(c.name, c.type);
    if (c.aggType === 'hll_union' && keysType !== 'aggregate')
      throw invalid('HLL_UNION must be used in AGG_KEYS');
    if (c.aggType === 'bitmap_union' && c.type.kind === 'bitmap' && keysType !== 'aggregate')
      throw invalid('BITMAP_UNION must be used in AGG_KEYS');
    checkColumn(c, keys.has(c.name.toLowerCase()), keysType);
  }
  checkDistribution(stmt, columns, keysType, keys);
  checkSortKeys(stmt, columns, keysType, keys);
  for (const e of stmt.partition?.exprs ?? []) {
    for (const name of columnsOf(e)) {
      const col = columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
      // Generated columns (multi-expression partitioning) derive from key columns.
      if (col?.generated !== undefined) continue;
      if (col !== undefined && keysType !== 'duplicate' && !keys.has(col.name.toLowerCase()))
        throw invalid('The partition column could not be aggregated column');
    }
  }
}

const COMPRESSIONS = ['no_compression', 'lz4', 'lz4_frame', 'snappy', 'zlib', 'zstd', 'default_compression'];

/**
 * The `compression` property checked and normalised as StarRocks' PropertyAnalyzer does:
 * `zstd ( 3 )` becomes `zstd(3)`; only ZSTD takes a level (1..22).
 */
export function normalizeCompression<P extends { readonly key: string; readonly value: string }>(
  props: readonly P[],
): P[] {
  return props.map((p) => {
    if (p.key.toLowerCase() !== 'compression') return p;
    const m = /^\s*([a-z0-9_]+)\s*(?:\(\s*(\d+)\s*\))?\s*$/i.exec(p.value);
    const type = m?.[1]?.toLowerCase();
    if (
      m === null ||
      type === undefined ||
      !COMPRESSIONS.includes(type) ||
      (m[2] !== undefined && type !== 'zstd')
    )
      throw new SqlError('runtime-error', { message: `unknown compression type: ${p.value}` });
    if (m[2] === undefined) return { ...p, value: type };
    const level = Number(m[2]);
    if (level < 1 || level > 22)
      throw new SqlError('runtime-error', { message: 'Invalid level for zstd compression type' });
    return { ...p, value: `${type}(${level})` };
  });
}

/** A column has at most one of: a `bloom_filter_columns` entry, an NGRAMBF index. */
export function checkBloomIndexes(
  indexes: readonly { readonly columns: readonly string[]; readonly using?: string }[],
  properties: readonly { readonly key: string; readonly value: string }[],
): void {
  const bf = properties.find((p) => p.key.toLowerCase() === 'bloom_filter_columns');
  const bfCols = new Set((bf?.value ?? '').split(',').map((c) => c.trim().toLowerCase()));
  for (const i of indexes) {
    if (i.using?.toUpperCase() !== 'NGRAMBF') continue;
    for (const c of i.columns)
      if (bfCols.has(c.toLowerCase()))
        throw new SqlError('runtime-error', {
          message: `column ${c} should only have one bloom filter index or ngram bloom filter index`,
        });
  }
}

/**
 * `primary_index_cache_expire_sec` is a whole number ≥ 0 (StarRocks' PropertyAnalyzer); `alter`
 * selects ALTER TABLE's wording (a trailing period), CREATE TABLE's has none.
 */
export function checkIndexCacheExpire(
  properties: readonly { readonly key: string; readonly value: string }[],
  alter: boolean,
): void {
  const p = properties.find((x) => x.key.toLowerCase() === 'primary_index_cache_expire_sec');
  if (p === undefined) return;
  const end = alter ? '.' : '';
  const v = p.value.trim();
  if (!/^[+-]?\d+$/.test(v))
    throw new SqlError('analysis-error', {
      message: `Property primary_index_cache_expire_sec must be integer: ${p.value}${end}`,
    });
  if (Number(v) < 0)
    throw new SqlError('analysis-error', {
      message: `Property primary_index_cache_expire_sec must not be less than 0${end}`,
    });
}
