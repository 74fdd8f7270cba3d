/**
 * The durable half of the catalog: metadata tables in the DuckDB schema `__rockling`, written in
 * the same DuckDB transaction as the storage they describe. Statements are fixed text with bound
 * parameters — names never become SQL text here.
 */
import type { EngineConnection, EngineParam } from '../engine/index.js';
import { InternalError } from '../base/index.js';
import type { AggregateType, KeysType } from '../sql/ast/index.js';
import type { SqlType, Value } from '../types/index.js';
import type { ColumnDescriptor } from './api.js';
import { columnInfoFields } from './column-info.js';
import { tableConfigParams } from './table-config.js';
import { bootstrapPartitions } from './partitions/store.js';
import type { CatalogState, DatabaseEntry, DatabaseState, TableDefinition, TableEntry } from './model.js';

/** Version of the metadata layout; bump with an upgrade step when it changes. */
export const FORMAT_VERSION = 1;
export const META_SCHEMA = '__rockling';

const BOOTSTRAP: readonly string[] = [
  `CREATE SCHEMA ${META_SCHEMA}`,
  `CREATE TABLE ${META_SCHEMA}.meta (key VARCHAR NOT NULL, value VARCHAR NOT NULL)`,
  `CREATE TABLE ${META_SCHEMA}.databases (
     id BIGINT NOT NULL, catalog VARCHAR NOT NULL, name VARCHAR NOT NULL, properties VARCHAR NOT NULL,
     storage_schema VARCHAR NOT NULL, create_time TIMESTAMP NOT NULL)`,
  `CREATE TABLE ${META_SCHEMA}.tables (
     id BIGINT NOT NULL, db_id BIGINT NOT NULL, name VARCHAR NOT NULL, kind VARCHAR NOT NULL,
     keys_type VARCHAR, storage_schema VARCHAR, storage_table VARCHAR, view_text VARCHAR,
     comment VARCHAR NOT NULL, definition VARCHAR NOT NULL, create_time TIMESTAMP NOT NULL,
     update_time TIMESTAMP, partition_key VARCHAR NOT NULL, distribute_key VARCHAR NOT NULL,
     distribute_type VARCHAR NOT NULL, distribute_bucket BIGINT NOT NULL, sort_key VARCHAR NOT NULL,
     properties VARCHAR NOT NULL)`,
  `CREATE TABLE ${META_SCHEMA}.columns (
     table_id BIGINT NOT NULL, ordinal INTEGER NOT NULL, name VARCHAR NOT NULL, type VARCHAR NOT NULL,
     nullable BOOLEAN NOT NULL, is_key BOOLEAN NOT NULL, agg_type VARCHAR, default_value VARCHAR,
     auto_increment BOOLEAN NOT NULL, comment VARCHAR NOT NULL,
     data_type VARCHAR NOT NULL, column_type VARCHAR NOT NULL, char_max_length BIGINT,
     char_octet_length BIGINT, numeric_precision BIGINT, numeric_scale BIGINT, datetime_precision BIGINT)`,
];

async function metaValue(conn: EngineConnection, key: string): Promise<string | null> {
  const { rows } = await conn.queryAll(`SELECT value FROM ${META_SCHEMA}.meta WHERE key = $1`, [key]);
  const v = rows[0]?.[0];
  return typeof v === 'string' ? v : null;
}

export async function setMeta(conn: EngineConnection, key: string, value: string): Promise<void> {
  await conn.execute(`DELETE FROM ${META_SCHEMA}.meta WHERE key = $1`, [key]);
  await conn.execute(`INSERT INTO ${META_SCHEMA}.meta VALUES ($1, $2)`, [key, value]);
}

/** Load labels (INSERT … WITH LABEL, Stream Load): unique per database, kept with the data. */
const LABELS_DDL = `CREATE TABLE IF NOT EXISTS ${META_SCHEMA}.labels (
  db_id BIGINT NOT NULL, label VARCHAR NOT NULL, txn_id BIGINT NOT NULL, create_time TIMESTAMP NOT NULL,
  PRIMARY KEY (db_id, label))`;

/**
 * One row per model write (load/write.ts): when, the table's row count before it and the rows it
 * wrote; what `SELECT … BEFORE 'datetime'` reads (codegen/write-history.ts).
 */
const WRITE_HISTORY_DDL = `CREATE TABLE IF NOT EXISTS ${META_SCHEMA}.row_history (
  storage_schema VARCHAR NOT NULL, storage_table VARCHAR NOT NULL, ts_us BIGINT NOT NULL,
  rows_before BIGINT NOT NULL, rows_written BIGINT NOT NULL)`;

/** Create the metadata tables on a fresh database file; check the layout version otherwise. */
export async function bootstrap(conn: EngineConnection): Promise<void> {
  await bootstrapTables(conn);
  await conn.execute(LABELS_DDL);
  await conn.execute(GLOBALS_DDL);
  await conn.execute(WRITE_HISTORY_DDL);
  await bootstrapPartitions(conn);
}

/** SET GLOBAL values (StarRocks persists them): name → JSON-encoded typed value. */
const GLOBALS_DDL = `CREATE TABLE IF NOT EXISTS ${META_SCHEMA}.global_variables (name VARCHAR NOT NULL, value VARCHAR NOT NULL)`;

type Encoded =
  | { t: 'null' }
  | { t: 'bool'; v: boolean }
  | { t: 'num'; v: number }
  | { t: 'int'; v: string }
  | { t: 'str'; v: string };

function encodeValue(v: Value): string {
  const e: Encoded =
    v === null
      ? { t: 'null' }
      : typeof v === 'boolean'
        ? { t: 'bool', v }
        : typeof v === 'number'
          ? { t: 'num', v }
          : typeof v === 'bigint'
            ? { t: 'int', v: v.toString() }
            : { t: 'str', v: typeof v === 'string' ? v : Buffer.from(v).toString('utf8') };
  return JSON.stringify(e);
}

function decodeValue(text: string): Value {
  const e = JSON.parse(text) as Encoded;
  switch (e.t) {
    case 'null':
      return null;
    case 'int':
      return BigInt(e.v);
    default:
      return e.v;
  }
}

export async function loadGlobals(conn: EngineConnection): Promise<Map<string, Value>> {
  const { rows } = await conn.queryAll(`SELECT name, value FROM ${META_SCHEMA}.global_variables`);
  return new Map(rows.map((r) => [str(r[0]), decodeValue(str(r[1]))]));
}

/** Persist (value) or forget (undefined: SET GLOBAL x = DEFAULT) one global variable. */
export async function saveGlobal(
  conn: EngineConnection,
  name: string,
  value: Value | undefined,
): Promise<void> {
  await conn.transaction(async (tx) => {
    await tx.execute(`DELETE FROM ${META_SCHEMA}.global_variables WHERE name = $1`, [name]);
    if (value !== undefined)
      await tx.execute(`INSERT INTO ${META_SCHEMA}.global_variables VALUES ($1, $2)`, [
        name,
        encodeValue(value),
      ]);
  });
}

async function bootstrapTables(conn: EngineConnection): Promise<void> {
  const { rows } = await conn.queryAll(
    'SELECT count(*) FROM duckdb_schemas() WHERE schema_name = $1 AND database_name = current_database()',
    [META_SCHEMA],
  );
  if (Number(rows[0]?.[0] ?? 0) === 0) {
    await conn.transaction(async (tx) => {
      await tx.executeAll(BOOTSTRAP);
      await setMeta(tx, 'format_version', String(FORMAT_VERSION));
      await setMeta(tx, 'next_id', '1');
    });
    return;
  }
  const version = Number(await metaValue(conn, 'format_version'));
  if (!(version >= 1 && version <= FORMAT_VERSION)) {
    throw new InternalError(
      `data directory has metadata format ${version}; this Rockling reads ≤ ${FORMAT_VERSION}`,
    );
  }
}

function str(v: Value | undefined): string {
  return typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
}
function optStr(v: Value | undefined): string | null {
  return v === null || v === undefined ? null : str(v);
}

function loadColumns(rows: readonly (readonly Value[])[]): Map<number, ColumnDescriptor[]> {
  const byTable = new Map<number, ColumnDescriptor[]>();
  for (const r of rows) {
    const tableId = Number(r[0]);
    const aggType = optStr(r[6]);
    const col: ColumnDescriptor = {
      name: str(r[2]),
      type: JSON.parse(str(r[3])) as SqlType,
      nullable: r[4] === true,
      isKey: r[5] === true,
      ...(aggType !== null ? { aggType: aggType as AggregateType } : {}),
      defaultValue: optStr(r[7]),
      autoIncrement: r[8] === true,
      comment: str(r[9]),
    };
    const list = byTable.get(tableId) ?? [];
    list.push(col);
    byTable.set(tableId, list);
  }
  return byTable;
}

/** Read the whole catalog into memory. */
export async function loadState(conn: EngineConnection): Promise<CatalogState> {
  const nextId = Number(await metaValue(conn, 'next_id'));
  const dbRows = (
    await conn.queryAll(
      `SELECT id, catalog, name, properties, storage_schema, create_time FROM ${META_SCHEMA}.databases ORDER BY id`,
    )
  ).rows;
  const tableRows = (
    await conn.queryAll(
      `SELECT id, db_id, name, kind, keys_type, storage_schema, storage_table, view_text, comment, definition,
              create_time, update_time FROM ${META_SCHEMA}.tables ORDER BY id`,
    )
  ).rows;
  const columns = loadColumns(
    (
      await conn.queryAll(
        `SELECT table_id, ordinal, name, type, nullable, is_key, agg_type, default_value, auto_increment, comment
         FROM ${META_SCHEMA}.columns ORDER BY table_id, ordinal`,
      )
    ).rows,
  );
  const dbById = new Map<number, { entry: DatabaseEntry; tables: Map<string, TableEntry> }>();
  for (const r of dbRows) {
    const entry: DatabaseEntry = {
      id: Number(r[0]),
      catalog: str(r[1]),
      name: str(r[2]),
      properties: JSON.parse(str(r[3])) as DatabaseEntry['properties'],
      storageSchema: str(r[4]),
      createTime: str(r[5]),
    };
    dbById.set(entry.id, { entry, tables: new Map() });
  }
  for (const r of tableRows) {
    const db = dbById.get(Number(r[1]));
    if (db === undefined) continue;
    const entry = tableFromRow(r, db.entry, columns.get(Number(r[0])) ?? []);
    db.tables.set(entry.name, entry);
  }
  const catalogs = new Map<string, Map<string, DatabaseState>>();
  for (const db of dbById.values()) {
    const byName = catalogs.get(db.entry.catalog) ?? new Map<string, DatabaseState>();
    byName.set(db.entry.name, db);
    catalogs.set(db.entry.catalog, byName);
  }
  return { databases: catalogs, nextId: Number.isFinite(nextId) && nextId > 0 ? nextId : 1 };
}

function tableFromRow(
  r: readonly Value[],
  db: DatabaseEntry,
  columns: readonly ColumnDescriptor[],
): TableEntry {
  const kind = str(r[3]) as TableEntry['kind'];
  const keysType = optStr(r[4]);
  const storageSchema = optStr(r[5]);
  const storageTable = optStr(r[6]);
  const viewText = optStr(r[7]);
  return {
    id: Number(r[0]),
    kind,
    catalog: db.catalog,
    db: db.name,
    name: str(r[2]),
    columns,
    ...(keysType !== null ? { keysType: keysType as KeysType } : {}),
    ...(storageSchema !== null && storageTable !== null
      ? { storage: { schema: storageSchema, table: storageTable } }
      : {}),
    ...(viewText !== null ? { viewQueryText: viewText } : {}),
    comment: str(r[8]),
    definition: JSON.parse(str(r[9])) as TableDefinition,
    createTime: str(r[10]),
    updateTime: optStr(r[11]),
  };
}

export async function insertDatabase(conn: EngineConnection, db: DatabaseEntry): Promise<void> {
  await conn.execute(`INSERT INTO ${META_SCHEMA}.databases VALUES ($1, $2, $3, $4, $5, $6::TIMESTAMP)`, [
    db.id,
    db.catalog,
    db.name,
    JSON.stringify(db.properties),
    db.storageSchema,
    db.createTime,
  ]);
}

export async function deleteDatabase(conn: EngineConnection, dbId: number): Promise<void> {
  await conn.execute(
    `DELETE FROM ${META_SCHEMA}.columns WHERE table_id IN (SELECT id FROM ${META_SCHEMA}.tables WHERE db_id = $1)`,
    [dbId],
  );
  await conn.execute(`DELETE FROM ${META_SCHEMA}.tables WHERE db_id = $1`, [dbId]);
  await conn.execute(`DELETE FROM ${META_SCHEMA}.labels WHERE db_id = $1`, [dbId]);
  await conn.execute(`DELETE FROM ${META_SCHEMA}.databases WHERE id = $1`, [dbId]);
}

function columnParams(tableId: number, ordinal: number, c: ColumnDescriptor): EngineParam[] {
  const info = columnInfoFields(c.type);
  return [
    tableId,
    ordinal,
    c.name,
    JSON.stringify(c.type),
    c.nullable,
    c.isKey,
    c.aggType ?? null,
    c.defaultValue,
    c.autoIncrement,
    c.comment,
    info.dataType,
    info.columnType,
    info.charMaxLength,
    info.charOctetLength,
    info.numericPrecision,
    info.numericScale,
    info.datetimePrecision,
  ];
}

export async function insertTable(conn: EngineConnection, dbId: number, t: TableEntry): Promise<void> {
  await conn.execute(
    `INSERT INTO ${META_SCHEMA}.tables VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::TIMESTAMP, $12::TIMESTAMP, $13, $14, $15, $16, $17, $18)`,
    [
      t.id,
      dbId,
      t.name,
      t.kind,
      t.keysType ?? null,
      t.storage?.schema ?? null,
      t.storage?.table ?? null,
      t.viewQueryText ?? null,
      t.comment,
      JSON.stringify(t.definition),
      t.createTime,
      t.updateTime,
      ...tableConfigParams(t),
    ],
  );
  let ordinal = 1;
  for (const c of t.columns) {
    await conn.execute(
      `INSERT INTO ${META_SCHEMA}.columns VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      columnParams(t.id, ordinal++, c),
    );
  }
}

export async function deleteTable(conn: EngineConnection, tableId: number): Promise<void> {
  await conn.execute(`DELETE FROM ${META_SCHEMA}.columns WHERE table_id = $1`, [tableId]);
  await conn.execute(`DELETE FROM ${META_SCHEMA}.tables WHERE id = $1`, [tableId]);
}

/** Whether a load label was already used in the database (read in the loading transaction). */
export async function labelExists(conn: EngineConnection, dbId: number, label: string): Promise<boolean> {
  const { rows } = await conn.queryAll(
    `SELECT count(*) FROM ${META_SCHEMA}.labels WHERE db_id = $1 AND label = $2`,
    [dbId, label],
  );
  return Number(rows[0]?.[0] ?? 0) > 0;
}

/** Record a label in the same transaction as the data it loaded (the primary key makes reuse fail). */
export async function recordLabel(
  conn: EngineConnection,
  dbId: number,
  label: string,
  txnId: number,
): Promise<void> {
  await conn.execute(`INSERT INTO ${META_SCHEMA}.labels VALUES ($1, $2, $3, current_localtimestamp())`, [
    dbId,
    label,
    txnId,
  ]);
}
