/**
 * Rockling measured the way a user meets it: a `rockling serve` process, tables created with
 * StarRocks DDL, data loaded by Stream Load (or INSERT until Stream Load exists), queries sent
 * by a mysql2 client over the MySQL protocol. "Cold" restarts the server on the same data dir.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection, type Connection } from 'mysql2/promise';
import {
  Progress,
  dirBytes,
  importMs,
  elapsedMs,
  measureStartups,
  nodeBaselineMs,
  procMemory,
  insertLoad,
  startRockling,
  streamLoad,
  StreamLoadUnavailable,
  type ProcMemory,
  type RocklingServer,
  type ServerBuild,
  type StartupFigures,
} from '../common/index.js';
import type { SsbData } from './generate.js';
import { flatInsertSql } from './flat-insert.js';
import { COLUMNS, starRocksDdl, type TableName } from './schema.js';
import type { RawResult, SystemUnderTest, TableLoad } from './system.js';

const DATABASE = 'ssb';

/** How to load: Stream Load, INSERT statements, or Stream Load falling back to INSERT. */
export type LoadMethod = 'auto' | 'stream' | 'insert';

/** Options for {@link RocklingSide.start}. */
export interface RocklingSideOptions {
  readonly repoRoot: string;
  readonly build: ServerBuild;
  readonly loadMethod: LoadMethod;
  readonly quiet: boolean;
  /** A query running longer than this fails (default 10 minutes). */
  readonly queryTimeoutMs?: number;
}

/** Start-up time and memory of the server, measured around the benchmark (issue #9's footprint). */
export interface RocklingFootprint {
  /** The server right after the load (before the first cold restart). */
  readonly afterLoad?: ProcMemory;
  /** The server after the last query ran. */
  readonly afterQueries?: ProcMemory;
  /** Bytes in the data directory once loaded. */
  readonly dataDirBytes: number;
  /** Fresh servers on new, empty data directories. */
  readonly empty?: StartupFigures;
  /** Fresh servers on the loaded data directory. */
  readonly loaded?: StartupFigures;
  /** A bare `node -e ''` start and exit on this machine at the same time (the floor). */
  readonly nodeBaselineMs?: number;
  /** `node` importing `@duckdb/node-api` and exiting (DuckDB's native module load). */
  readonly duckdbImportMs?: number;
  readonly error?: string;
}

/** Rockling behind its MySQL protocol. Create with {@link RocklingSide.start}. */
export class RocklingSide implements SystemUnderTest {
  readonly name = 'rockling';
  private conn: Connection | undefined;
  private closed = false;
  /** Whether the database exists, so new connections `USE` it. */
  private loaded = false;
  private afterLoad: ProcMemory | undefined;

  private constructor(
    private server: RocklingServer,
    private readonly dataDir: string,
    private readonly opts: RocklingSideOptions,
  ) {}

  /** Start a server, or return the reason Rockling cannot be benchmarked right now. */
  static async start(opts: RocklingSideOptions): Promise<RocklingSide | { readonly unavailable: string }> {
    // The benchmark owns the data dir so a cold restart can reopen the same data.
    const dataDir = mkdtempSync(join(tmpdir(), 'rockling-ssb-data-'));
    const started = await startRockling({ repoRoot: opts.repoRoot, build: opts.build, dataDir });
    if (!started.ok) {
      rmSync(dataDir, { recursive: true, force: true });
      return { unavailable: started.reason };
    }
    return new RocklingSide(started.server, dataDir, opts);
  }

  private async connection(): Promise<Connection> {
    if (this.conn === undefined) {
      this.conn = await this.connect();
      if (this.loaded) await this.conn.query(`USE ${DATABASE}`);
    }
    return this.conn;
  }

  private connect(): Promise<Connection> {
    return createConnection({
      host: '127.0.0.1',
      port: this.server.port,
      user: 'root',
      supportBigNumbers: true,
      bigNumberStrings: true,
      dateStrings: true,
      multipleStatements: false,
    });
  }

  async load(data: SsbData, tables: readonly TableName[]): Promise<TableLoad[]> {
    const conn = await this.connection();
    await conn.query(`CREATE DATABASE IF NOT EXISTS ${DATABASE}`);
    await conn.query(`USE ${DATABASE}`);
    this.loaded = true;
    const loads: TableLoad[] = [];
    let useStream = this.opts.loadMethod !== 'insert';
    for (const table of tables) {
      await conn.query(`DROP TABLE IF EXISTS ${table}`);
      await conn.query(starRocksDdl(table));
      const file = data.files[table];
      const start = process.hrtime.bigint();
      let rows: number | undefined;
      let method = 'stream load';
      if (table === 'lineorder_flat' && data.flat === 'insert') {
        method = 'INSERT … SELECT';
        rows = await this.insertFlat(conn);
      } else if (useStream) {
        const progress = new Progress(`stream load ${table}`, file.bytes, { quiet: this.opts.quiet });
        try {
          rows = await streamLoad({
            port: this.server.httpPort,
            database: DATABASE,
            table,
            file: file.path,
            separator: data.separator,
            onBytes: (n) => progress.tick(n),
          });
          progress.finish();
        } catch (e) {
          if (!(e instanceof StreamLoadUnavailable) || this.opts.loadMethod === 'stream') throw e;
          process.stderr.write(`rockling: ${e.message}; loading with INSERT statements instead\n`);
          useStream = false;
        }
      }
      if (rows === undefined) {
        method = 'INSERT VALUES';
        const progress = new Progress(`insert ${table}`, file.rows, { quiet: this.opts.quiet });
        rows = await insertLoad({
          conn,
          table,
          types: COLUMNS[table].map((c) => c.type),
          file: file.path,
          separator: data.separator,
          onRows: (n) => progress.tick(n),
        });
        progress.finish();
      }
      if (rows !== file.rows)
        throw new Error(`rockling loaded ${rows} rows into ${table}, the file has ${file.rows}`);
      loads.push({ table, rows, ms: elapsedMs(start), method });
    }
    this.afterLoad = procMemory(this.server.pid);
    return loads;
  }

  /** Build lineorder_flat from the loaded star schema; the INSERT's affected-row count. */
  private async insertFlat(conn: Connection): Promise<number> {
    const progress = new Progress('insert … select lineorder_flat', 1, { quiet: this.opts.quiet });
    const [result] = await conn.query({ sql: flatInsertSql('starrocks'), timeout: 3 * 3600_000 });
    progress.finish();
    return (result as { affectedRows: number }).affectedRows;
  }

  async makeCold(): Promise<void> {
    await this.conn?.end();
    this.conn = undefined;
    await this.server.stop();
    const again = await startRockling({
      repoRoot: this.opts.repoRoot,
      build: this.opts.build,
      dataDir: this.dataDir,
    });
    if (!again.ok) throw new Error(`rockling did not restart: ${again.reason}`);
    this.server = again.server;
    await this.connection();
  }

  async query(sql: string): Promise<RawResult> {
    const conn = await this.connection();
    try {
      const [rows, fields] = await conn.query({
        sql,
        rowsAsArray: true,
        timeout: this.opts.queryTimeoutMs ?? 600_000,
      });
      const list = rows as unknown as unknown[][];
      return { columns: Array.isArray(fields) ? fields.length : (list[0]?.length ?? 0), rows: list };
    } catch (e) {
      // A timeout or a dropped connection leaves it unusable: reconnect for the next query.
      if ((e as { fatal?: boolean }).fatal === true || /timeout/i.test(String(e))) {
        conn.destroy();
        this.conn = undefined;
      }
      throw e;
    }
  }

  /**
   * Stop the server, then time fresh starts on the loaded data directory and on empty ones and
   * read their idle RSS. Needs the compiled build (start-up of tsx-compiled sources means little).
   */
  async footprint(starts = 3): Promise<RocklingFootprint> {
    const afterQueries = procMemory(this.server.pid);
    try {
      await this.conn?.end();
    } catch {
      // measured anyway
    }
    this.conn = undefined;
    await this.server.stop();
    const base = {
      ...(this.afterLoad !== undefined ? { afterLoad: this.afterLoad } : {}),
      ...(afterQueries !== undefined ? { afterQueries } : {}),
      dataDirBytes: dirBytes(this.dataDir),
    };
    if (this.opts.build !== 'dist') return { ...base, error: 'start-up is measured on the dist build only' };
    try {
      const loaded = await measureStartups({ repoRoot: this.opts.repoRoot, dataDir: this.dataDir, starts });
      const empty = await measureStartups({ repoRoot: this.opts.repoRoot, starts });
      const nodeMs = await nodeBaselineMs();
      const duckdbImportMs = await importMs('@duckdb/node-api', this.opts.repoRoot);
      return { ...base, loaded, empty, nodeBaselineMs: nodeMs, duckdbImportMs };
    } catch (e) {
      return { ...base, error: e instanceof Error ? e.message : String(e) };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.conn?.end();
    } catch {
      // the server may already be gone
    }
    await this.server.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
