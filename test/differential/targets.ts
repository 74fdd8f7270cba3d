/**
 * The three places a generated query runs: the compiler directly (compileQuery over a CatalogView,
 * executed on Rockling's Engine), the in-process API end to end (`open()`, StarRocks DDL and
 * INSERT), and a plain DuckDB holding the same rows for the reference queries.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { CompileContext } from '../../src/analyzer/index.js';
import type { CatalogView, ColumnDescriptor, TableDescriptor } from '../../src/catalog/index.js';
import { compileQuery } from '../../src/codegen/index.js';
import { Engine } from '../../src/engine/index.js';
import { open, type RocklingDb, type RocklingSession } from '../../src/index.js';
import { parseQuery } from '../../src/sql/index.js';
import { renderText, T, type SqlType } from '../../src/types/index.js';
import { duckSetup, starrocksSetup, type TableData } from './data.js';

/** A result as text cells (the wire rendering), with the StarRocks column types. */
export interface TextResult {
  readonly types: readonly SqlType[];
  readonly rows: (string | null)[][];
}

const DB = 'db1';

function sqlType(ddl: string): SqlType {
  const dec = /^DECIMAL\((\d+),(\d+)\)$/.exec(ddl);
  if (dec) return T.decimal(Number(dec[1]), Number(dec[2]));
  const vc = /^VARCHAR\((\d+)\)$/.exec(ddl);
  if (vc) return T.varchar(Number(vc[1]));
  const map: Record<string, SqlType> = {
    INT: T.int,
    BIGINT: T.bigint,
    TINYINT: T.tinyint,
    DOUBLE: T.double,
    DATE: T.date,
    DATETIME: T.datetime,
    BOOLEAN: T.boolean,
  };
  const t = map[ddl];
  if (t === undefined) throw new Error(`unmapped type ${ddl}`);
  return t;
}

function descriptor(t: TableData): TableDescriptor {
  const columns = t.columns.map((c): ColumnDescriptor => ({
    name: c.name,
    type: sqlType(c.sr),
    nullable: c.nullable,
    isKey: c.name === 'id',
    defaultValue: null,
    autoIncrement: false,
    comment: '',
  }));
  return {
    kind: 'table',
    catalog: 'default_catalog',
    db: DB,
    name: t.name,
    columns,
    storage: { schema: DB, table: t.name },
    comment: '',
  };
}

class Catalog implements CatalogView {
  constructor(private readonly tables: readonly TableDescriptor[]) {}
  databaseExists(_c: string, db: string): boolean {
    return db === DB;
  }
  getTable(_c: string, db: string, name: string): TableDescriptor | null {
    return db === DB ? (this.tables.find((t) => t.name === name) ?? null) : null;
  }
  listDatabases(): readonly string[] {
    return [DB];
  }
  listTables(_c: string, db: string): readonly TableDescriptor[] {
    return db === DB ? this.tables : [];
  }
}

function toText(rows: readonly (readonly unknown[])[], types: readonly SqlType[]): (string | null)[][] {
  return rows.map((r) =>
    r.map((v, i) => renderText(v as Parameters<typeof renderText>[0], types[i] ?? T.varchar())),
  );
}

export class Targets {
  private constructor(
    private readonly ctx: CompileContext,
    private readonly engine: Engine,
    private readonly db: RocklingDb,
    private readonly session: RocklingSession,
    private readonly ref: DuckDBConnection,
    private readonly refInstance: DuckDBInstance,
  ) {}

  static async create(tables: readonly TableData[]): Promise<Targets> {
    const engine = await Engine.open({ path: null, threads: 1 });
    await engine.execute(`CREATE SCHEMA ${DB}`);
    for (const t of tables) for (const s of duckSetup(t, DB)) await engine.execute(s);
    const ctx: CompileContext = {
      catalog: new Catalog(tables.map(descriptor)),
      currentCatalog: 'default_catalog',
      currentDb: DB,
      sessionValue: (name) =>
        name === 'time_zone'
          ? 'Asia/Shanghai'
          : name === 'version'
            ? '8.0.33'
            : name === 'sql_mode'
              ? ''
              : undefined,
      userVariable: () => null,
      currentUser: 'root',
      connectionId: 1,
    };
    const db = await open({ dataDir: ':memory:', threads: 1 });
    await db.query(`CREATE DATABASE ${DB}`);
    const session = await db.session({ database: DB });
    for (const t of tables) for (const s of starrocksSetup(t)) await session.query(s);
    const refInstance = await DuckDBInstance.create(':memory:', { threads: '1' });
    const ref = await refInstance.connect();
    for (const t of tables) for (const s of duckSetup(t, 'main')) await ref.run(s);
    return new Targets(ctx, engine, db, session, ref, refInstance);
  }

  /** Compile with compileQuery and run the DuckDB SQL on the Engine. */
  async direct(sql: string): Promise<TextResult & { duckSql: string }> {
    const compiled = compileQuery(parseQuery(sql), this.ctx);
    const types = compiled.columns.map((c) => c.type);
    const result = await this.engine.stream(compiled.sql, { types });
    const rows: unknown[][] = [];
    for await (const batch of result.batches) for (const r of batch) rows.push([...r]);
    return { types, rows: toText(rows, types), duckSql: compiled.sql };
  }

  /** The in-process API, end to end. */
  async endToEnd(sql: string): Promise<TextResult> {
    const r = await this.session.query(sql);
    const types = r.columns.map((c) => c.type);
    return { types, rows: toText(r.rows, types) };
  }

  /** A reference query on plain DuckDB; every cell as DuckDB's VARCHAR text. */
  async reference(duckSql: string): Promise<(string | null)[][]> {
    const r = await this.ref.runAndReadAll(`SELECT CAST(COLUMNS(*) AS VARCHAR) FROM (${duckSql}) AS _ref`);
    return r.getRows().map((row) => row.map((v) => (v === null ? null : String(v))));
  }

  async close(): Promise<void> {
    await this.session.close();
    await this.db.close();
    await this.engine.close();
    this.ref.closeSync();
    this.refInstance.closeSync();
  }
}
