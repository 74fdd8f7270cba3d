/**
 * information_schema as system tables: descriptors for the binder (kind 'system'), the DuckDB
 * views behind them (created/replaced on open when their definition changed), and the
 * per-connection temp tables for the dynamic ones.
 */
import { createHash } from 'node:crypto';
import type { EngineConnection, EngineParam } from '../engine/index.js';
import type { SqlType } from '../types/index.js';
import { DEFAULT_CATALOG, plainColumn, type TableDescriptor } from './api.js';
import { SYSTEM_TABLE_NAMES_VIEW, SYSTEM_TABLES, type SysTable } from './info-schema-defs.js';
import { META_SCHEMA, setMeta } from './store.js';

export const INFO_SCHEMA = 'information_schema';
/** DuckDB schema holding the information_schema views. */
export const INFO_SCHEMA_STORAGE = '__rockling_is';
/** Dynamic system tables live in DuckDB's per-connection temp catalog under this prefix. */
const DYNAMIC_PREFIX = 'rk_is_';

/** DuckDB column type of a system column (system tables use a handful of types). */
function duckType(t: SqlType): string {
  switch (t.kind) {
    case 'bigint':
      return 'BIGINT';
    case 'int':
      return 'INTEGER';
    case 'boolean':
      return 'BOOLEAN';
    case 'datetime':
      return 'TIMESTAMP';
    case 'double':
      return 'DOUBLE';
    default:
      return 'VARCHAR';
  }
}

function descriptor(t: SysTable): TableDescriptor {
  return {
    kind: 'system',
    catalog: DEFAULT_CATALOG,
    db: INFO_SCHEMA,
    name: t.name,
    columns: t.columns.map((c) => plainColumn(c.name, c.type)),
    storage:
      t.dynamic === true
        ? { schema: 'temp', table: DYNAMIC_PREFIX + t.name }
        : { schema: INFO_SCHEMA_STORAGE, table: t.name },
    comment: '',
  };
}

const DESCRIPTORS: ReadonlyMap<string, TableDescriptor> = new Map(
  SYSTEM_TABLES.map((t) => [t.name, descriptor(t)]),
);
const DYNAMIC: ReadonlySet<string> = new Set(
  SYSTEM_TABLES.filter((t) => t.dynamic === true).map((t) => t.name),
);

/** information_schema table by name (case-insensitive, as StarRocks). */
export function systemTable(name: string): TableDescriptor | null {
  return DESCRIPTORS.get(name.toLowerCase()) ?? null;
}
export function systemTables(): readonly TableDescriptor[] {
  return [...DESCRIPTORS.values()];
}
/** True when the table's rows must be materialised from session state before a query. */
export function isDynamicSystemTable(t: TableDescriptor): boolean {
  return t.kind === 'system' && DYNAMIC.has(t.name);
}

function viewSql(t: SysTable): string {
  const items = t.columns.map((c) => `CAST(${c.expr ?? 'NULL'} AS ${duckType(c.type)}) AS "${c.name}"`);
  const from = t.from === undefined ? ' WHERE false' : ` FROM ${t.from}`;
  return `CREATE OR REPLACE VIEW ${INFO_SCHEMA_STORAGE}."${t.name}" AS SELECT ${items.join(', ')}${from}`;
}

/** Create or replace the views when their definitions changed (one transaction). */
export async function ensureInfoSchemaViews(conn: EngineConnection): Promise<void> {
  const statements = [
    `CREATE SCHEMA IF NOT EXISTS ${INFO_SCHEMA_STORAGE}`,
    `CREATE OR REPLACE VIEW ${SYSTEM_TABLE_NAMES_VIEW} AS SELECT * FROM (VALUES ${SYSTEM_TABLES.map((t) => `('${t.name}')`).join(', ')}) s(name)`,
    ...SYSTEM_TABLES.filter((t) => t.dynamic !== true).map(viewSql),
  ];
  const hash = createHash('sha256').update(statements.join(';\n')).digest('hex').slice(0, 16);
  const { rows } = await conn.queryAll(
    `SELECT value FROM ${META_SCHEMA}.meta WHERE key = 'info_schema_version'`,
  );
  if (rows[0]?.[0] === hash) return;
  await conn.transaction(async (tx) => {
    await tx.executeAll(statements);
    await setMeta(tx, 'info_schema_version', hash);
  });
}

/**
 * Fill a dynamic system table for the query about to run on `conn` (DuckDB temp tables are per
 * connection, so concurrent sessions never see each other's rows).
 */
export async function materializeSystemTable(
  conn: EngineConnection,
  table: TableDescriptor,
  rows: readonly (readonly EngineParam[])[],
): Promise<void> {
  const storage = table.storage;
  if (storage === undefined) return;
  const cols = table.columns.map((c) => `"${c.name}" ${duckType(c.type)}`).join(', ');
  await conn.execute(`CREATE OR REPLACE TEMP TABLE "${storage.table}" (${cols})`);
  if (rows.length === 0) return;
  const width = table.columns.length;
  const chunk = 200;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const placeholders = part
      .map((_, r) => `(${Array.from({ length: width }, (_v, c) => `$${r * width + c + 1}`).join(', ')})`)
      .join(', ');
    await conn.execute(`INSERT INTO "${storage.table}" VALUES ${placeholders}`, part.flat());
  }
}
