/**
 * The database behind a data directory: one DuckDB engine, one catalog, the server-wide
 * variables and the registry of open sessions (SHOW PROCESSLIST, KILL). `openDatabase` is the
 * entry point of the MySQL server and of the in-process API.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Catalog, partitions } from '../catalog/index.js';
import { PRUNE_HISTORY_SQL } from '../codegen/index.js';
import { Engine } from '../engine/index.js';
import type { Value } from '../types/index.js';
import type { ServerVersions, SessionFactory, UserCredentials } from './api.js';
import { LookupBatcher } from './lookup-batch.js';
import { closePlatform, openPlatform } from './exec-mv.js';
import { lookupAccount } from './exec-security.js';
import { RoutineLoadHolder } from './exec-routine.js';
import { LoadService } from '../load/index.js';
import type { RoutineLoadOptions } from '../load/routine/index.js';
import { SessionImpl } from './session.js';
import { variableDefs, type VarDef } from './variables.js';
import { restoreKeyIndexes } from './alter-columns.js';
import { dropExpiredRecycled, dropLeftoverTempTables } from './exec-temp-table.js';

/** Defaults: the MySQL 8 code path in drivers, a StarRocks 3.3 identity. */
export const DEFAULT_VERSIONS: ServerVersions = {
  mysqlVersion: '8.0.33',
  versionComment: 'StarRocks version 3.3.5-rockling',
  starrocksVersion: '3.3.5 rockling',
};

export interface OpenDatabaseOptions {
  /** Directory holding `rockling.duckdb` (created if missing), or ':memory:'. */
  readonly dataDir: string;
  readonly versions?: ServerVersions;
  /** DuckDB worker threads / memory limit (default: DuckDB's). */
  readonly threads?: number;
  readonly memoryLimit?: string;
  /** Dynamic partition scheduler period (StarRocks' dynamic_partition_check_interval_seconds: 600). */
  readonly dynamicPartitionIntervalMs?: number;
  /** Clock of dynamic partitions, local `YYYY-MM-DD HH:MM:SS` (tests inject one). */
  readonly partitionClock?: () => string;
  /** Routine Load scheduler knobs (tests, benchmarks). */
  readonly routineLoad?: RoutineLoadOptions;
}

/** A SessionFactory that owns the engine and can be closed. */
export interface Database extends SessionFactory {
  close(): Promise<void>;
}

/** The database file inside a data directory. */
export const DATABASE_FILE = 'rockling.duckdb';

function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export class DatabaseImpl implements Database {
  readonly globals = new Map<string, Value>();
  readonly varDefs: ReadonlyMap<string, VarDef>;
  private readonly sessions = new Map<number, SessionImpl>();
  readonly startedAt = Date.now();
  private questions = 0;
  private nextInternalId = 1_000_000;
  private closed = false;
  /** Creates dynamic partitions ahead and drops expired ones (src/catalog/partitions). */
  scheduler: partitions.DynamicPartitionScheduler | null = null;
  /** Routine Load jobs and their scheduler (src/session/exec-routine.ts). */
  readonly routine: RoutineLoadHolder;
  /** Concurrent point lookups of one shape share queries (lookup-batch.ts). */
  readonly lookups: LookupBatcher;
  /** The one load service (labels, transactions, spill area) every load path shares. */
  private loadOpening: Promise<LoadService> | null = null;

  constructor(
    readonly engine: Engine,
    readonly catalog: Catalog,
    readonly versions: ServerVersions,
  ) {
    this.varDefs = variableDefs({
      mysqlVersion: versions.mysqlVersion,
      versionComment: versions.versionComment,
      systemTimeZone: systemTimeZone(),
    });
    this.lookups = new LookupBatcher(engine);
    this.routine = new RoutineLoadHolder(engine, catalog, () => this.loadService());
  }

  /**
   * The database's load service, opened on first use. One per database: it owns the txn-id
   * sequence, the pending transactions and the spill area, whose start-up cleanup would delete a
   * second service's files in flight.
   */
  loadService(): Promise<LoadService> {
    this.loadOpening ??= LoadService.open(this.engine, this.catalog);
    return this.loadOpening;
  }

  async lookupUser(user: string, host: string): Promise<UserCredentials | null> {
    // Stored accounts (CREATE USER); a fresh StarRocks has root without a password.
    return lookupAccount(this, user, host);
  }

  async openSession(options: {
    user: string;
    host: string;
    database: string | null;
    connectionId: number;
    onKill?: (queryOnly: boolean) => void;
  }): Promise<SessionImpl> {
    const session = new SessionImpl(this, options.connectionId, options.user, options.host, options.onKill);
    if (options.database !== null && options.database !== '') await session.useDatabase(options.database);
    this.sessions.set(options.connectionId, session);
    return session;
  }

  /** A session for in-process use, with an id no network connection uses. */
  async openInternalSession(database: string | null = null): Promise<SessionImpl> {
    return this.openSession({
      user: 'root',
      host: 'localhost',
      database,
      connectionId: this.nextInternalId++,
    });
  }

  kill(connectionId: number, queryOnly: boolean): boolean {
    const session = this.sessions.get(connectionId);
    if (session === undefined) return false;
    session.kill(queryOnly);
    return true;
  }

  /** Open sessions, by connection id (SHOW PROCESSLIST). */
  listSessions(): readonly SessionImpl[] {
    return [...this.sessions.values()].sort((a, b) => a.connectionId - b.connectionId);
  }

  countQuestion(): void {
    this.questions++;
  }

  forget(session: SessionImpl): void {
    if (this.sessions.get(session.connectionId) === session) this.sessions.delete(session.connectionId);
  }

  statistics(): string {
    const uptime = Math.floor((Date.now() - this.startedAt) / 1000);
    return `Uptime: ${uptime}  Threads: ${this.sessions.size}  Questions: ${this.questions}  Slow queries: 0  Opens: 0  Flush tables: 0  Open tables: 0  Queries per second avg: ${uptime > 0 ? (this.questions / uptime).toFixed(3) : '0.000'}`;
  }

  /** Hourly while the server runs: the recycle bin's expired tables, dropped tables' write history. */
  private housekeeping: ReturnType<typeof setInterval> | null = null;

  startHousekeeping(): void {
    this.housekeeping = setInterval(() => {
      // A failed round (a table busy in a DDL) is tried again an hour later.
      dropExpiredRecycled(this.catalog, Date.now())
        .then(() => this.engine.execute(PRUNE_HISTORY_SQL))
        .catch(() => undefined);
    }, 3_600_000);
    this.housekeeping.unref();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.housekeeping !== null) clearInterval(this.housekeeping);
    await this.scheduler?.stop();
    await this.routine.close().catch(() => undefined);
    await (await this.loadOpening?.catch(() => null))?.close();
    for (const s of this.sessions.values()) s.kill(true);
    await closePlatform(this);
    await this.engine.close();
  }
}

/** Open (creating if needed) the database in `dataDir`. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database & DatabaseImpl> {
  let path: string | null = null;
  if (options.dataDir !== ':memory:') {
    if (!existsSync(options.dataDir)) mkdirSync(options.dataDir, { recursive: true });
    path = join(options.dataDir, DATABASE_FILE);
  }
  const engine = await Engine.open({
    path,
    ...(options.threads !== undefined ? { threads: options.threads } : {}),
    ...(options.memoryLimit !== undefined ? { memoryLimit: options.memoryLimit } : {}),
  });
  try {
    const catalog = await Catalog.open(engine);
    await dropLeftoverTempTables(catalog);
    await engine.execute(PRUNE_HISTORY_SQL);
    await restoreKeyIndexes(catalog, engine);
    const db = new DatabaseImpl(engine, catalog, options.versions ?? DEFAULT_VERSIONS);
    for (const [k, v] of await catalog.loadGlobals()) if (db.varDefs.has(k)) db.globals.set(k, v);
    db.scheduler = new partitions.DynamicPartitionScheduler(catalog, {
      ...(options.dynamicPartitionIntervalMs !== undefined
        ? { intervalMs: options.dynamicPartitionIntervalMs }
        : {}),
      ...(options.partitionClock !== undefined ? { now: options.partitionClock } : {}),
    });
    db.scheduler.start();
    db.startHousekeeping();
    await openPlatform(db);
    if (options.routineLoad !== undefined) db.routine.options = options.routineLoad;
    await db.routine.startIfJobs();
    return db;
  } catch (error) {
    await engine.close();
    throw error;
  }
}
