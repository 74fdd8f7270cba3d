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
