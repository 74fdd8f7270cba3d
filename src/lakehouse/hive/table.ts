/**
 * A Hive table as Rockling reads it: StarRocks columns (data columns, then partition columns, as
 * StarRocks lists them), the file format check, and the data files grouped by partition with the
 * partition values from HMS (text, cast to the column types by the scan — never parsed from
 * folder names).
 */
import { notSupported, SqlError } from '../../errors/index.js';
import type { SqlType } from '../../types/index.js';
import type { HmsClient, HmsColumn, HmsStorage, HmsTable } from '../hms/client.js';
import { MetastoreError } from '../hms/client.js';
import { listDataFiles, localPath } from '../files.js';
import { hiveToStarRocks } from './types.js';

/** Hive's NULL partition value. */
export const HIVE_DEFAULT_PARTITION = '__HIVE_DEFAULT_PARTITION__';

export interface ExternalColumn {
  readonly name: string;
  readonly type: SqlType;
  readonly hiveType: string;
  readonly comment: string;
  readonly partitionKey: boolean;
}

/** Files of one partition (or of the whole unpartitioned table) and its key values (null: NULL). */
export interface FileGroup {
  readonly files: readonly string[];
  readonly values: readonly (string | null)[];
}

export interface HiveTableInfo {
  readonly db: string;
  readonly name: string;
  readonly columns: readonly ExternalColumn[];
  readonly location: string;
  readonly format: 'parquet';
  readonly partitionCount: number;
  readonly hms: HmsTable;
}

/** The storage format by input format / serde, as StarRocks' RemoteFileInputFormat names it. */
export function fileFormat(sd: HmsStorage): string {
  const text = `${sd.inputFormat} ${sd.serde}`.toLowerCase();
  if (text.includes('parquet')) return 'PARQUET';
  if (text.includes('orc')) return 'ORC';
  if (text.includes('avro')) return 'AVRO';
  if (text.includes('rcfile')) return 'RCFILE';
  if (text.includes('sequencefile')) return 'SEQUENCE';
  if (text.includes('textinputformat') || text.includes('lazysimpleserde') || text.includes('opencsv'))
    return 'TEXTFILE';
  return sd.inputFormat === '' ? 'UNKNOWN' : sd.inputFormat;
}

function checkParquet(sd: HmsStorage, what: string): void {
  const format = fileFormat(sd);
  if (format !== 'PARQUET')
    throw notSupported(`reading ${what} stored as ${format}; Rockling reads Hive tables in Parquet only`);
}

function column(c: HmsColumn, partitionKey: boolean, table: string): ExternalColumn {
  const type = hiveToStarRocks(c.type);
  if (type === null) throw notSupported(`Hive type '${c.type}' of column '${c.name}' in table ${table}`);
  return { name: c.name, type, hiveType: c.type, comment: c.comment, partitionKey };
}

/** Metastore errors as SQL errors (unknown db/table as StarRocks words them). */
export function metastoreSqlError(error: unknown, db: string, table?: string): unknown {
  if (!(error instanceof MetastoreError)) return error;
  if (error.kind === 'no-such-object')
    return table === undefined
      ? new SqlError('unknown-database', { db })
      : new SqlError('analysis-unknown-table', { table: `${db}.${table}` });
  return new SqlError('analysis-error', { message: `Failed to access the Hive metastore: ${error.message}` });
}

/** Columns and format of a Hive table (no file listing). */
export async function describeHiveTable(client: HmsClient, db: string, name: string): Promise<HiveTableInfo> {
  let hms: HmsTable;
  try {
    hms = await client.getTable(db, name);
  } catch (error) {
    throw metastoreSqlError(error, db, name);
  }
  const label = `${db}.${name}`;
  if (hms.tableType === 'VIRTUAL_VIEW') throw notSupported(`reading Hive views (${label})`);
  if (hms.parameters['table_type']?.toUpperCase() === 'ICEBERG')
    throw notSupported(`reading Iceberg tables through a Hive catalog (${label})`);
  checkParquet(hms.storage, `Hive table ${label}`);
  const columns = [
    ...hms.storage.columns.map((c) => column(c, false, label)),
    ...hms.partitionKeys.map((c) => column(c, true, label)),
  ];
  return { db, name, columns, location: hms.storage.location, format: 'parquet', partitionCount: 0, hms };
}

/** The data files of a table, grouped by partition (one group when unpartitioned). */
export async function hiveFileGroups(client: HmsClient, info: HiveTableInfo): Promise<FileGroup[]> {
  const label = `${info.db}.${info.name}`;
  if (info.hms.partitionKeys.length === 0)
    return [{ files: await listDataFiles(localPath(info.location)), values: [] }];
  let parts;
  try {
    parts = await client.getPartitions(info.db, info.name);
  } catch (error) {
    throw metastoreSqlError(error, info.db, info.name);
  }
  const groups: FileGroup[] = [];
  for (const p of parts) {
    checkParquet(p.storage, `a partition of Hive table ${label}`);
    groups.push({
      files: await listDataFiles(localPath(p.storage.location)),
      values: p.values.map((v) => (v === HIVE_DEFAULT_PARTITION ? null : v)),
    });
  }
  return groups;
}
