/**
 * The embedded DuckDB instance and its connection pool. One Engine per data directory; its
 * file is the one durable store (data and metadata). The instance is created with external
 * access off, extension auto-install/auto-load off and the configuration locked, so no SQL run
 * through it can reach files, the network or extensions, or change those settings back.
 */
import { DuckDBInstance } from './duckdb.js';
import { InternalError } from '../base/index.js';
import type { RowBatch, SqlType } from '../types/index.js';
import { EngineConnection, type DataVersion, type EngineParam, type EngineRows } from './connection.js';
import { mapDuckDbError } from './errors.js';
import { lockDown, prepareFileArea, releaseFileArea, type FileArea } from './file-area.js';

export interface EngineOptions {
  /** DuckDB database file, or null for an in-memory database. */
  readonly path: string | null;
  /** Worker threads (default: DuckDB's, i.e. the number of cores). */
  readonly threads?: number;
  /** e.g. '4GB' (default: DuckDB's 80 % of RAM). */
  readonly memoryLimit?: string;
  /** Connections kept open for reuse (default 8). */
  readonly maxIdle?: number;
}

/** Instance settings; fixed for the life of the process (lock_configuration). */
function instanceConfig(options: EngineOptions): Record<string, string> {
  const config: Record<string, string> = {
    // enable_external_access=false and lock_configuration=true are applied by lockDown() right
    // after creation: the load spill area must be allowed while access is still on.
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    allow_community_extensions: 'false',
    // StarRocks (like MySQL) sorts NULLs first ascending and last descending.
    default_null_order: 'nulls_first_on_asc_last_on_desc',
    // Compressed materialization narrows sort/aggregate payloads to the value range the plan's
    // statistics show; a plan prepared before a concurrent commit widened that range would
    // truncate values (300 came back as 44). Cached plans are also re-prepared after writes
    // (connection.ts); this closes the prepare-to-execute window as well.
    disabled_optimizers: 'compressed_materialization',
  };
  if (options.threads !== undefined) config.threads = String(options.threads);
  if (options.memoryLimit !== undefined) config.memory_limit = options.memoryLimit;
  return config;
}

/** Engines being opened ahead of time (Engine.preopen), by openKey. */
const preopened = new Map<string, Promise<Engine>>();

/** Options that make two opens interchangeable (in-memory databases never are). */
function openKey(options: EngineOptions): string {
  if (options.path === null) return `memory:${Math.random()}`;
  return JSON.stringify([options.path, options.threads, options.memoryLimit, options.maxIdle]);
}

/** Options of `Engine.stream`. */
export interface StreamOptions {
  readonly params?: readonly EngineParam[];
  /** StarRocks types of the result columns (default: derived from DuckDB's). */
  readonly types?: readonly SqlType[];
  readonly signal?: AbortSignal;
  /** The most rows the result can have, when known: small results are read in one call. */
  readonly maxRows?: number | null;
  /** Runs first on the same connection (e.g. filling per-connection temp tables). */
  readonly prepare?: (conn: EngineConnection) => Promise<void>;
}

export class Engine {
  private readonly idle: EngineConnection[] = [];
  /** Bumped by every statement that may change data (see connection.ts). */
  private readonly dataVersion: DataVersion = { value: 0 };
  private readonly busy = new Set<EngineConnection>();
  private closed = false;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly maxIdle: number,
    private readonly area: FileArea,
  ) {}

  /** The load spill directory DuckDB may read (absolute, ends in `/`); see file-area.ts. */
  get fileArea(): string {
    return this.area.dir;
  }

  /**
   * Start opening a database file now, for a later `open` with the same options to take over
   * (`rockling serve` calls this before it loads the rest of the server: DuckDB creates the
   * instance on its own threads while the main thread compiles modules). Engines nobody took
   * over are closed by `discardPreopened`.
   */
  static preopen(options: EngineOptions): void {
    const key = openKey(options);
    if (preopened.has(key)) return;
    const pending = Engine.openNow(options);
    pending.catch(() => undefined); // reported to whoever takes it over
    preopened.set(key, pending);
  }

  /** Close engines started by `preopen` that no `open` took over. */
  static async discardPreopened(): Promise<void> {
    const left = [...preopened.values()];
    preopened.clear();
    for (const p of left) await (await p.catch(() => null))?.close();
  }

  /** Open (creating if needed) the database file, or an in-memory database. */
  static async open(options: EngineOptions): Promise<Engine> {
    const key = openKey(options);
    const pending = preopened.get(key);
    if (pending === undefined) return Engine.openNow(options);
    preopened.delete(key);
    return pending;
  }

  private static async openNow(options: EngineOptions): Promise<Engine> {
    let instance: DuckDBInstance;
    const area = prepareFileArea(options.path);
    try {
      instance = await DuckDBInstance.create(options.path ?? ':memory:', instanceConfig(options));
    } catch (error) {
      releaseFileArea(area);
      throw mapDuckDbError(error);
    }
    try {
      await lockDown(instance, area);
    } catch (error) {
      instance.closeSync();
      releaseFileArea(area);
      throw mapDuckDbError(error);
    }
    return new Engine(instance, options.maxIdle ?? 8, area);
  }

  /** Borrow a connection (a fresh one when none is idle). Always pair with `release`. */
  async acquire(): Promise<EngineConnection> {
    if (this.closed) throw new InternalError('engine is closed');
    const conn = this.idle.pop() ?? new EngineConnection(await this.instance.connect(), this.dataVersion);
    this.busy.add(conn);
    return conn;
  }

  release(conn: EngineConnection): void {
    if (!this.busy.delete(conn)) return;
    if (this.closed || this.idle.length >= this.maxIdle) conn.closeSync();
    else this.idle.push(conn);
  }

  /** Run `fn` with a borrowed connection. */
  async withConnection<T>(fn: (conn: EngineConnection) => Promise<T>): Promise<T> {
    const conn = await this.acquire();
    try {
      return await fn(conn);
    } finally {
      this.release(conn);
    }
  }

  /** Run `fn` inside one DuckDB transaction on a borrowed connection. */
  async transaction<T>(fn: (tx: EngineConnection) => Promise<T>): Promise<T> {
    return this.withConnection((conn) => conn.transaction(fn));
  }

  /** Run one statement without a result set on a borrowed connection. */
  async execute(sql: string, params: readonly EngineParam[] = []): Promise<number> {
    return this.withConnection((conn) => conn.execute(sql, params));
  }

  /**
   * Stream a query on a borrowed connection; the connection returns to the pool when the
   * batches are exhausted, fail, or the consumer stops early.
   */
  async stream(sql: string, options: StreamOptions = {}): Promise<EngineRows> {
    const conn = await this.acquire();
    let rows: EngineRows;
    try {
      if (options.prepare) await options.prepare(conn);
      rows = await conn.stream(sql, options);
    } catch (error) {
      this.release(conn);
      throw error;
    }
    const release = (): void => this.release(conn);
    return { columns: rows.columns, batches: releasing(rows.batches, release) };
  }

  /** Collect a small internal result. */
  async queryAll(sql: string, params: readonly EngineParam[] = []): ReturnType<EngineConnection['queryAll']> {
    return this.withConnection((conn) => conn.queryAll(sql, params));
  }

  /** Close every connection and the instance (flushes the WAL into the file). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const conn of this.busy) conn.interrupt();
    for (const conn of this.idle.splice(0)) conn.closeSync();
    try {
      const conn = await this.instance.connect();
      await conn.run('CHECKPOINT').catch(() => undefined);
      conn.closeSync();
    } finally {
      for (const conn of this.busy) conn.closeSync();
      this.busy.clear();
      this.instance.closeSync();
      releaseFileArea(this.area);
    }
  }
}

/**
 * Wrap a batch stream so `release` runs exactly once: at the end, on an error, or when the
 * consumer stops early — also when it never started iterating (a plain generator's `finally`
 * would not run then and the connection would stay borrowed).
 */
function releasing(batches: AsyncIterable<RowBatch>, release: () => void): AsyncIterable<RowBatch> {
  let released = false;
  const done = (): void => {
    if (!released) {
      released = true;
      release();
    }
  };
  const it = batches[Symbol.asyncIterator]();
  const iterator: AsyncIterator<RowBatch> = {
    async next() {
      try {
        const r = await it.next();
        if (r.done === true) done();
        return r;
      } catch (error) {
        done();
        throw error;
      }
    },
    async return() {
      // the batches' own cleanup first: it waits for a prefetched chunk still running on the
      // connection, which must not be lent to anyone else before that
      try {
        await it.return?.();
      } finally {
        done();
      }
      return { done: true, value: undefined };
    },
  };
  return { [Symbol.asyncIterator]: () => iterator };
}
