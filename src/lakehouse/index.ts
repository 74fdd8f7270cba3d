/** Lakehouse reads: Hive Metastore client and external-table scans (see CONTEXT.md). */
export {
  HmsClient,
  MetastoreError,
  parseMetastoreUris,
  withMetastore,
  type HmsColumn,
  type HmsDatabase,
  type HmsPartition,
  type HmsStorage,
  type HmsTable,
} from './hms/client.js';
export { hiveToStarRocks, CATALOG_STRING_LENGTH } from './hive/types.js';
export {
  describeHiveTable,
  fileFormat,
  hiveFileGroups,
  metastoreSqlError,
  HIVE_DEFAULT_PARTITION,
  type ExternalColumn,
  type FileGroup,
  type HiveTableInfo,
} from './hive/table.js';
export { listDataFiles, localPath, stageFiles } from './files.js';
export { externalScanQuery, externalScanViewSql, parquetColumnsSql, type ScanGroup } from './scan-sql.js';
