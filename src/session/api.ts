/**
 * The contract between the protocol servers (src/server) and the SQL side (session/engine).
 * The MySQL server turns packets into calls on a Session and results into packets; it knows
 * nothing about SQL. Everything here is plain data or async iteration.
 */
import type { RowBatch, SqlType, Value } from '../types/index.js';

/** One column of a result set, enough for MySQL column-definition packets. */
export interface ColumnMeta {
  readonly name: string;
  readonly type: SqlType;
  readonly nullable: boolean;
  /** Original column / table / database, when the column comes straight from a table. */
  readonly orgName?: string;
  readonly table?: string;
  readonly orgTable?: string;
  readonly db?: string;
  /** Set for PRIMARY/UNIQUE key columns (flag PRI_KEY in the column definition). */
  readonly primaryKey?: boolean;
}

/** A statement that returned rows. `batches` is consumed once; stopping early releases it. */
export interface RowsResult {
  readonly kind: 'rows';
  readonly columns: readonly ColumnMeta[];
  readonly batches: AsyncIterable<RowBatch>;
}

/** A statement that returned no rows (DDL, DML, SET, …). */
export interface OkResult {
  readonly kind: 'ok';
  readonly affectedRows: number;
  readonly lastInsertId: number;
  readonly info: string;
}

export type StatementResult = RowsResult | OkResult;

/** Server status bits the session owns (OK/EOF status flags derive from these). */
export interface SessionStatus {
  readonly autocommit: boolean;
  readonly inTransaction: boolean;
  readonly warningCount: number;
}

export interface PreparedStatementInfo {
  readonly id: number;
  readonly paramCount: number;
  /** Result columns when known at prepare time (empty for statements without rows). */
  readonly columns: readonly ColumnMeta[];
}

/** Per-connection SQL state. Methods throw SqlError for user errors. */
export interface Session {
  readonly connectionId: number;
  readonly user: string;
  readonly status: SessionStatus;
  /** Current database (null when none), for `SELECT DATABASE()` and COM_INIT_DB. */
  readonly currentDb: string | null;
  /**
   * Run a COM_QUERY text. Several `;`-separated statements yield several results in order;
   * the first failing statement throws and the rest are not run.
   */
  query(sql: string, signal?: AbortSignal): AsyncIterable<StatementResult>;
  /** COM_INIT_DB / USE: accepts `db` and `catalog.db`. */
  useDatabase(name: string): Promise<void>;
  /** COM_FIELD_LIST: the columns of a table in the current database. */
  fieldList(table: string, wildcard: string): Promise<readonly ColumnMeta[]>;
  prepare(sql: string): Promise<PreparedStatementInfo>;
  executePrepared(id: number, params: readonly Value[], signal?: AbortSignal): Promise<StatementResult>;
  closePrepared(id: number): void;
  /** COM_RESET_CONNECTION: variables, prepared statements and user variables back to defaults. */
  reset(): Promise<void>;
  /** COM_STATISTICS text (`Uptime: … Threads: … Questions: …`). */
  statistics(): string;
  close(): Promise<void>;
}

/** The stored credentials of a user: SHA1(SHA1(password)) or null for an empty password. */
export interface UserCredentials {
  readonly user: string;
  readonly host: string;
  readonly passwordDoubleSha1: Uint8Array | null;
}

/**
 * What a protocol server needs from the database: user lookup for authentication, session
 * creation after it, and KILL across connections.
 */
export interface SessionFactory {
  lookupUser(user: string, host: string): Promise<UserCredentials | null>;
  openSession(options: {
    user: string;
    host: string;
    database: string | null;
    connectionId: number;
    /**
     * Called by the factory when KILL [QUERY|CONNECTION] targets this connection: the server
     * aborts the running statement and, unless `queryOnly`, closes the connection. Absent for
     * in-process sessions (no connection to close).
     */
    onKill?: (queryOnly: boolean) => void;
  }): Promise<Session>;
  /**
   * KILL [QUERY|CONNECTION] id from another session is routed through the factory; it calls the
   * target's `onKill` and returns false when no such connection exists.
   */
  kill(connectionId: number, queryOnly: boolean): boolean;
  /** StarRocks version facts for the handshake and `select current_version()`. */
  readonly versions: ServerVersions;
}

export interface ServerVersions {
  /** Handshake version string and `@@version`, e.g. `8.0.33`. */
  readonly mysqlVersion: string;
  /** `@@version_comment`, e.g. `StarRocks version 3.3.5-rockling`. */
  readonly versionComment: string;
  /** `current_version()`, e.g. `3.3.5 rockling`. */
  readonly starrocksVersion: string;
}
