/**
 * The two systems of the point benchmark: DuckDB directly (a prepared statement per connection,
 * several connections for concurrency) and Rockling over the MySQL protocol (a mysql2 pool,
 * server-side prepared statements through `execute`).
 */
import duckdb, {
  DuckDBInstance,
  type DuckDBConnection,
  type DuckDBPreparedStatement,
} from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPool, type Pool } from 'mysql2/promise';
import {
  insertLoad,
  startRockling,
  streamLoad,
  StreamLoadUnavailable,
  type RocklingServer,
  type ServerBuild,
} from '../common/index.js';
import { DUCKDB_DDL, POINT_SQL, STARROCKS_DDL, type PointData } from './data.js';

/** One system under test. */
export interface PointTarget {
  readonly name: string;
  load(data: PointData): Promise<{ ms: number; method: string }>;
  /** Look one user up; resolves with the row's values. */
  lookup(id: number): Promise<readonly unknown[]>;
  /** Run a query without parameters; resolves with rows of values. */
  query(sql: string): Promise<readonly (readonly unknown[])[]>;
  close(): Promise<void>;
}

/** A fixed set of resources handed out one at a time (connections). */
class Pool1<T> {
  private readonly waiting: ((t: T) => void)[] = [];
  constructor(private readonly free: T[]) {}
  async use<R>(fn: (t: T) => Promise<R>): Promise<R> {
    const item = this.free.pop() ?? (await new Promise<T>((r) => this.waiting.push(r)));
    try {
      return await fn(item);
    } finally {
      const next = this.waiting.shift();
      if (next !== undefined) next(item);
      else this.free.push(item);
    }
  }
}

/** DuckDB's version, for the machine description. */
export function duckDbVersion(): string {
  return duckdb.version();
}

/** DuckDB on a database file in a temp directory. */
export class DuckDbPoint implements PointTarget {
  readonly name = 'duckdb';
  private readonly dir = mkdtempSync(join(tmpdir(), 'rockling-point-duckdb-'));
  private instance: DuckDBInstance | undefined;
  private pool: Pool1<{ conn: DuckDBConnection; point: DuckDBPreparedStatement }> | undefined;
  private readonly conns: DuckDBConnection[] = [];

  constructor(private readonly connections: number) {}

  async load(data: PointData): Promise<{ ms: number; method: string }> {
    const start = performance.now();
    this.instance = await DuckDBInstance.create(join(this.dir, 'point.duckdb'));
    const conn = await this.instance.connect();
    await conn.run(DUCKDB_DDL);
    await conn.run(`COPY user_profile FROM '${data.path}' (DELIMITER '|', HEADER false, QUOTE '')`);
    await conn.run('CHECKPOINT');
    const ms = performance.now() - start;
    const items = [];
    for (let i = 0; i < this.connections; i++) {
      const c = await this.instance.connect();
      this.conns.push(c);
      items.push({ conn: c, point: await c.prepare(POINT_SQL.replace('?', '$1')) });
    }
    this.pool = new Pool1(items);
    conn.closeSync();
    return { ms, method: 'COPY FROM file' };
  }

  private get ready(): Pool1<{ conn: DuckDBConnection; point: DuckDBPreparedStatement }> {
    if (this.pool === undefined) throw new Error('duckdb point target not loaded');
    return this.pool;
  }

  lookup(id: number): Promise<readonly unknown[]> {
    return this.ready.use(async ({ point }) => {
      point.bindBigInt(1, BigInt(id));
      const r = await point.runAndReadAll();
      return r.getRowsJson()[0] ?? [];
    });
  }

  query(sql: string): Promise<readonly (readonly unknown[])[]> {
    return this.ready.use(async ({ conn }) => (await conn.runAndReadAll(sql)).getRowsJson());
  }

  async close(): Promise<void> {
    for (const c of this.conns) c.closeSync();
    this.instance?.closeSync();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Rockling over the MySQL protocol. Create with {@link RocklingPoint.start}. */
export class RocklingPoint implements PointTarget {
  readonly name = 'rockling';
  private readonly pool: Pool;

  private constructor(
    private readonly server: RocklingServer,
    private readonly dataDir: string,
    connections: number,
  ) {
    this.pool = createPool({
      host: '127.0.0.1',
      port: server.port,
      user: 'root',
      connectionLimit: connections,
      supportBigNumbers: true,
      bigNumberStrings: true,
      dateStrings: true,
    });
  }

  /** Start a server, or return why Rockling cannot be benchmarked now. */
  static async start(opts: {
    repoRoot: string;
    build: ServerBuild;
    connections: number;
  }): Promise<RocklingPoint | { unavailable: string }> {
    const dataDir = mkdtempSync(join(tmpdir(), 'rockling-point-data-'));
    const started = await startRockling({ repoRoot: opts.repoRoot, build: opts.build, dataDir });
    if (!started.ok) {
      rmSync(dataDir, { recursive: true, force: true });
      return { unavailable: started.reason };
    }
    return new RocklingPoint(started.server, dataDir, opts.connections);
  }

  async load(data: PointData): Promise<{ ms: number; method: string }> {
    const conn = await this.pool.getConnection();
    const start = performance.now();
    let method = 'stream load';
    try {
      await conn.query('CREATE DATABASE IF NOT EXISTS point');
      await conn.query('USE point');
      await conn.query(STARROCKS_DDL);
      try {
        await streamLoad({
          port: this.server.httpPort,
          database: 'point',
          table: 'user_profile',
          file: data.path,
          separator: '|',
        });
      } catch (e) {
        if (!(e instanceof StreamLoadUnavailable)) throw e;
        method = 'INSERT VALUES';
        await insertLoad({
          conn,
          table: 'user_profile',
          types: ['bigint', 'varchar', 'varchar', 'tinyint', 'varchar', 'int', 'date'],
          file: data.path,
          separator: '|',
        });
      }
    } finally {
      conn.release();
    }
    return { ms: performance.now() - start, method };
  }

  async lookup(id: number): Promise<readonly unknown[]> {
    const [rows] = await this.pool.execute(
      { sql: POINT_SQL.replace('user_profile', 'point.user_profile'), rowsAsArray: true },
      [id],
    );
    return (rows as unknown[][])[0] ?? [];
  }

  async query(sql: string): Promise<readonly (readonly unknown[])[]> {
    const [rows] = await this.pool.query({
      sql: sql.replace('FROM user_profile', 'FROM point.user_profile'),
      rowsAsArray: true,
    });
    return rows as unknown[][];
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => undefined);
    await this.server.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
