/**
 * One connection's SQL state and the statement loop: parse the COM_QUERY text, run each
 * statement through its handler, yield one result per statement. Handlers live in exec-*.ts and
 * show*.ts; this file owns the state they share (current database, variables, user variables,
 * prepared statements, warnings, the running statement for KILL and SHOW PROCESSLIST).
 */
import {
  DEFAULT_CATALOG,
  type CatalogView,
  type TableDescriptor,
  isDynamicSystemTable,
} from '../catalog/index.js';
import type { CompileContext } from '../codegen/index.js';
import { SqlError, toSqlError } from '../errors/index.js';
import { parseStatements, type ParsedStatement } from '../sql/index.js';
import type { Value } from '../types/index.js';
import type { ColumnMeta, PreparedStatementInfo, Session, SessionStatus, StatementResult } from './api.js';
import type { DatabaseImpl } from './database.js';
import { dispatch } from './dispatch.js';
import { externalDatabaseSeen, externalTable } from './exec-catalog.js';
import { effective } from './exec-security.js';
import { describeColumns } from './show-meta.js';
import { coerceVar, varKey, type VarDef } from './variables.js';
import { closePrepared, executePrepared, prepareText, type PreparedStatement } from './prepared.js';
import { cachedConstant, isCacheable, rememberConstant } from './statement-cache.js';
import { tempTableFor } from './temp-tables.js';
import { dropSessionTempTables } from './exec-temp-table.js';
import { feConfig } from './show-cluster.js';

export interface Warning {
  readonly level: 'Note' | 'Warning' | 'Error';
  readonly code: number;
  readonly message: string;
}

/** A compile context plus the dynamic system tables the compiled statement reads. */
export interface TrackedContext {
  readonly ctx: CompileContext;
  readonly dynamicTables: Set<TableDescriptor>;
}

export class SessionImpl implements Session {
  currentCatalog = DEFAULT_CATALOG;
  currentDb: string | null = null;
  readonly sessionVars = new Map<string, Value>();
  readonly userVars = new Map<string, Value>();
  readonly prepared = new Map<number, PreparedStatement>();
  readonly namedPrepared = new Map<string, number>();
  nextStatementId = 1;
  warnings: Warning[] = [];
  inTransaction = false;
  lastInsertId = 0;
  /** SET ROLE's choice of active roles; null: the login default (exec-security.ts activeRoles). */
  activeRoles: readonly string[] | null = null;
  /** The statement running now (SHOW PROCESSLIST, KILL QUERY). */
  running: { readonly text: string; readonly started: number; readonly controller: AbortController } | null =
    null;
  readonly connectedAt = Date.now();
  private lastActive = Date.now();
  private closed = false;

  constructor(
    readonly db: DatabaseImpl,
    readonly connectionId: number,
    /** The session's user; EXECUTE AS … WITH NO REVERT switches it. */
    public user: string,
    readonly host: string,
    readonly onKill: ((queryOnly: boolean) => void) | undefined,
  ) {}

  get status(): SessionStatus {
    return {
      autocommit: this.getVar('autocommit', null) === true,
      inTransaction: this.inTransaction,
      warningCount: this.warnings.length,
    };
  }

  /** Seconds in the current command (SHOW PROCESSLIST `Time`). */
  get idleSeconds(): number {
    return Math.floor((Date.now() - (this.running?.started ?? this.lastActive)) / 1000);
  }

  async *query(sql: string, signal?: AbortSignal): AsyncIterable<StatementResult> {
    this.checkOpen();
    const cached = cachedConstant(this, sql);
    if (cached !== null) return yield cached;
    let statements: ParsedStatement[];
    try {
      statements = parseStatements(sql, {
        pipesAsConcat: this.sqlModeHas('PIPES_AS_CONCAT'),
        temporaryTables: feConfig(this, 'enable_experimental_temporary_table') === 'true',
      });
    } catch (error) {
      throw this.fail(error);
    }
    if (isCacheable(statements))
      return yield await rememberConstant(
        this,
        sql,
        await this.run(statements[0] as ParsedStatement, signal),
      );
    for (const st of statements) yield await this.run(st, signal);
  }

  /** Run one parsed statement as the connection's current command. */
  async run(st: ParsedStatement, signal?: AbortSignal, params?: readonly Value[]): Promise<StatementResult> {
    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onAbort);
    if (signal?.aborted) controller.abort();
    this.running = { text: st.text, started: Date.now(), controller };
    const keepWarnings = st.statement.kind === 'show' && ['warnings', 'errors'].includes(st.statement.what);
    if (!keepWarnings) this.warnings = [];
    try {
      return await dispatch(this, st, controller.signal, params);
    } catch (error) {
      throw this.fail(error);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.running = null;
      this.lastActive = Date.now();
    }
  }

  private fail(error: unknown): SqlError {
    const e = toSqlError(error);
    this.warnings = [{ level: 'Error', code: e.errno, message: e.message }];
    return e;
  }

  private checkOpen(): void {
    if (this.closed) throw new SqlError('query-interrupted');
  }

  sqlModeHas(mode: string): boolean {
    const v = this.getVar('sql_mode', null);
    return typeof v === 'string' && v.split(',').includes(mode);
  }

  // --- variables -------------------------------------------------------------------------------

  varDef(name: string): VarDef | undefined {
    return this.db.varDefs.get(varKey(name));
  }

  /** `@@name` value (undefined when no such variable). */
  getVar(name: string, scope: 'global' | 'session' | null): Value | undefined {
    const key = varKey(name);
    const def = this.db.varDefs.get(key);
    if (def === undefined) return undefined;
    if (key === 'catalog') return this.currentCatalog;
    // `has`, not `??`: NULL is a legitimate value (SET character_set_results = NULL).
    const global = this.db.globals.has(key) ? (this.db.globals.get(key) as Value) : def.defaultValue;
    if (scope === 'global') return global;
    return this.sessionVars.has(key) ? (this.sessionVars.get(key) as Value) : global;
  }

  async setVar(
    name: string,
    scope: 'global' | 'session',
    value: Value | null,
    isDefault: boolean,
  ): Promise<void> {
    const key = varKey(name);
    const def = this.db.varDefs.get(key);
    if (def === undefined) throw new SqlError('unknown-system-variable', { name });
    if (def.readOnly === true) throw new SqlError('variable-read-only', { name });
    if (def.globalOnly === true && scope === 'session') throw new SqlError('global-variable', { name });
    if (scope === 'global') {
      // StarRocks persists SET GLOBAL; so do we (metadata table in the data directory).
      const next = isDefault ? undefined : coerceVar(def, value);
      await this.db.catalog.saveGlobal(key, next);
      if (next === undefined) this.db.globals.delete(key);
      else this.db.globals.set(key, next);
      return;
    }
    if (isDefault) this.sessionVars.delete(key);
    else this.sessionVars.set(key, coerceVar(def, value));
  }

  // --- compiling ---------------------------------------------------------------------------------

  /** The compile context of this session; records dynamic system tables the binder looked up. */
  compileContext(params?: readonly Value[]): TrackedContext {
    const dynamicTables = new Set<TableDescriptor>();
    const base = this.db.catalog;
    const catalog: CatalogView = {
      databaseExists: (c, d) => base.databaseExists(c, d) || externalDatabaseSeen(this, c, d),
      listDatabases: (c) => base.listDatabases(c),
      listTables: (c, d) => base.listTables(c, d),
      getTable: (c, d, n) => {
        // Tables of external catalogs the running statement reads (resolved by exec-catalog.ts).
        const ext = c === DEFAULT_CATALOG ? null : externalTable(this, c, d, n);
        if (ext !== null) {
          dynamicTables.add(ext);
          return ext;
        }
        // A temporary table of this session shadows a normal one (named as written).
        const temp = tempTableFor(this, c, d, n);
        const tt = temp === null ? null : base.getTable(c, d, temp);
        if (tt !== null) return { ...tt, name: n };
        const t = base.getTable(c, d, n);
        if (t !== null && isDynamicSystemTable(t)) dynamicTables.add(t);
        return t;
      },
    };
    const ctx: CompileContext = {
      catalog,
      currentCatalog: this.currentCatalog,
      currentDb: this.currentDb,
      sessionValue: (name, scope) => this.getVar(name, scope),
      userVariable: (name) => this.userVars.get(name.toLowerCase()) ?? null,
      currentUser: `'${this.user}'@'${this.host}'`,
      connectionId: this.connectionId,
      roleInSession: (role) => effective(this).roles.has(role),
      ...(params !== undefined ? { params } : {}),
    };
    return { ctx, dynamicTables };
  }

  // --- Session interface ---------------------------------------------------------------------

  async useDatabase(name: string): Promise<void> {
    this.checkOpen();
    const dot = name.indexOf('.');
    const catalog = dot >= 0 ? name.slice(0, dot) : null;
    const db = dot >= 0 ? name.slice(dot + 1) : name;
    if (catalog !== null) {
      if (catalog !== DEFAULT_CATALOG) throw new SqlError('unknown-catalog', { catalog });
      this.currentCatalog = catalog;
      if (db === '') {
        this.currentDb = null;
        return;
      }
    }
    if (!this.db.catalog.databaseExists(this.currentCatalog, db))
      throw new SqlError('unknown-database', { db });
    this.currentDb = db;
  }

  async fieldList(table: string, wildcard: string): Promise<readonly ColumnMeta[]> {
    this.checkOpen();
    if (this.currentDb === null) throw new SqlError('no-db-selected');
    return describeColumns(this, this.currentDb, table, wildcard);
  }

  async prepare(sql: string): Promise<PreparedStatementInfo> {
    this.checkOpen();
    try {
      return prepareText(this, sql, null);
    } catch (error) {
      throw this.fail(error);
    }
  }

  async executePrepared(
    id: number,
    params: readonly Value[],
    signal?: AbortSignal,
  ): Promise<StatementResult> {
    this.checkOpen();
    return executePrepared(this, id, params, signal);
  }

  closePrepared(id: number): void {
    closePrepared(this, id);
  }

  async reset(): Promise<void> {
    this.sessionVars.clear();
    this.userVars.clear();
    this.prepared.clear();
    this.namedPrepared.clear();
    this.warnings = [];
    this.inTransaction = false;
  }

  statistics(): string {
    return this.db.statistics();
  }

  /** KILL from another connection: abort the running statement (and, for CONNECTION, the link). */
  kill(queryOnly: boolean): void {
    this.running?.controller.abort();
    this.onKill?.(queryOnly);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.running?.controller.abort();
    // Temporary tables live as long as their session (best effort while the server shuts down).
    await dropSessionTempTables(this).catch(() => undefined);
    this.db.forget(this);
  }
}
