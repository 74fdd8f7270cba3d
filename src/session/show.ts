/** SHOW dispatch and the SHOW statements that need no table metadata. Column names as StarRocks/MySQL print them. */
import { DEFAULT_CATALOG, INFO_SCHEMA, type TableEntry } from '../catalog/index.js';
import { notSupported, SqlError } from '../errors/index.js';
import type { AstDescribe, AstShow } from '../sql/index.js';
import { T, type Value } from '../types/index.js';
import type { RowsResult } from './api.js';
import { col, rowsResult } from './results.js';
import type { SessionImpl } from './session.js';
import { showCreateDatabase, showCreateTableText, showCreateView } from './show-create.js';
import { ALTER_JOB_COLUMNS } from './show-alter.js';
import { filterLike, filterWhere } from './show-filter.js';
import {
  runDescribeTable,
  showColumns,
  showIndex,
  showTableStatus,
  showTables,
  showTarget,
} from './show-meta.js';
import { processRows, variableRows } from './system-rows.js';
import { displayName, isTempName } from './temp-tables.js';
import { requireAnyOnTable } from './table-visibility.js';
import { showGroupProviders } from './exec-group-provider.js';

const cols = (...names: string[]) => names.map((n) => col(n));

async function filtered(
  s: SessionImpl,
  stmt: AstShow,
  names: readonly string[],
  rows: Value[][],
  caseSensitive: boolean,
  signal: AbortSignal,
): Promise<RowsResult> {
  const columns = cols(...names);
  const liked = filterLike(rows, 0, stmt.like, caseSensitive);
  return rowsResult(columns, await filterWhere(s, columns, liked, stmt.where, signal));
}

function showDatabases(s: SessionImpl, stmt: AstShow, signal: AbortSignal): Promise<RowsResult> {
  const catalog = stmt.from?.parts[0] ?? s.currentCatalog;
  if (catalog !== DEFAULT_CATALOG) throw new SqlError('unknown-catalog', { catalog });
  const rows = s.db.catalog.listDatabases(catalog).map((d) => [d]);
  return filtered(s, stmt, ['Database'], rows, true, signal);
}

function showVariables(s: SessionImpl, stmt: AstShow, signal: AbortSignal): Promise<RowsResult> {
  const rows = variableRows(s, stmt.scope ?? 'session').map(([n, v]) => [n, v]);
  return filtered(s, stmt, ['Variable_name', 'Value'], rows, false, signal);
}

function showStatus(s: SessionImpl, stmt: AstShow, signal: AbortSignal): Promise<RowsResult> {
  const uptime = Math.floor((Date.now() - s.db.startedAt) / 1000);
  const rows: Value[][] = [
    ['Threads_connected', String(s.db.listSessions().length)],
    ['Threads_running', String(s.db.listSessions().filter((x) => x.running !== null).length)],
    ['Uptime', String(uptime)],
  ];
  return filtered(s, stmt, ['Variable_name', 'Value'], rows, false, signal);
}

function showProcesslist(s: SessionImpl, stmt: AstShow): RowsResult {
  const names = [
    'Id',
    'User',
    'Host',
    'Db',
    'Command',
    'ConnectionStartTime',
    'Time',
    'State',
    'Info',
    'IsPending',
    'Warehouse',
  ];
  const sessions = s.db.listSessions();
  const rows = processRows(s).map((r, i) => {
    const info = r[7];
    const started = new Date(sessions[i]?.connectedAt ?? Date.now());
    return [
      String(r[0]),
      r[1],
      r[2],
      r[3],
      r[4],
      started.toISOString().replace('T', ' ').slice(0, 19),
      String(r[5]),
      r[6],
      typeof info === 'string' && !stmt.full ? info.slice(0, 100) : info,
      'false',
      'default_warehouse',
    ] as Value[];
  });
  return rowsResult(cols(...names), rows);
}

function showWarnings(s: SessionImpl): RowsResult {
  return rowsResult(
    [col('Level'), col('Code', T.int), col('Message', T.varchar(512))],
    s.warnings.map((w) => [w.level, w.code, w.message]),
  );
}

async function showCreate(s: SessionImpl, stmt: AstShow): Promise<RowsResult> {
  if (stmt.what === 'create database') {
    const db = stmt.target?.parts[stmt.target.parts.length - 1] ?? '';
    if (db.toLowerCase() === INFO_SCHEMA)
      return rowsResult(cols('Database', 'Create Database'), [[db, `CREATE DATABASE \`${db}\``]]);
    const entry = s.db.catalog.getDatabase(s.currentCatalog, db);
    if (entry === null) throw new SqlError('unknown-database', { db });
    return rowsResult(cols('Database', 'Create Database'), [[db, showCreateDatabase(entry)]]);
  }
  if (stmt.target === undefined) throw new SqlError('parse-error', { message: 'SHOW CREATE needs a name' });
  const t = showTarget(s, stmt.target);
  if (!('definition' in t)) throw notSupported('SHOW CREATE TABLE on a system table');
  const entry = t as TableEntry;
  // A session's own temporary table is always its creator's to see.
  if (!isTempName(entry.name)) requireAnyOnTable(s, entry.db, entry.name);
  if (entry.kind === 'view') {
    return rowsResult(cols('View', 'Create View', 'character_set_client', 'collation_connection'), [
      [entry.name, showCreateView(entry), 'utf8', 'utf8_general_ci'],
    ]);
  }
  if (stmt.what === 'create view')
    throw new SqlError('wrong-object', { db: entry.db, name: entry.name, what: 'VIEW' });
  // Range partitions as they are now (ddl helper: show-create.ts reads the partition store).
  const text = await showCreateTableText(s.db.engine, entry);
  return rowsResult(cols('Table', 'Create Table'), [[displayName(entry.name), text]]);
}

const BACKUP_COLUMNS = [
  'JobId',
  'SnapshotName',
  'DbName',
  'State',
  'BackupObjs',
  'CreateTime',
  'SnapshotFinishedTime',
  'UploadFinishedTime',
  'FinishedTime',
  'UnfinishedTasks',
  'Progress',
  'TaskErrMsg',
  'Status',
  'Timeout',
];
const RESTORE_COLUMNS = [
  'JobId',
  'Label',
  'Timestamp',
  'DbName',
  'State',
  'AllowLoad',
  'ReplicationNum',
  'RestoreObjs',
  'CreateTime',
  'MetaPreparedTime',
  'SnapshotFinishedTime',
  'DownloadFinishedTime',
  'FinishedTime',
  'UnfinishedTasks',
  'Progress',
  'TaskErrMsg',
  'Status',
  'Timeout',
];

const CHARSETS: Value[][] = [
  ['utf8', 'UTF-8 Unicode', 'utf8_general_ci', 3],
  ['utf8mb4', 'UTF-8 Unicode', 'utf8mb4_general_ci', 4],
  ['binary', 'Binary pseudo charset', 'binary', 1],
];
const COLLATIONS: Value[][] = [
  ['utf8_general_ci', 'utf8', 33, 'Yes', 'Yes', 1],
  ['utf8mb4_general_ci', 'utf8mb4', 45, 'Yes', 'Yes', 1],
  ['utf8mb4_unicode_ci', 'utf8mb4', 224, '', 'Yes', 8],
  ['utf8mb4_bin', 'utf8mb4', 46, '', 'Yes', 1],
  ['binary', 'binary', 63, 'Yes', 'Yes', 1],
];

/** SHOW statements with a fixed answer. */
function staticShow(
  s: SessionImpl,
  stmt: AstShow,
  signal: AbortSignal,
): Promise<RowsResult> | RowsResult | null {
  switch (stmt.what) {
    case 'catalogs':
      return filtered(
        s,
        stmt,
        ['Catalog', 'Type', 'Comment'],
        [[DEFAULT_CATALOG, 'Internal', "An internal catalog contains this cluster's self-managed tables."]],
        false,
        signal,
      );
    case 'charset':
      return filtered(
        s,
        stmt,
        ['Charset', 'Description', 'Default collation', 'Maxlen'],
        CHARSETS.map((r) => [...r]),
        false,
        signal,
      );
    case 'collation':
      return filtered(
        s,
        stmt,
        ['Collation', 'Charset', 'Id', 'Default', 'Compiled', 'Sortlen'],
        COLLATIONS.map((r) => [...r]),
        false,
        signal,
      );
    case 'engines':
      return rowsResult(cols('Engine', 'Support', 'Comment', 'Transactions', 'XA', 'Savepoints'), [
        ['OLAP', 'YES', 'Default storage engine of StarRocks', 'YES', 'NO', 'NO'],
        ['MySQL', 'YES', 'MySQL server which data is in it', 'NO', 'NO', 'NO'],
      ]);
    case 'grants':
      return rowsResult(cols('UserIdentity', 'Catalog', 'Grants'), [
        [`'${s.user}'@'%'`, null, `GRANT 'root' TO '${s.user}'@'%'`],
      ]);
    case 'users':
      return rowsResult(cols('User'), [[`'${s.user}'@'%'`]]);
    case 'roles':
      return rowsResult(cols('Name', 'Builtin', 'Comment'), [['root', 'true', 'built-in root role']]);
    case 'plugins':
      return rowsResult(cols('Name', 'Status', 'Type', 'Library', 'License'), []);
    case 'privileges':
      return rowsResult(cols('Privilege', 'Context', 'Comment'), [['ALL', 'ALL', 'All privileges']]);
    case 'procedure status':
    case 'function status':
      return rowsResult(
        cols(
          'Db',
          'Name',
          'Type',
          'Definer',
          'Modified',
          'Created',
          'Security_type',
          'Comment',
          'character_set_client',
          'collation_connection',
          'Database Collation',
        ),
        [],
      );
    case 'functions':
      return rowsResult(cols('Function Name'), []);
    case 'triggers':
      return rowsResult(
        cols(
          'Trigger',
          'Event',
          'Table',
          'Statement',
          'Timing',
          'Created',
          'sql_mode',
          'Definer',
          'character_set_client',
          'collation_connection',
          'Database Collation',
        ),
        [],
      );
    case 'events':
      return rowsResult(
        cols(
          'Db',
          'Name',
          'Definer',
          'Time zone',
          'Type',
          'Execute at',
          'Interval value',
          'Interval field',
          'Starts',
          'Ends',
          'Status',
          'Originator',
          'character_set_client',
          'collation_connection',
          'Database Collation',
        ),
        [],
      );
    // MV changes finish synchronously: no ALTER MATERIALIZED VIEW jobs to list.
    case 'alter materialized view':
      return filtered(s, stmt, ALTER_JOB_COLUMNS.rollup, [], false, signal);
    case 'open tables':
      return rowsResult(cols('Database', 'Table', 'In_use', 'Name_locked'), []);
    // Rockling has no BACKUP / RESTORE (BACKUP SNAPSHOT is refused), so no jobs are ever listed.
    case 'group providers':
    case 'create group provider':
      return showGroupProviders(s, stmt);
    case 'backup':
      return rowsResult(cols(...BACKUP_COLUMNS), []);
    case 'restore':
      return rowsResult(cols(...RESTORE_COLUMNS), []);
    default:
      return null;
  }
}

export async function runShow(s: SessionImpl, stmt: AstShow, signal: AbortSignal): Promise<RowsResult> {
  switch (stmt.what) {
    case 'databases':
      return showDatabases(s, stmt, signal);
    case 'tables':
      return showTables(s, stmt, signal);
    case 'columns':
      return showColumns(s, stmt, signal);
    case 'index':
      return showIndex(s, stmt);
    case 'table status':
      return showTableStatus(s, stmt, signal);
    case 'variables':
      return showVariables(s, stmt, signal);
    case 'status':
      return showStatus(s, stmt, signal);
    case 'processlist':
      return showProcesslist(s, stmt);
    case 'warnings':
    case 'errors':
      return showWarnings(s);
    case 'create table':
    case 'create view':
    case 'create database':
      return showCreate(s, stmt);
    default: {
      const fixed = staticShow(s, stmt, signal);
      if (fixed !== null) return fixed;
      throw notSupported(`SHOW ${stmt.what.toUpperCase()}`);
    }
  }
}

export function runDescribe(s: SessionImpl, stmt: AstDescribe): RowsResult {
  return runDescribeTable(s, stmt);
}
