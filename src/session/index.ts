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
