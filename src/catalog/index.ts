export {
  DEFAULT_CATALOG,
  plainColumn,
  type CatalogView,
  type ColumnDescriptor,
  type StorageRef,
  type TableDescriptor,
} from './api.js';
export { Catalog, CatalogTx } from './catalog.js';
export type {
  CatalogState,
  DatabaseEntry,
  DatabaseState,
  NewTable,
  TableDefinition,
  TableEntry,
} from './model.js';
export { columnInfoFields, typeDesc, typeSql } from './column-info.js';
export {
  INFO_SCHEMA,
  INFO_SCHEMA_STORAGE,
  isDynamicSystemTable,
  materializeSystemTable,
  systemTable,
  systemTables,
} from './info-schema.js';
export { nowText } from './clock.js';
export { labelExists, recordLabel } from './store.js';
export * as partitions from './partitions/index.js';
