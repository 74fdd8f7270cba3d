/**
 * One DuckDB connection, as lent out by the Engine's pool. Runs SQL produced by the code
 * generator or by the catalog (never user text), streams converted row batches, and can be
 * interrupted from another async context (KILL QUERY, client gone).
 */
import type {
  DuckDBConnection,
  DuckDBMaterializedResult,
  DuckDBPreparedStatement,
  DuckDBResult,
  DuckDBValue,
} from '@duckdb/node-api';
import { blobValue } from './duckdb.js';
import type { RowBatch, SqlType, Value } from '../types/index.js';
import { converterFor, type Converter } from './convert.js';
import { rawReaderFor, type RawColumnReader } from './raw-columns.js';
import { sqlTypeOf } from './duck-types.js';
import { SqlError } from '../errors/index.js';
import { mapDuckDbError } from './errors.js';

/** A bound parameter of an internal statement (`$1`, `?`): plain Values. */
export type EngineParam = Value;

/** A result column as DuckDB reports it, with the StarRocks type it is converted to. */
export interface EngineColumn {
  readonly name: string;
  readonly type: SqlType;
}

/** A streaming result: its columns are known before the first row. */
export interface EngineRows {
  readonly columns: readonly EngineColumn[];
  readonly batches: AsyncIterable<RowBatch>;
}

function toDuck(params: readonly EngineParam[]): DuckDBValue[] {
  return params.map((p) => (p instanceof Uint8Array ? blobValue(p) : p));
}

/** Results of at most this many rows (one DuckDB chunk) are read in one call, not streamed. */
const SMALL_RESULT_ROWS = 2048;

/** Prepared statements kept per connection (LRU by SQL text). */
const PREPARED_CACHE_SIZE = 64;
/** Texts of small results remembered per connection until one comes again (then prepared). */
const SEEN_ONCE_SIZE = 256;

/**
 * Statements that cannot change data. DuckDB folds table statistics into a prepared plan
 * (`count(*)`, `max(x)`, filters that statistics prove empty), so a cached prepared statement
 * answers from the data as it was when prepared: every other statement bumps the instance's data
 * version, and a cached statement prepared under an older version is prepared again.
 */
const READ_ONLY = /^\s*(?:select|with|from|\(|begin|rollback|explain|describe|show)\b/i;

/** Shared by all connections of one DuckDB instance. */
export interface DataVersion {
  value: number;
}

interface CachedStatement {
  readonly prepared: DuckDBPreparedStatement;
  readonly version: number;
}

export class EngineConnection {
  private inTransaction = false;
  private readonly cache = new Map<string, CachedStatement>();
  /** SQL of small results run once without a prepared statement (see runMaterialized). */
  private readonly seenOnce = new Set<string>();

  constructor(
    private readonly conn: DuckDBConnection,
    private readonly dataVersion: DataVersion = { value: 0 },
  ) {}

  /** Run a statement without a result set; returns the number of rows changed. */
  async execute(sql: string, params: readonly EngineParam[] = []): Promise<number> {
    const writes = !READ_ONLY.test(sql);
    if (writes) this.dataVersion.value++;
    try {
      const result = await this.conn.run(sql, params.length > 0 ? toDuck(params) : undefined);
      return result.rowsChanged;
    } catch (error) {
      throw mapDuckDbError(error);
    } finally {
      // Again once done: a statement prepared while this one ran saw the data before its commit.
      if (writes) this.dataVersion.value++;
    }
  }

  /** Run several statements in order (storage DDL). */
  async executeAll(statements: readonly string[]): Promise<void> {
    for (const sql of statements) await this.execute(sql);
  }

  /** Run a query and collect every row (small internal results: metadata, SHOW helpers). */
  async queryAll(
    sql: string,
    params: readonly EngineParam[] = [],
    types?: readonly SqlType[],
  ): Promise<{ columns: readonly EngineColumn[]; rows: Value[][] }> {
    const rows: Value[][] = [];
    const result = await this.stream(sql, { params, ...(types ? { types } : {}) });
    for await (const batch of result.batches) for (const row of batch) rows.push(row as Value[]);
    return { columns: result.columns, rows };
  }

  /**
   * Start a query and return its columns plus a one-shot stream of converted batches (one per
   * DuckDB chunk, ≤ 2048 rows). `types` are the StarRocks types of the result columns (from the
   * compiler); without them the types are derived from DuckDB's. An abort signal interrupts the
   * running query (the stream then throws errno 1317).
   */
  async stream(
    sql: string,
    options: {
      params?: readonly EngineParam[];
      types?: readonly SqlType[];
      signal?: AbortSignal;
      maxRows?: number | null;
    } = {},
  ): Promise<EngineRows> {
    const { params = [], types, signal } = options;
    const small =
      options.maxRows !== undefined && options.maxRows !== null && options.maxRows <= SMALL_RESULT_ROWS;
    if (signal?.aborted) throw new SqlError('query-interrupted');
    // Listen before starting: DuckDB may run a whole blocking pipeline (an aggregate) before
    // the first chunk exists, and KILL QUERY must reach it then too.
    const onAbort = (): void => this.interrupt();
    signal?.addEventListener('abort', onAbort);
    const detach = (): void => signal?.removeEventListener('abort', onAbort);
    let result: DuckDBResult;
    try {
      result = small ? await this.runMaterialized(sql, params) : await this.startStream(sql, params);
    } catch (error) {
      detach();
      throw signal?.aborted ? new SqlError('query-interrupted') : mapDuckDbError(error);
    }
    const count = result.columnCount;
    const columns: EngineColumn[] = [];
    const readers: ColumnReader[] = [];
    for (let i = 0; i < count; i++) {
      const duckType = result.columnType(i);
      const type = types?.[i] ?? sqlTypeOf(duckType);
      columns.push({ name: result.columnName(i), type });
      const raw = rawReaderFor(type, duckType);
      readers.push(raw !== null ? { raw } : { convert: converterFor(type, duckType) });
    }
    if (small) {
      detach();
      return { columns, batches: materializedBatches(result as DuckDBMaterializedResult, readers) };
    }
    return { columns, batches: batches(result, readers, signal, detach) };
  }

  /**
   * A result known to be small, computed and read in one call: one thread-pool round trip
   * instead of the four of prepare, execute, first chunk and end of stream.
   */
  private async runMaterialized(
    sql: string,
    params: readonly EngineParam[],
  ): Promise<DuckDBMaterializedResult> {
    if (!READ_ONLY.test(sql)) this.dataVersion.value++;
    // Text seen for the first time runs as is (DuckDB parses, plans and runs it in that one call):
    // a point lookup's text is new each time, and preparing it would cost a second round trip.
    // Text seen again (a dashboard's query) is prepared once and its plan reused from then on.
    if (params.length === 0 && !this.cache.has(sql) && !this.seenOnce.has(sql)) {
      if (this.seenOnce.size >= SEEN_ONCE_SIZE) this.seenOnce.clear();
      this.seenOnce.add(sql);
      return this.conn.run(sql);
    }
    this.seenOnce.delete(sql);
    const prepared = await this.cachedPrepared(sql);
    if (prepared === null) return this.conn.run(sql, params.length > 0 ? toDuck(params) : undefined);
    bindAll(prepared, params);
    return prepared.run();
  }

  /**
   * A streaming result through this connection's prepared-statement cache: preparing once and
   * `startStream` per execution costs ~170 µs for a one-row query, against ~490 µs for
   * `connection.stream` (which extracts and prepares every time).
   */
  private async startStream(sql: string, params: readonly EngineParam[]): Promise<DuckDBResult> {
    if (!READ_ONLY.test(sql)) this.dataVersion.value++;
    const prepared = await this.cachedPrepared(sql);
    if (prepared === null) return this.conn.stream(sql, params.length > 0 ? toDuck(params) : undefined);
    bindAll(prepared, params);
    return prepared.startStream().getResult();
  }

  /**
   * The statement prepared for `sql` on this connection (cached, LRU), prepared again when data
   * changed since; null when DuckDB cannot prepare it (several statements) and the caller must
   * take the plain path.
   */
  private async cachedPrepared(sql: string): Promise<DuckDBPreparedStatement | null> {
    const version = this.dataVersion.value;
    const cached = this.cache.get(sql);
    let prepared: DuckDBPreparedStatement;
    if (cached !== undefined) this.cache.delete(sql);
    if (cached !== undefined && cached.version === version) {
      prepared = cached.prepared;
    } else {
      cached?.prepared.destroySync();
      try {
        prepared = await this.conn.prepare(sql);
      } catch (error) {
        if (/multiple statements|prepared statement/i.test(String(error))) return null;
        throw error;
      }
    }
    this.cache.set(sql, { prepared, version });
    if (this.cache.size > PREPARED_CACHE_SIZE) {
      const oldest = this.cache.keys().next().value as string;
      this.cache.get(oldest)?.prepared.destroySync();
      this.cache.delete(oldest);
    }
    return prepared;
  }

  /** BEGIN … COMMIT around `fn`; ROLLBACK when it throws. Not re-entrant. */
  async transaction<T>(fn: (tx: EngineConnection) => Promise<T>): Promise<T> {
    await this.execute('BEGIN TRANSACTION');
    this.inTransaction = true;
    try {
      const value = await fn(this);
      await this.execute('COMMIT');
      this.inTransaction = false;
      return value;
    } catch (error) {
      if (this.inTransaction) {
        this.inTransaction = false;
        await this.execute('ROLLBACK').catch(() => undefined);
      }
      throw error;
    }
  }

  /** Interrupt whatever runs on this connection now (safe to call when idle). */
  interrupt(): void {
    this.conn.interrupt();
  }

  /** @internal the pool closes connections on shutdown. */
  closeSync(): void {
    for (const c of this.cache.values()) c.prepared.destroySync();
    this.cache.clear();
    this.conn.closeSync();
  }
}

function bindAll(prepared: DuckDBPreparedStatement, params: readonly EngineParam[]): void {
  prepared.clearBindings();
  if (params.length > 0) prepared.bind(toDuck(params));
}

interface ChunkLike {
  readonly rowCount: number;
  readonly columnCount: number;
  /** node-api's raw chunk handle (read by raw-columns.ts). */
  readonly chunk: unknown;
  getColumnVector(i: number): { getItem(r: number): unknown };
}

/** Per column: a raw reader (fast, common types) or a per-item converter. */
type ColumnReader = { readonly raw: RawColumnReader } | { readonly convert: Converter };

function convertChunk(chunk: ChunkLike, readers: readonly ColumnReader[]): RowBatch {
  const rowCount = chunk.rowCount;
  const columnCount = readers.length;
  const rows: Value[][] = new Array<Value[]>(rowCount);
  for (let r = 0; r < rowCount; r++) rows[r] = new Array<Value>(columnCount);
  for (let c = 0; c < columnCount; c++) {
    const reader = readers[c] as ColumnReader;
    if ('raw' in reader) {
      reader.raw(chunk.chunk, c, rows, rowCount);
      continue;
    }
    const vector = chunk.getColumnVector(c);
    const convert = reader.convert;
    for (let r = 0; r < rowCount; r++) {
      const item = vector.getItem(r);
      (rows[r] as Value[])[c] = item === null ? null : convert(item);
    }
  }
  return rows;
}

/** The chunks of a materialized result, converted (they are all in memory already). */
async function* materializedBatches(
  result: DuckDBMaterializedResult,
  readers: readonly ColumnReader[],
): AsyncGenerator<RowBatch> {
  for (let i = 0; i < result.chunkCount; i++) {
    const chunk = result.getChunk(i);
    if (chunk.rowCount > 0) yield convertChunk(chunk as unknown as ChunkLike, readers);
  }
}

/**
 * The chunks of a streaming result, converted. The next chunk is requested before the current
 * one is handed out, so DuckDB computes it on its thread while this one is converted and
 * written to the client (measured on the 1M-row wire benchmark: the server sat idle ~half the
 * time waiting for chunks without this).
 */
async function* batches(
  result: DuckDBResult,
  readers: readonly ColumnReader[],
  signal: AbortSignal | undefined,
  detach: () => void,
): AsyncGenerator<RowBatch> {
  const fetch = (): Promise<Awaited<ReturnType<DuckDBResult['fetchChunk']>>> => {
    const p = result.fetchChunk();
    // handled where it is awaited; this only keeps a failure during a slow consumer from
    // counting as an unhandled rejection
    p.catch(() => undefined);
    return p;
  };
  let pending: ReturnType<typeof fetch> | null = fetch();
  try {
    for (;;) {
      let chunk;
      try {
        chunk = await (pending as ReturnType<typeof fetch>);
      } catch (error) {
        pending = null;
        throw signal?.aborted ? new SqlError('query-interrupted') : mapDuckDbError(error);
      }
      pending = null;
      if (signal?.aborted) throw new SqlError('query-interrupted');
      if (chunk === null || chunk.rowCount === 0) return;
      pending = fetch();
      yield convertChunk(chunk as unknown as ChunkLike, readers);
    }
  } finally {
    // the connection goes back to the pool after this: no fetch may still be running on it
    if (pending !== null) await pending.catch(() => undefined);
    detach();
  }
}
