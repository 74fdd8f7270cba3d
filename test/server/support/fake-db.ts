/**
 * A scripted SessionFactory: a TEST DOUBLE of our own session contract (src/session/api.ts), so
 * the protocol and server can be tested with real clients before / independently of the SQL
 * engine. It understands a fixed set of statements (listed in `run`), nothing else.
 */
import { SqlError } from '../../../src/errors/index.js';
import type {
  ColumnMeta,
  PreparedStatementInfo,
  Session,
  SessionFactory,
  StatementResult,
  UserCredentials,
} from '../../../src/session/index.js';
import { T, type RowBatch, type SqlType, type Value } from '../../../src/types/index.js';
import { nativePasswordHash } from '../../../src/wire/index.js';

const col = (name: string, type: SqlType, nullable = true, extra: Partial<ColumnMeta> = {}): ColumnMeta => ({
  name,
  type,
  nullable,
  ...extra,
});

/** The probe fixture: every common type, a BIGINT above 2^53, UTF-8 with emoji, NULLs. */
export const TYPES_COLUMNS: readonly ColumnMeta[] = [
  col('id', T.int, false, { table: 'types', orgTable: 'types', db: 'test', primaryKey: true }),
  col('big', T.bigint),
  col('price', T.decimal(10, 2)),
  col('ratio', T.double),
  col('d', T.date),
  col('ts', T.datetime),
  col('name', T.varchar(64)),
  col('note', T.varchar(64)),
  col('flag', T.boolean),
  col('tiny', T.tinyint),
  col('small', T.smallint),
  col('f', T.float),
  col('large', T.largeint),
  col('j', T.json),
  col('bin', { kind: 'varbinary', length: 8 }),
  col('t', T.time),
];
export const TYPES_ROWS: RowBatch = [
  [
    1,
    9007199254740993n,
    '12.34',
    0.5,
    '2024-01-31',
    '2024-01-31 12:34:56',
    'alpha',
    null,
    true,
    -128,
    -32768,
    1.5,
    '170141183460469231731687303715884105727',
    '{"a": [1, 2]}',
    new Uint8Array([0, 1, 255]),
    '12:34:56',
  ],
  [
    2,
    -42n,
    '-0.01',
    0.125,
    '1999-12-31',
    '1999-12-31 23:59:59.123456',
    'béta ☃😀',
    'x',
    false,
    127,
    32767,
    -0.25,
    '-1',
    '[]',
    new Uint8Array([]),
    '-838:59:59',
  ],
  [3, null, null, null, null, null, '', null, null, null, null, null, null, null, null, null],
];

function rows(columns: readonly ColumnMeta[], batch: RowBatch): StatementResult {
  return {
    kind: 'rows',
    columns,
    batches: (async function* () {
      yield batch;
    })(),
  };
}
function ok(affectedRows = 0, lastInsertId = 0, info = ''): StatementResult {
  return { kind: 'ok', affectedRows, lastInsertId, info };
}

/** N rows × W columns, generated lazily in batches (backpressure tests, throughput bench). */
function generated(n: number, width: number): StatementResult {
  const columns = Array.from({ length: width }, (_, i) =>
    col(`c${i}`, i % 4 === 3 ? T.varchar(32) : T.bigint, false),
  );
  const text = 'abcdefghijklmnop';
  async function* batches(): AsyncGenerator<RowBatch> {
    const size = 1024;
    for (let start = 0; start < n; start += size) {
      const batch: Value[][] = [];
      for (let r = start; r < Math.min(n, start + size); r++) {
        const row: Value[] = new Array<Value>(width);
        for (let c = 0; c < width; c++) row[c] = c % 4 === 3 ? text : r + c;
        batch.push(row);
      }
      yield batch;
    }
  }
  return { kind: 'rows', columns, batches: batches() };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new SqlError('query-interrupted'));
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(new SqlError('query-interrupted'));
      },
      { once: true },
    );
  });
}

/** System variables the scripted session answers in `SELECT @@a, @@b AS x`. */
const VARIABLES: Readonly<Record<string, Value>> = {
  max_allowed_packet: 67108864n,
  system_time_zone: 'UTC',
  time_zone: 'SYSTEM',
  auto_increment_increment: 1n,
  version_comment: 'StarRocks version 3.3.5-rockling',
  version: '8.0.33',
  sql_mode: 'ONLY_FULL_GROUP_BY',
  lower_case_table_names: 0n,
  character_set_client: 'utf8mb4',
  character_set_connection: 'utf8mb4',
  character_set_results: 'utf8mb4',
  character_set_server: 'utf8mb4',
  character_set_database: 'utf8mb4',
  tx_isolation: 'REPEATABLE-READ',
  transaction_isolation: 'REPEATABLE-READ',
};

/** `SELECT @@x[, @@session.y AS z ...] [LIMIT 1]` → one row, or null when not of that shape. */
function variablesSelect(s: string): StatementResult | null {
  const m = /^select (@@.+?)( limit 1)?$/i.exec(s);
  if (m === null) return null;
  const columns: ColumnMeta[] = [];
  const row: Value[] = [];
  for (const item of (m[1] as string).split(',')) {
    const v = /^\s*(@@(?:session\.|global\.)?(\w+))(?:\s+as\s+(\w+))?\s*$/i.exec(item);
    if (v === null) return null;
    const value = VARIABLES[(v[2] as string).toLowerCase()];
    if (value === undefined) throw new SqlError('unknown-system-variable', { name: v[2] as string });
    columns.push(col(v[3] ?? (v[1] as string), typeof value === 'bigint' ? T.bigint : T.varchar(64)));
    row.push(value);
  }
  return rows(columns, [row]);
}

/** Infer a column type for an echoed parameter. */
function typeOf(v: Value): SqlType {
  if (v === null) return T.null;
  if (typeof v === 'bigint') return T.bigint;
  if (typeof v === 'number') return Number.isInteger(v) ? T.bigint : T.double;
  if (typeof v === 'boolean') return T.boolean;
  if (v instanceof Uint8Array) return { kind: 'varbinary', length: 65535 };
  return T.varchar(255);
}

/** Split on ';' outside quotes. */
function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | null = null;
  for (const ch of sql) {
    if (quote !== null) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === ';') {
      if (cur.trim() !== '') out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += ch;
  }
  if (cur.trim() !== '') out.push(cur.trim());
  return out;
}

export interface FakeDb extends SessionFactory {
  readonly sessions: Map<number, FakeSession>;
  /** Every statement text received, in order (for assertions). */
  readonly log: string[];
}

export class FakeSession implements Session {
  currentDb: string | null;
  status = { autocommit: true, inTransaction: false, warningCount: 0 };
  private prepared = new Map<number, string>();
  private nextStmt = 1;
  private questions = 0;
  closed = false;

  constructor(
    private readonly db: FakeDb,
    readonly connectionId: number,
    readonly user: string,
    database: string | null,
    readonly onKill: ((queryOnly: boolean) => void) | undefined,
  ) {
    this.currentDb = database;
  }

  async *query(sql: string, signal?: AbortSignal): AsyncIterable<StatementResult> {
    for (const stmt of splitStatements(sql)) yield await this.run(stmt, signal);
  }

  /** The scripted statements. */
  private async run(stmt: string, signal?: AbortSignal): Promise<StatementResult> {
    this.db.log.push(stmt);
    this.questions++;
    let m: RegExpExecArray | null;
    const s = stmt.replace(/\s+/g, ' ').trim();
    if (/^select 1$/i.test(s)) return rows([col('1', T.bigint, false)], [[1n]]);
    if ((m = /^select (-?\d+) as (\w+)$/i.exec(s)))
      return rows([col(m[2] as string, T.bigint, false)], [[BigInt(m[1] as string)]]);
    const vars = variablesSelect(s);
    if (vars !== null) return vars;
    if (/^select database\(\), ?user\(\)( limit 1)?$/i.test(s)) {
      return rows(
        [col('DATABASE()', T.varchar(64)), col('USER()', T.varchar(64))],
        [[this.currentDb, `${this.user}@127.0.0.1`]],
      );
    }
    if (/^select (database|schema)\(\)$/i.test(s))
      return rows([col('DATABASE()', T.varchar(64))], [[this.currentDb]]);
    if (/^select connection_id\(\)$/i.test(s))
      return rows([col('CONNECTION_ID()', T.bigint, false)], [[BigInt(this.connectionId)]]);
    if (/^select current_version\(\)$/i.test(s))
      return rows([col('current_version()', T.varchar(64))], [[this.db.versions.starrocksVersion]]);
    if (/^select \* from (test\.)?types( where .*)?( order by id)?$/i.test(s))
      return rows(TYPES_COLUMNS, TYPES_ROWS);
    if ((m = /^select \* from gen\((\d+)(?:, ?(\d+))?\)$/i.exec(s)))
      return generated(Number(m[1]), Number(m[2] ?? 1));
    if ((m = /^use `?([\w.]+)`?$/i.exec(s))) return this.useDatabase(m[1] as string).then(() => ok());
    if (/^show (databases|schemas)$/i.test(s))
      return rows([col('Database', T.varchar(64), false)], [['information_schema'], ['test']]);
    if (/^show tables$/i.test(s))
      return rows([col(`Tables_in_${this.currentDb ?? ''}`, T.varchar(64), false)], [['types']]);
    if ((m = /^sleep (\d+)$/i.exec(s))) return sleep(Number(m[1]), signal).then(() => ok());
    if (/^hang$/i.test(s)) return new Promise<StatementResult>(() => undefined); // ignores its abort signal
    if (/^insert /i.test(s)) return ok(3, 7, '');
    if (/^(begin|start transaction)$/i.test(s)) return ((this.status.inTransaction = true), ok());
    if (/^(commit|rollback)$/i.test(s)) return ((this.status.inTransaction = false), ok());
    if ((m = /^set autocommit ?= ?([01])$/i.test(s) ? /([01])$/.exec(s) : null))
      return ((this.status.autocommit = m[1] === '1'), ok());
    if (/^set /i.test(s)) return ok();
    if (/^warn$/i.test(s)) return ((this.status.warningCount = 2), ok());
    if ((m = /^kill (query |connection )?(\d+)$/i.exec(s))) {
      if (!this.db.kill(Number(m[2]), /query/i.test(m[1] ?? '')))
        throw new SqlError('unknown-thread', { id: m[2] as string });
      return ok();
    }
    if (/^select \* from missing$/i.test(s)) throw new SqlError('no-such-table', { table: 'test.missing' });
    if (/^crash$/i.test(s)) throw new TypeError("Cannot read properties of undefined (reading 'x')");
    if (/^crash rows$/i.test(s)) {
      const batches = (async function* () {
        yield [[1n]] as RowBatch;
        throw new RangeError('engine blew up mid-stream');
      })();
      return { kind: 'rows', columns: [col('x', T.bigint)], batches };
    }
    if (/^bad date$/i.test(s)) return rows([col('d', T.date)], [['not-a-date']]);
    throw new SqlError('parse-error', {
      message: `You have an error in your SQL syntax near '${s.slice(0, 40)}'`,
    });
  }

  async useDatabase(name: string): Promise<void> {
    const db = name.includes('.') ? name.slice(name.indexOf('.') + 1) : name;
    if (db !== 'test' && db !== 'information_schema' && db !== '')
      throw new SqlError('unknown-database', { db });
    this.currentDb = db === '' ? null : db;
  }

  async fieldList(table: string): Promise<readonly ColumnMeta[]> {
    this.db.log.push(`FIELD_LIST ${table}`);
    if (table !== 'types') throw new SqlError('no-such-table', { table: `${this.currentDb ?? ''}.${table}` });
    return TYPES_COLUMNS.slice(0, 8).map((c) => ({ ...c, table: 'types', orgTable: 'types', db: 'test' }));
  }

  async prepare(sql: string): Promise<PreparedStatementInfo> {
    if (/^\s*prepare fail/i.test(sql)) throw new SqlError('parse-error', { message: 'cannot prepare' });
    const id = this.nextStmt++;
    this.prepared.set(id, sql);
    const paramCount = (sql.match(/\?/g) ?? []).length;
    const columns = /from (test\.)?types/i.test(sql) ? TYPES_COLUMNS : [];
    return { id, paramCount, columns };
  }

  async executePrepared(
    id: number,
    params: readonly Value[],
    signal?: AbortSignal,
  ): Promise<StatementResult> {
    const sql = this.prepared.get(id);
    if (sql === undefined) throw new SqlError('unknown-prepared-statement', { id, what: 'EXECUTE' });
    this.db.log.push(
      `EXECUTE ${sql} ${JSON.stringify(params, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? `bytes:${Buffer.from(v).toString('hex')}` : v))}`,
    );
    if (/^select \?/i.test(sql.trim())) {
      return rows(
        params.map((p, i) => col(`p${i}`, typeOf(p))),
        [params],
      );
    }
    const results = this.query(sql, signal)[Symbol.asyncIterator]();
    const first = await results.next();
    return first.done === true ? ok() : first.value;
  }

  closePrepared(id: number): void {
    this.prepared.delete(id);
  }

  async reset(): Promise<void> {
    this.prepared.clear();
    this.status = { autocommit: true, inTransaction: false, warningCount: 0 };
  }

  statistics(): string {
    return `Uptime: 1  Threads: ${this.db.sessions.size}  Questions: ${this.questions}  Slow queries: 0  Opens: 0  Open tables: 0  Queries per second avg: 0.000`;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.db.sessions.delete(this.connectionId);
  }
}

/** Users: root (no password), alice / 'secret'. */
export function createFakeDb(): FakeDb {
  const users = new Map<string, Uint8Array | null>([
    ['root', null],
    ['alice', nativePasswordHash('secret')],
  ]);
  const db: FakeDb = {
    sessions: new Map(),
    log: [],
    versions: {
      mysqlVersion: '8.0.33',
      versionComment: 'StarRocks version 3.3.5-rockling',
      starrocksVersion: '3.3.5 rockling',
    },
    async lookupUser(user: string, host: string): Promise<UserCredentials | null> {
      const pw = users.get(user);
      return pw === undefined ? null : { user, host, passwordDoubleSha1: pw };
    },
    async openSession(o) {
      if (o.database !== null && !/^(\w+\.)?(test|information_schema)?$/.test(o.database)) {
        throw new SqlError('unknown-database', { db: o.database });
      }
      const s = new FakeSession(
        db,
        o.connectionId,
        o.user,
        o.database === null ? null : o.database.replace(/^\w+\./, '') || null,
        o.onKill,
      );
      db.sessions.set(o.connectionId, s);
      return s;
    },
    kill(id: number, queryOnly: boolean): boolean {
      const s = db.sessions.get(id);
      if (s === undefined) return false;
      s.onKill?.(queryOnly);
      return true;
    },
  };
  return db;
}
