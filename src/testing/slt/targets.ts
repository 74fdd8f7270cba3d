/**
 * Where sqllogictest records run: in-process through a Rockling session (default), or over the
 * MySQL protocol against a `rockling serve` child process (mysql2 text protocol). Both render
 * values as the text a MySQL client receives, so one .slt file serves both.
 */
import mysql from 'mysql2/promise';
import { open, renderText, type RocklingDb, type RocklingSession } from '../../index.js';
import { startRockling, type RocklingServer } from '../rockling.js';

/** A statement's outcome as text cells (NULL → 'NULL'). */
export interface SltOutcome {
  readonly columns: number;
  readonly rows: readonly (readonly string[])[];
}

/** A failure as the client sees it. */
export interface SltError {
  readonly errno: number;
  readonly message: string;
}

export interface SltTarget {
  /** Run SQL (possibly several statements); the last statement's rows. Throws SltError-shaped errors. */
  execute(sql: string): Promise<SltOutcome>;
  /** Close and reopen the database on the same data directory (a fresh session). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

function errorOf(e: unknown): SltError {
  const x = e as { errno?: unknown; message?: unknown };
  return {
    errno: typeof x.errno === 'number' ? x.errno : -1,
    message: typeof x.message === 'string' ? x.message : String(e),
  };
}

/** In-process: `open(dataDir)` and one session; restart closes the whole database. */
export async function inProcessTarget(dataDir: string): Promise<SltTarget> {
  let db: RocklingDb = await open(dataDir);
  let session: RocklingSession = db;
  return {
    async execute(sql) {
      try {
        const r = await session.query(sql);
        return {
          columns: r.columns.length,
          rows: r.rows.map((row) => row.map((v, i) => renderText(v, r.columns[i]!.type) ?? 'NULL')),
        };
      } catch (e) {
        throw errorOf(e);
      }
    },
    async restart() {
      await db.close();
      db = await open(dataDir);
      session = db;
    },
    async close() {
      await db.close();
    },
  };
}

/** Over the wire: a real server process on the data directory; restart restarts the process. */
export async function wireTarget(dataDir: string): Promise<SltTarget> {
  const server: RocklingServer = await startRockling({ dataDir });
  const connectTo = (): Promise<mysql.Connection> =>
    mysql.createConnection({
      host: server.host,
      port: server.port,
      user: 'root',
      multipleStatements: true,
      rowsAsArray: true,
      typeCast: (field) => field.string('utf8'),
    });
  let conn = await connectTo();
  return {
    async execute(sql) {
      try {
        const [result, fields] = await conn.query({ sql, rowsAsArray: true });
        const lastIsRows = Array.isArray(fields) && fields.length > 0 && !Array.isArray(fields[0]);
        const rows = (Array.isArray(result) ? result : []) as unknown[];
        // multi-statement: arrays of results; take the last one
        const multi = Array.isArray(fields) && Array.isArray(fields[0]);
        const lastRows = multi ? ((rows[rows.length - 1] ?? []) as unknown[]) : rows;
        const lastFields = multi ? (fields as unknown[])[fields.length - 1] : fields;
        const ncols = Array.isArray(lastFields) ? lastFields.length : 0;
        if (!lastIsRows && !multi) return { columns: 0, rows: [] };
        return {
          columns: ncols,
          rows: (Array.isArray(lastRows) ? lastRows : []).map((r) =>
            (r as (string | null)[]).map((v) => v ?? 'NULL'),
          ),
        };
      } catch (e) {
        throw errorOf(e);
      }
    },
    async restart() {
      await conn.end().catch(() => undefined);
      // A clean shutdown (SIGTERM) then a new process on the same directory; stop() keeps a
      // directory it did not create.
      await server.stop();
      await server.restart();
      conn = await connectTo();
    },
    async close() {
      await conn.end().catch(() => undefined);
      await server.stop();
    },
  };
}
