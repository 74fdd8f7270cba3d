export {
  DEFAULT_CATALOG,
  type CatalogView,
  type ColumnDescriptor,
  type StorageRef,
  type TableDescriptor,
} from './api.js';
