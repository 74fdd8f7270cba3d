/** SHOW TABLES / COLUMNS / INDEX / TABLE STATUS, DESCRIBE and COM_FIELD_LIST, from the catalog. */
import {
  columnInfoFields,
  DEFAULT_CATALOG,
  INFO_SCHEMA,
  typeDesc,
  type TableDescriptor,
  type TableEntry,
} from '../catalog/index.js';
import { SqlError } from '../errors/index.js';
import type { AstDescribe, AstName, AstShow } from '../sql/index.js';
import { T, type Value } from '../types/index.js';
import type { ColumnMeta, RowsResult } from './api.js';
import { col, likeRegExp, rowsResult } from './results.js';
import type { SessionImpl } from './session.js';
import { filterLike, filterWhere } from './show-filter.js';
import { tableVisibility } from './table-visibility.js';
import { isHiddenName, tempTableFor } from './temp-tables.js';

/** `SHOW … FROM db` / current database; errors like StarRocks when absent or unknown. */
export function showDb(s: SessionImpl, from: AstName | undefined): string {
  const db = from?.parts[from.parts.length - 1] ?? s.currentDb;
  if (db === null || db === undefined) throw new SqlError('no-db-selected');
  if (!s.db.catalog.databaseExists(s.currentCatalog, db)) throw new SqlError('unknown-database', { db });
  return db;
}

/** The table of SHOW COLUMNS/INDEX/CREATE and DESC (MySQL errno 1146 when missing). */
export function showTarget(s: SessionImpl, name: AstName, from?: AstName): TableDescriptor {
  const parts = name.parts;
  const table = parts[parts.length - 1] ?? '';
  const db =
    from !== undefined
      ? showDb(s, from)
      : parts.length >= 2
        ? (parts[parts.length - 2] as string)
        : showDb(s, undefined);
  if (!s.db.catalog.databaseExists(s.currentCatalog, db)) throw new SqlError('unknown-database', { db });
  const temp = tempTableFor(s, s.currentCatalog, db, table);
  const t = s.db.catalog.getTable(s.currentCatalog, db, temp ?? table);
  if (t === null) throw new SqlError('no-such-table', { table: `${db}.${table}` });
  return t;
}

/** StarRocks' Table.getMysqlType: views and materialized views are 'VIEW'. */
function tableType(t: TableDescriptor): string {
  if (t.kind === 'view' || t.kind === 'materialized-view') return 'VIEW';
  return t.kind === 'system' ? 'SYSTEM VIEW' : 'BASE TABLE';
}

export async function showTables(s: SessionImpl, stmt: AstShow, signal: AbortSignal): Promise<RowsResult> {
  const db = showDb(s, stmt.from);
  const columns: ColumnMeta[] = [col(`Tables_in_${db}`)];
  if (stmt.full) columns.push(col('Table_type'));
  const caseSensitive = db.toLowerCase() !== INFO_SCHEMA;
  const visible = s.currentCatalog === DEFAULT_CATALOG ? tableVisibility(s) : () => true;
  let rows: Value[][] = s.db.catalog
    .listTables(s.currentCatalog, db)
    .filter((t) => !isHiddenName(t.name) && visible(db, t.name))
    .map((t) => (stmt.full ? [t.name, tableType(t)] : [t.name]));
  rows = filterLike(rows, 0, stmt.like, caseSensitive) as Value[][];
  return rowsResult(columns, await filterWhere(s, columns, rows, stmt.where, signal));
}

/** DESC / SHOW COLUMNS `Default` column: StarRocks shows NULL when there is none. */
function extra(c: TableDescriptor['columns'][number], t?: TableDescriptor): string {
  if (c.autoIncrement) return 'auto_increment';
  const out = c.aggType !== undefined ? [c.aggType.toUpperCase()] : [];
  // Columns listed in the bloom_filter_columns property (ddl helper).
  const props =
    t !== undefined && 'definition' in t
      ? (t as { definition: TableDefinitionLike }).definition.properties
      : [];
  const bf = props.find((p) => p.key.toLowerCase() === 'bloom_filter_columns')?.value ?? '';
  if (bf.split(',').some((n) => n.trim().toLowerCase() === c.name.toLowerCase())) out.push('BLOOM_FILTER');
  return out.join(',');
}

interface TableDefinitionLike {
  readonly properties: readonly { readonly key: string; readonly value: string }[];
}

export async function showColumns(s: SessionImpl, stmt: AstShow, signal: AbortSignal): Promise<RowsResult> {
  if (stmt.target === undefined) throw new SqlError('parse-error', { message: 'SHOW COLUMNS needs a table' });
  const t = showTarget(s, stmt.target, stmt.from);
  const names = stmt.full
    ? ['Field', 'Type', 'Collation', 'Null', 'Key', 'Default', 'Extra', 'Privileges', 'Comment']
    : ['Field', 'Type', 'Null', 'Key', 'Default', 'Extra'];
  const columns = names.map((n) => col(n));
  // With WHERE, StarRocks answers from information_schema.COLUMNS (ShowColumnStmt.toSelectStmt).
  if (stmt.where !== undefined) {
    const rows = t.columns.map((c) => infoSchemaColumn(t, c, stmt.full));
    return rowsResult(columns, await filterWhere(s, columns, rows, stmt.where, signal));
  }
  let rows: Value[][] = t.columns.map((c) => {
    const type = typeDesc(c.type);
    const key = c.isKey ? 'YES' : 'NO';
    const base: Value[] = [c.name, type, c.nullable ? 'YES' : 'NO', key, c.defaultValue, extra(c)];
    if (!stmt.full) return base;
    const collation = ['char', 'varchar', 'string'].includes(c.type.kind) ? 'utf8_general_ci' : null;
    return [
      c.name,
      type,
      collation,
      c.nullable ? 'YES' : 'NO',
      key,
      c.defaultValue,
      extra(c),
      'select,insert,update,references',
      c.comment,
    ];
  });
  rows = filterLike(rows, 0, stmt.like, false) as Value[][];
  return rowsResult(columns, await filterWhere(s, columns, rows, stmt.where, signal));
}

const COLUMN_KEY = { duplicate: 'DUP', aggregate: 'AGG', unique: 'UNI', primary: 'PRI' } as const;

/** A column as information_schema.COLUMNS shows it: DATA_TYPE, COLUMN_KEY, EXTRA '' (StarRocks' BE scanner). */
function infoSchemaColumn(t: TableDescriptor, c: TableDescriptor['columns'][number], full: boolean): Value[] {
  const key = c.isKey ? COLUMN_KEY[t.keysType ?? 'duplicate'] : '';
  const nullable = c.nullable ? 'YES' : 'NO';
  const type = columnInfoFields(c.type).dataType;
  const extra = c.autoIncrement ? 'auto_increment' : '';
  if (!full) return [c.name, type, nullable, key, c.defaultValue, extra];
  return [c.name, type, null, nullable, key, c.defaultValue, extra, '', c.comment];
}

const KEYS_TYPE = {
  duplicate: 'DUP_KEYS',
  aggregate: 'AGG_KEYS',
  unique: 'UNIQUE_KEYS',
  primary: 'PRIMARY_KEYS',
} as const;

export function runDescribeTable(s: SessionImpl, stmt: AstDescribe): RowsResult {
  const t = showTarget(s, stmt.table);
  const rows: Value[][] = t.columns.map((c) => [
    c.name,
    typeDesc(c.type),
    c.nullable ? 'YES' : 'NO',
    String(c.isKey),
    c.defaultValue,
    extra(c, t),
  ]);
  if (stmt.all && t.kind === 'table') {
    const keys = KEYS_TYPE[t.keysType ?? 'duplicate'];
    const names = ['IndexName', 'IndexKeysType', 'Field', 'Type', 'Null', 'Key', 'Default', 'Extra'];
    return rowsResult(
      names.map((n) => col(n)),
      rows.map((r, i) => [i === 0 ? t.name : '', i === 0 ? keys : '', ...r]),
    );
  }
  return rowsResult(
    ['Field', 'Type', 'Null', 'Key', 'Default', 'Extra'].map((n) => col(n)),
    rows,
  );
}

/** SHOW INDEX|KEYS: explicit indexes plus the key of PRIMARY/UNIQUE tables as `PRIMARY`. */
export function showIndex(s: SessionImpl, stmt: AstShow): RowsResult {
  if (stmt.target === undefined) throw new SqlError('parse-error', { message: 'SHOW INDEX needs a table' });
  const t = showTarget(s, stmt.target, stmt.from);
  const names = [
    'Table',
    'Non_unique',
    'Key_name',
    'Seq_in_index',
    'Column_name',
    'Collation',
    'Cardinality',
    'Sub_part',
    'Packed',
    'Null',
    'Index_type',
    'Comment',
  ];
  const rows: Value[][] = [];
  if (t.keysType === 'primary' || t.keysType === 'unique') {
    t.columns
      .filter((c) => c.isKey)
      .forEach((c, i) =>
        rows.push([t.name, 0, 'PRIMARY', i + 1, c.name, 'A', null, null, null, '', 'BTREE', '']),
      );
  }
  const indexes = 'definition' in t ? (t as TableEntry).definition.indexes : [];
  for (const idx of indexes) {
    idx.columns.forEach((c, i) =>
      rows.push([
        t.name,
        1,
        idx.name,
        i + 1,
        c,
        null,
        null,
        null,
        null,
        'YES',
        (idx.using ?? 'BITMAP').toUpperCase(),
        idx.comment ?? '',
      ]),
    );
  }
  const columns = names.map((n) =>
    col(n, n === 'Non_unique' || n === 'Seq_in_index' ? T.int : T.varchar(64)),
  );
  return rowsResult(columns, rows);
}

export async function showTableStatus(
  s: SessionImpl,
  stmt: AstShow,
  signal: AbortSignal,
): Promise<RowsResult> {
  const db = showDb(s, stmt.from);
  const names = [
    'Name',
    'Engine',
    'Version',
    'Row_format',
    'Rows',
    'Avg_row_length',
    'Data_length',
    'Max_data_length',
    'Index_length',
    'Data_free',
    'Auto_increment',
    'Create_time',
    'Update_time',
    'Check_time',
    'Collation',
    'Checksum',
    'Create_options',
    'Comment',
  ];
  const columns = names.map((n) => col(n));
  const visible = s.currentCatalog === DEFAULT_CATALOG ? tableVisibility(s) : () => true;
  const tables = s.db.catalog.listTables(s.currentCatalog, db).filter((t) => visible(db, t.name));
  let rows: Value[][] = tables.map((t) => {
    const entry = 'createTime' in t ? (t as TableEntry) : null;
    return [
      t.name,
      t.kind === 'view' ? null : 'StarRocks',
      null,
      null,
      0,
      0,
      0,
      null,
      null,
      null,
      null,
      entry?.createTime ?? null,
      entry?.updateTime ?? entry?.createTime ?? null,
      null,
      'utf8_general_ci',
      null,
      '',
      t.comment,
    ];
  });
  rows = filterLike(rows, 0, stmt.like, true) as Value[][];
  return rowsResult(columns, await filterWhere(s, columns, rows, stmt.where, signal));
}

/** COM_FIELD_LIST: column definitions of a table in the current database. */
export function describeColumns(s: SessionImpl, db: string, table: string, wildcard: string): ColumnMeta[] {
  const t = s.db.catalog.getTable(s.currentCatalog, db, table);
  if (t === null) throw new SqlError('no-such-table', { table: `${db}.${table}` });
  const re = wildcard === '' ? null : likeRegExp(wildcard, false);
  return t.columns
    .filter((c) => re === null || re.test(c.name))
    .map((c) => ({
      name: c.name,
      type: c.type,
      nullable: c.nullable,
      orgName: c.name,
      table: t.name,
      orgTable: t.name,
      db,
      ...(c.isKey && (t.keysType === 'primary' || t.keysType === 'unique') ? { primaryKey: true } : {}),
    }));
}
