/**
 * Test kit for the compiler: an in-memory CatalogView over a few tables, a compile context, and a
 * DuckDB (external access off) holding the tables' rows so compiled SQL can be executed.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { CatalogView, ColumnDescriptor, TableDescriptor } from '../../src/catalog/index.js';
import type { CompileContext } from '../../src/analyzer/index.js';
import {
  compileQuery,
  duckdbType,
  quoteIdent,
  quoteQualified,
  quoteString,
} from '../../src/codegen/index.js';
import { parseQuery } from '../../src/sql/index.js';
import { T, type SqlType, type Value } from '../../src/types/index.js';

export function col(name: string, type: SqlType, nullable = true): ColumnDescriptor {
  return { name, type, nullable, isKey: false, defaultValue: null, autoIncrement: false, comment: '' };
}

export function table(db: string, name: string, columns: ColumnDescriptor[]): TableDescriptor {
  return {
    kind: 'table',
    catalog: 'default_catalog',
    db,
    name,
    columns,
    storage: { schema: db, table: name },
    comment: '',
  };
}

export function view(db: string, name: string, text: string, columns: string[]): TableDescriptor {
  return {
    kind: 'view',
    catalog: 'default_catalog',
    db,
    name,
    columns: columns.map((c) => col(c, T.varchar())),
    viewQueryText: text,
    comment: '',
  };
}

export class MemoryCatalog implements CatalogView {
  constructor(readonly tables: TableDescriptor[]) {}
  databaseExists(_catalog: string, db: string): boolean {
    return this.tables.some((t) => t.db === db) || db === 'empty_db';
  }
  getTable(_catalog: string, db: string, name: string): TableDescriptor | null {
    return this.tables.find((t) => t.db === db && t.name === name) ?? null;
  }
  listDatabases(): readonly string[] {
    return [...new Set(this.tables.map((t) => t.db))];
  }
  listTables(_catalog: string, db: string): readonly TableDescriptor[] {
    return this.tables.filter((t) => t.db === db);
  }
}

/** The standard fixture: db1.t (orders-like), db1.u (customers), db1.arr (arrays), db1.v (view). */
export const FIXTURE: TableDescriptor[] = [
  table('db1', 't', [
    col('id', T.int, false),
    col('k', T.varchar(20)),
    col('v', T.bigint),
    col('d', T.date),
    col('amount', T.decimal(10, 2)),
    col('f', T.double),
  ]),
  table('db1', 'u', [col('id', T.int, false), col('name', T.varchar(50)), col('k', T.varchar(20))]),
  table('db1', 'arr', [col('id', T.int), col('xs', T.array(T.int))]),
  table('db1', 'Mixed', [col('A', T.int)]),
  view('db1', 'v', 'select k, sum(v) as total from t group by k', ['k', 'total']),
];

export const ROWS: Record<string, string> = {
  t: `(1,'a',10,DATE '2024-01-01',1.50,0.5),(2,'a',20,DATE '2024-01-02',2.25,NULL),(3,'b',NULL,DATE '2024-02-01',NULL,2.0),(4,NULL,40,NULL,4.00,-1.5),(5,'c',50,DATE '2024-03-01',5.00,3.25)`,
  u: `(1,'alice','a'),(2,'bob','b'),(3,'carol','z')`,
  arr: `(1,[1,2,3]),(2,[]),(3,NULL)`,
  Mixed: `(7)`,
};

export function context(
  catalog: CatalogView = new MemoryCatalog(FIXTURE),
  overrides: Partial<CompileContext> = {},
): CompileContext {
  return {
    catalog,
    currentCatalog: 'default_catalog',
    currentDb: 'db1',
    sessionValue: (name) =>
      name === 'version'
        ? '8.0.33'
        : name === 'time_zone'
          ? 'Asia/Shanghai'
          : name === 'sql_mode'
            ? ''
            : undefined,
    userVariable: (name) => (name === 'x' ? 42 : null),
    currentUser: 'root',
    connectionId: 7,
    ...overrides,
  };
}

let db: Promise<DuckDBConnection> | null = null;

/** A shared DuckDB connection with external access disabled and the fixture loaded. */
export function duck(): Promise<DuckDBConnection> {
  db ??= (async () => {
    const inst = await DuckDBInstance.create(':memory:', {
      enable_external_access: 'false',
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    });
    const c = await inst.connect();
    await c.run('CREATE SCHEMA db1');
    for (const t of FIXTURE) {
      if (t.kind !== 'table') continue;
      const cols = t.columns.map((c) => `${quoteIdent(c.name)} ${duckdbType(c.type)}`).join(', ');
      await c.run(`CREATE TABLE ${quoteQualified('db1', t.name)} (${cols})`);
      await c.run(`INSERT INTO ${quoteQualified('db1', t.name)} VALUES ${ROWS[t.name]}`);
    }
    void quoteString;
    return c;
  })();
  return db;
}

/** Compile SQL text and run it; rows as JSON-ish values. */
export async function run(
  sql: string,
  ctx: CompileContext = context(),
): Promise<{ sql: string; rows: unknown[][]; names: string[] }> {
  const compiled = compileQuery(parseQuery(sql), ctx);
  const c = await duck();
  const r = await c.runAndReadAll(compiled.sql);
  return {
    sql: compiled.sql,
    rows: r.getRowsJson() as unknown[][],
    names: compiled.columns.map((x) => x.name),
  };
}

export type { Value };
