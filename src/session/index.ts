export type {
  ColumnMeta,
  RowsResult,
  OkResult,
  StatementResult,
  SessionStatus,
  PreparedStatementInfo,
  Session,
  SessionFactory,
  UserCredentials,
  ServerVersions,
} from './api.js';
export {
  openDatabase,
  DEFAULT_VERSIONS,
  DATABASE_FILE,
  type Database,
  type OpenDatabaseOptions,
} from './database.js';
