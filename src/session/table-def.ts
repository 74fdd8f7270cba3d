/**
 * CREATE TABLE clauses → the catalog's NewTable: columns with nullability/defaults/key flags, the
 * key clause (written, or derived the StarRocks way), and every other clause stored as data.
 * Model semantics and the full validation rule set belong to the table-models work (issue #4);
 * what is checked here are the structural rules every table needs.
 */
import type { ColumnDescriptor, NewTable, TableDefinition } from '../catalog/index.js';
import { SqlError } from '../errors/index.js';
import {
  printExpr,
  type AstColumnDef,
  type AstCreateTable,
  type AstExpr,
  type KeysType,
} from '../sql/index.js';
import type { SqlType } from '../types/index.js';
import {
  checkBloomIndexes,
  checkIndexCacheExpire,
  normalizeCompression,
  validateTableModel,
} from './table-validate.js';

function invalid(message: string): SqlError {
  return new SqlError('invalid-table-definition', { message });
}

/** A DEFAULT value as StarRocks stores and shows it (text), or null. */
export function defaultText(c: AstColumnDef): string | null {
  const d = c.default;
  if (d === undefined || d.kind === 'null') return null;
  if (d.kind === 'current-timestamp') return 'CURRENT_TIMESTAMP';
  return exprText(d.value);
}

function exprText(e: AstExpr): string {
  switch (e.kind) {
    case 'string':
      return e.value;
    case 'number':
      return e.text;
    case 'bool':
      return e.value ? '1' : '0';
    case 'unary':
      if (e.op === '-' && e.operand.kind === 'number') return `-${e.operand.text}`;
      return printExpr(e);
    default:
      return printExpr(e);
  }
}

/** Types that cannot be key columns (StarRocks: FLOAT/DOUBLE "use decimal instead", complex, JSON…). */
/** Types that can be sort-key columns (StarRocks: no floating point, semi-structured or metric types). */
export function keyable(t: SqlType): boolean {
  return ![
    'float',
    'double',
    'json',
    'array',
    'map',
    'struct',
    'hll',
    'bitmap',
    'percentile',
    'binary',
    'varbinary',
  ].includes(t.kind);
}

/** Bytes a key column takes in the 36-byte short-key prefix. */
export function shortKeyBytes(t: SqlType): number {
  switch (t.kind) {
    case 'boolean':
    case 'tinyint':
      return 1;
    case 'smallint':
      return 2;
    case 'int':
    case 'date':
      return 4;
    case 'bigint':
    case 'datetime':
      return 8;
    case 'largeint':
      return 16;
    case 'decimal':
      return t.precision <= 9 ? 4 : t.precision <= 18 ? 8 : 16;
    case 'char':
      return t.length;
    default:
      return 20;
  }
}

/**
 * StarRocks' default keys when no key clause is written: AGGREGATE on the non-aggregated columns
 * when any column has an aggregate; else DUPLICATE on up to 3 leading columns within 36 bytes,
 * ending after the first string column and before a type that cannot be a key.
 */
export function defaultKeys(columns: readonly AstColumnDef[]): { type: KeysType; columns: string[] } {
  if (columns.some((c) => c.aggType !== undefined)) {
    return { type: 'aggregate', columns: columns.filter((c) => c.aggType === undefined).map((c) => c.name) };
  }
  const keys: string[] = [];
  let bytes = 0;
  for (const c of columns) {
    if (keys.length >= 3 || !keyable(c.type)) break;
    const size = shortKeyBytes(c.type);
    const isString = c.type.kind === 'varchar' || c.type.kind === 'string' || c.type.kind === 'char';
    if (bytes + size > 36 && !(isString && keys.length === 0)) break;
    keys.push(c.name);
    bytes += size;
    if (isString) break;
  }
  if (keys.length === 0)
    throw invalid('Data type of first column cannot be ' + (columns[0]?.type.kind.toUpperCase() ?? 'empty'));
  return { type: 'duplicate', columns: keys };
}

const GENERATED_PREFIX = '__generated_partition_column_';

function checkColumns(columns: readonly AstColumnDef[]): void {
  if (columns.length === 0) throw new SqlError('table-must-have-columns');
  const seen = new Set<string>();
  for (const c of columns) {
    const lower = c.name.toLowerCase();
    if (c.name === '' || c.name.includes('\0')) throw new SqlError('wrong-column-name', { column: c.name });
    if (seen.has(lower)) throw new SqlError('duplicate-column', { column: c.name });
    seen.add(lower);
    // Names StarRocks gives the generated columns of multi-expression partitioning.
    if (lower.startsWith(GENERATED_PREFIX) && c.generated === undefined)
      throw new SqlError('analysis-error', {
        message: `Column name [${c.name}] starts with ${GENERATED_PREFIX} is a system reserved name. Please choose a different one.`,
      });
  }
}

function checkKeys(columns: readonly AstColumnDef[], keys: { columns: readonly string[] }): void {
  keys.columns.forEach((k, i) => {
    const at = columns.findIndex((c) => c.name.toLowerCase() === k.toLowerCase());
    if (at < 0) throw invalid(`Key column(${k}) doesn't exist.`);
    if (at !== i) {
      throw invalid(
        'Key columns must be the first few columns of the schema and the order of the key columns must be consistent with the order of the schema',
      );
    }
  });
}

/** Column descriptors for the catalog from written column definitions. */
export function columnDescriptors(
  columns: readonly AstColumnDef[],
  keys: { type: KeysType; columns: readonly string[] },
): ColumnDescriptor[] {
  const keySet = new Set(keys.columns.map((k) => k.toLowerCase()));
  return columns.map((c) => {
    const isKey = keySet.has(c.name.toLowerCase());
    // PRIMARY KEY columns are implicitly NOT NULL; otherwise nullable unless NOT NULL is written.
    // REPLACE_IF_NOT_NULL columns are always nullable (StarRocks sets it whatever is written).
    const nullable =
      c.aggType === 'replace_if_not_null' ? true : (c.nullable ?? !(isKey && keys.type === 'primary'));
    return {
      name: c.name,
      type: c.type,
      nullable,
      isKey,
      // Only AGGREGATE tables keep a value column's function (PRIMARY/UNIQUE accept REPLACE as a no-op).
      ...(c.aggType !== undefined && keys.type === 'aggregate' ? { aggType: c.aggType } : {}),
      defaultValue: defaultText(c),
      autoIncrement: c.autoIncrement,
      comment: c.comment ?? '',
    };
  });
}

/** The catalog entry for CREATE TABLE with a column list (not CTAS / LIKE). */
export function newTableFromAst(
  stmt: AstCreateTable,
  name: string,
  columns: readonly AstColumnDef[],
): NewTable {
  checkColumns(columns);
  const keys = stmt.keys ?? defaultKeys(columns);
  checkKeys(columns, keys);
  // CTAS columns are nullable by derivation, not by a written NULL: PRIMARY KEY makes keys NOT NULL.
  const keyNames = new Set(keys.columns.map((k) => k.toLowerCase()));
  const written =
    stmt.asQuery === undefined
      ? columns
      : columns.map((c) => (keyNames.has(c.name.toLowerCase()) ? { ...c, nullable: null } : c));
  if ((stmt.engine ?? 'olap').toLowerCase() === 'olap') validateTableModel(stmt, written, keys);
  checkBloomIndexes(stmt.indexes, stmt.properties);
  checkIndexCacheExpire(stmt.properties, false);
  // StarRocks: a PRIMARY KEY table without DISTRIBUTED BY is hash-distributed on its key.
  const distribution =
    stmt.distribution ??
    (keys.type === 'primary'
      ? { kind: 'hash' as const, columns: [...keys.columns], buckets: null }
      : undefined);
  const definition: TableDefinition = {
    engine: (stmt.engine ?? 'OLAP').toUpperCase(),
    keys: {
      type: keys.type,
      columns: keys.columns.map(
        (k) => columns.find((c) => c.name.toLowerCase() === k.toLowerCase())?.name ?? k,
      ),
    },
    ...(stmt.partition !== undefined ? { partition: stmt.partition } : {}),
    ...(distribution !== undefined ? { distribution } : {}),
    ...(stmt.orderBy !== undefined ? { orderBy: stmt.orderBy } : {}),
    properties: normalizeCompression(stmt.properties),
    indexes: stmt.indexes,
    rollups: stmt.rollups,
  };
  return {
    kind: 'table',
    name,
    columns: columnDescriptors(written, keys),
    keysType: keys.type,
    comment: stmt.comment ?? '',
    definition,
  };
}
