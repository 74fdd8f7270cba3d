/**
 * The one error registry: every user-facing failure has a code here that fixes its MySQL errno,
 * SQLSTATE and message template. Numbers and texts follow StarRocks' ErrorCode.java / MySQL.
 * Templates use {name} placeholders filled from typed parameters.
 */
export const ERROR_CODES = {
  // --- MySQL-standard codes clients test for -------------------------------------------------
  'access-denied': {
    errno: 1045,
    sqlState: '28000',
    template: "Access denied for user '{user}'@'{host}' (using password: {usingPassword})",
  },
  'no-db-selected': { errno: 1046, sqlState: '3D000', template: 'No database selected' },
  'unknown-command': { errno: 1047, sqlState: '08S01', template: 'Unknown command' },
  'unknown-database': { errno: 1049, sqlState: '42000', template: "Unknown database '{db}'" },
  'table-exists': { errno: 1050, sqlState: '42S01', template: "Table '{table}' already exists" },
  'unknown-table': { errno: 1051, sqlState: '42S02', template: "Unknown table '{table}'" },
  'ambiguous-column': {
    errno: 1052,
    sqlState: '23000',
    template: "Column '{column}' in {context} is ambiguous",
  },
  'unknown-column': { errno: 1054, sqlState: '42S22', template: "Unknown column '{column}' in '{context}'" },
  'duplicate-column': { errno: 1060, sqlState: '42S21', template: "Duplicate column name '{column}'" },
  'parse-error': { errno: 1064, sqlState: '42000', template: '{message}' },
  'db-exists': { errno: 1007, sqlState: 'HY000', template: "Can't create database '{db}'; database exists" },
  'db-drop-missing': {
    errno: 1008,
    sqlState: 'HY000',
    template: "Can't drop database '{db}'; database doesn't exist",
  },
  'wrong-value-count': {
    errno: 1136,
    sqlState: '21S01',
    template: "Column count doesn't match value count at row {row}",
  },
  'no-such-table': { errno: 1146, sqlState: '42S02', template: "Table '{table}' doesn't exist" },
  'unknown-system-variable': { errno: 1193, sqlState: 'HY000', template: "Unknown system variable '{name}'" },
  'wrong-arguments': { errno: 1210, sqlState: 'HY000', template: 'Incorrect arguments to {what}' },
  'not-supported': { errno: 1235, sqlState: '42000', template: 'not supported: {feature}' },
  'unknown-prepared-statement': {
    errno: 1243,
    sqlState: 'HY000',
    template: 'Unknown prepared statement handler ({id}) given to {what}',
  },
  'wrong-param-count': { errno: 1210, sqlState: 'HY000', template: 'Incorrect arguments to {what}' },
  'unknown-thread': { errno: 1094, sqlState: 'HY000', template: 'Unknown thread id: {id}' },
  'query-interrupted': { errno: 1317, sqlState: '70100', template: 'Query execution was interrupted' },
  'wrong-value-for-var': {
    errno: 1231,
    sqlState: '42000',
    template: "Variable '{name}' can't be set to the value of '{value}'",
  },
  'packet-too-large': {
    errno: 1153,
    sqlState: '08S01',
    template: 'Got a packet bigger than max_allowed_packet bytes',
  },
  'malformed-packet': { errno: 1835, sqlState: 'HY000', template: 'Malformed communication packet' },
  'division-by-zero': { errno: 1365, sqlState: '22012', template: 'Division by 0' },
  'data-too-long': { errno: 1406, sqlState: '22001', template: "Data too long for column '{column}'" },
  'out-of-range': { errno: 1264, sqlState: '22003', template: "Out of range value for column '{column}'" },
  'bad-null': { errno: 1048, sqlState: '23000', template: "Column '{column}' cannot be null" },
  'function-not-found': {
    errno: 1305,
    sqlState: '42000',
    template: 'No matching function with signature: {signature}.',
  },
  'view-wrong-object': { errno: 1347, sqlState: 'HY000', template: "'{name}' is not {what}" },
  'label-exists': { errno: 5501, sqlState: 'HY000', template: 'Label [{label}] has already been used.' },
  // --- StarRocks analysis errors (errno 1064 family with StarRocks' texts) ---------------------
  'analysis-error': {
    errno: 1064,
    sqlState: '42000',
    template: 'Getting analyzing error. Detail message: {message}.',
  },
  /** Query over a missing table (StarRocks 3.x: ERR_BAD_TABLE_ERROR 5502 wrapped as an analysis error). */
  'analysis-unknown-table': {
    errno: 5502,
    sqlState: '42602',
    template: "Getting analyzing error. Detail message: Unknown table '{table}'.",
  },
  /** CREATE TABLE of an existing name (ERR_TABLE_EXISTS_ERROR 1050 wrapped as an analysis error). */
  'analysis-table-exists': {
    errno: 1050,
    sqlState: '42S01',
    template: "Getting analyzing error. Detail message: Table '{table}' already exists.",
  },
  /** RECOVER TABLE of a name the recycle bin does not hold (ERR_BAD_TABLE_ERROR). */
  'recover-unknown-table': { errno: 5502, sqlState: '42602', template: "Unknown table '{table}'" },
  /** Query over a missing database (ERR_BAD_DB_ERROR 5501 wrapped as an analysis error). */
  'analysis-unknown-database': {
    errno: 5501,
    sqlState: '3F000',
    template: "Getting analyzing error. Detail message: Unknown database '{db}'.",
  },
  'invalid-table-definition': {
    errno: 1064,
    sqlState: '42000',
    template: 'Getting analyzing error. Detail message: {message}.',
  },
  // --- session, variables and DDL (StarRocks ErrorCode.java texts) ---------------------------
  'unknown-catalog': { errno: 1049, sqlState: '42000', template: "Unknown catalog '{catalog}'" },
  'wrong-db-name': { errno: 1102, sqlState: '42000', template: "Incorrect database name '{db}'" },
  'wrong-table-name': { errno: 1104, sqlState: '42000', template: "Incorrect table name '{table}'" },
  'wrong-column-name': { errno: 1166, sqlState: '42000', template: "Incorrect column name '{column}'" },
  'table-must-have-columns': {
    errno: 1113,
    sqlState: '42000',
    template: 'A table must have at least 1 column',
  },
  'unknown-character-set': { errno: 1115, sqlState: '42000', template: "Unknown character set: '{charset}'" },
  'session-variable-global': {
    errno: 1228,
    sqlState: 'HY000',
    template: "Variable '{name}' is a SESSION variable and can't be used with SET GLOBAL",
  },
  'global-variable': {
    errno: 1229,
    sqlState: 'HY000',
    template: "Variable '{name}' is a GLOBAL variable and should be set with SET GLOBAL",
  },
  'wrong-type-for-var': { errno: 1232, sqlState: '42000', template: "Incorrect argument type to variable '{name}'" },
  'variable-read-only': { errno: 1621, sqlState: 'HY000', template: "Variable '{name}' is a read only variable" },
  'unknown-time-zone': { errno: 1298, sqlState: 'HY000', template: "Unknown or incorrect time zone: '{zone}'" },
  'wrong-object': { errno: 1347, sqlState: 'HY000', template: "'{db}'.'{name}' is not '{what}'" },
  'view-wrong-list': {
    errno: 1353,
    sqlState: 'HY000',
    template: "View's SELECT and view's field list have different column counts",
  },
  'kill-denied': { errno: 1095, sqlState: 'HY000', template: 'You are not owner of thread {id}' },
  'insert-filtered': {
    errno: 1064,
    sqlState: 'HY000',
    template: 'Insert has filtered data in strict mode. {detail}',
  },
  // --- accounts, privileges, resource groups (platform) ---------------------------------------
  'account-operation-failed': {
    errno: 1396,
    sqlState: 'HY000',
    template: 'Operation {operation} failed for {target}{detail}',
  },
  'privilege-denied': {
    errno: 5203,
    sqlState: '42000',
    template:
      'Access denied; you need (at least one of) the {privilege} privilege(s) on {object} for this operation. Please ask the admin to grant permission(s) or try activating existing roles using <set [default] role>. Current role(s): {roles}. Inactivated role(s): NONE.',
  },
  'resource-group-concurrency': {
    errno: 1064,
    sqlState: 'HY000',
    template: 'Exceed concurrency limit: {limit} backend [id=10001] [host=127.0.0.1] of resource group {group}',
  },
  // --- generic --------------------------------------------------------------------------------
  'runtime-error': { errno: 1064, sqlState: 'HY000', template: '{message}' },
  'internal-error': { errno: 1105, sqlState: 'HY000', template: 'Internal error: {message}' },
} as const satisfies Record<string, ErrorSpec>;

export interface ErrorSpec {
  readonly errno: number;
  readonly sqlState: string;
  readonly template: string;
}

export type ErrorCode = keyof typeof ERROR_CODES;
