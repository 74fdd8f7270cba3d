/**
 * Rockling's in-process API: open a data directory (or an in-memory database), run StarRocks SQL,
 * get typed rows. Used by tests and embedders; the MySQL server uses the same sessions.
 *
 *   const db = await open('./rockling-data');
 *   const { rows } = await db.query('SELECT 1');
 *   const s = await db.session({ database: 'sales' });   // stateful: USE, SET, @vars
 *   await db.close();
 */
import { openDatabase, type ColumnMeta, type Session, type StatementResult } from './session/index.js';
import type { Value } from './types/index.js';

export type { ColumnMeta, Session, StatementResult } from './session/index.js';
export type { SqlType, Value } from './types/index.js';
export { renderText } from './types/index.js';
export { SqlError } from './errors/index.js';

/** The outcome of one statement, with every row collected. */
export interface QueryResult {
  /** Result columns (empty for statements without rows). */
  readonly columns: readonly ColumnMeta[];
  readonly rows: Value[][];
  /** Rows changed by DML (0 for queries). */
  readonly affectedRows: number;
  /** The OK packet's info text (e.g. INSERT's label JSON). */
  readonly info: string;
}

export interface RocklingSession {
  /** Run SQL (one or more statements); resolves with the last statement's result. */
  query(sql: string, signal?: AbortSignal): Promise<QueryResult>;
  /** Run SQL and return every statement's result. */
  queryAll(sql: string, signal?: AbortSignal): Promise<QueryResult[]>;
  /** The underlying protocol-level session (streaming results, prepared statements). */
  readonly raw: Session;
  close(): Promise<void>;
}

export interface RocklingDb extends RocklingSession {
  /** A new stateful session (its own current database, variables, prepared statements). */
  session(options?: { database?: string }): Promise<RocklingSession>;
}

export interface OpenOptions {
  /** Directory for the data (created if missing), or ':memory:'. */
  readonly dataDir: string;
  readonly threads?: number;
  readonly memoryLimit?: string;
}

async function collect(result: StatementResult): Promise<QueryResult> {
  if (result.kind === 'ok')
    return { columns: [], rows: [], affectedRows: result.affectedRows, info: result.info };
  const rows: Value[][] = [];
  for await (const batch of result.batches) for (const r of batch) rows.push([...r]);
  return { columns: result.columns, rows, affectedRows: 0, info: '' };
}

function wrap(raw: Session): RocklingSession {
  const queryAll = async (sql: string, signal?: AbortSignal): Promise<QueryResult[]> => {
    const out: QueryResult[] = [];
    for await (const r of raw.query(sql, signal)) out.push(await collect(r));
    return out;
  };
  return {
    raw,
    queryAll,
    async query(sql, signal) {
      const all = await queryAll(sql, signal);
      return all[all.length - 1] ?? { columns: [], rows: [], affectedRows: 0, info: '' };
    },
    close: () => raw.close(),
  };
}

/** Open a database: a data directory path, ':memory:', or options. */
export async function open(target: string | OpenOptions): Promise<RocklingDb> {
  const options = typeof target === 'string' ? { dataDir: target } : target;
  const db = await openDatabase(options);
  const main = wrap(await db.openInternalSession());
  return {
    ...main,
    async session(opts = {}) {
      return wrap(await db.openInternalSession(opts.database ?? null));
    },
    async close() {
      await main.close();
      await db.close();
    },
  };
}
