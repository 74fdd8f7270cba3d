export { ERROR_CODES, type ErrorCode, type ErrorSpec } from './registry.js';
export {
  SqlError,
  sqlError,
  notSupported,
  toSqlError,
  type ErrorParams,
  type SourcePos,
} from './sql-error.js';
