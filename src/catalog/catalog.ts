/**
 * The catalog: metadata as plain in-memory data, durable in the data directory's DuckDB file.
 * A change runs as: validate (caller) → write metadata rows + storage DDL (+ data, for CTAS) in
 * ONE DuckDB transaction → swap in the new in-memory state after COMMIT. Changes are serialised,
 * so each starts from the last committed state; readers always see a committed snapshot.
 */
import { InternalError } from '../base/index.js';
import type { Engine, EngineConnection } from '../engine/index.js';
import type { AstProperties } from '../sql/ast/index.js';
import type { Value } from '../types/index.js';
import { DEFAULT_CATALOG, type CatalogView, type TableDescriptor } from './api.js';
import { nowText } from './clock.js';
import { ensureInfoSchemaViews, INFO_SCHEMA, systemTable, systemTables } from './info-schema.js';
import type { CatalogState, DatabaseEntry, DatabaseState, NewTable, TableEntry } from './model.js';
import { Mutex } from './mutex.js';
import * as store from './store.js';

function isInfoSchema(db: string): boolean {
  return db.toLowerCase() === INFO_SCHEMA;
}

/** Read access shared by the committed catalog and a pending change. */
abstract class CatalogReader implements CatalogView {
  protected abstract get state(): CatalogState;

  databaseExists(catalog: string, db: string): boolean {
    if (catalog === DEFAULT_CATALOG && isInfoSchema(db)) return true;
    return this.state.databases.get(catalog)?.has(db) ?? false;
  }

  getDatabase(catalog: string, db: string): DatabaseEntry | null {
    return this.state.databases.get(catalog)?.get(db)?.entry ?? null;
  }

  getTable(catalog: string, db: string, name: string): TableEntry | TableDescriptor | null {
    if (catalog === DEFAULT_CATALOG && isInfoSchema(db)) return systemTable(name);
    return this.state.databases.get(catalog)?.get(db)?.tables.get(name) ?? null;
  }

  /** A user table/view (never a system table), for DDL and SHOW CREATE. */
  getEntry(catalog: string, db: string, name: string): TableEntry | null {
    return this.state.databases.get(catalog)?.get(db)?.tables.get(name) ?? null;
  }

  listDatabases(catalog: string): readonly string[] {
    const names = [...(this.state.databases.get(catalog)?.keys() ?? [])];
    if (catalog === DEFAULT_CATALOG) names.push(INFO_SCHEMA);
    return names.sort();
  }

  listTables(catalog: string, db: string): readonly TableDescriptor[] {
    const tables: TableDescriptor[] =
      catalog === DEFAULT_CATALOG && isInfoSchema(db)
        ? [...systemTables()]
        : [...(this.state.databases.get(catalog)?.get(db)?.tables.values() ?? [])];
    return tables.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Every user table entry of a database (for SHOW TABLE STATUS and friends). */
  listEntries(catalog: string, db: string): readonly TableEntry[] {
    return this.listTables(catalog, db).filter((t): t is TableEntry => 'id' in t);
  }
}

/** The committed catalog. */
export class Catalog extends CatalogReader {
  private current: CatalogState;
  private readonly mutex = new Mutex();

  private constructor(
    readonly engine: Engine,
    state: CatalogState,
  ) {
    super();
    this.current = state;
  }

  protected get state(): CatalogState {
    return this.current;
  }

  /** Bootstrap (fresh file) or load the metadata, and make sure information_schema is current. */
  static async open(engine: Engine): Promise<Catalog> {
    const state = await engine.withConnection(async (conn) => {
      await store.bootstrap(conn);
      await ensureInfoSchemaViews(conn);
      return store.loadState(conn);
    });
    return new Catalog(engine, state);
  }

  /** Persisted SET GLOBAL values. */
  async loadGlobals(): Promise<Map<string, Value>> {
    return this.engine.withConnection((conn) => store.loadGlobals(conn));
  }

  /** Persist one SET GLOBAL (serialised with catalog changes). */
  async saveGlobal(name: string, value: Value | undefined): Promise<void> {
    await this.mutex.run(() => this.engine.withConnection((conn) => store.saveGlobal(conn, name, value)));
  }

  /**
   * Run one catalog change atomically with whatever storage/data statements `fn` runs on
   * `tx.conn`. If `fn` throws, nothing of it remains (DuckDB rollback; in-memory state untouched).
   */
  async change<T>(fn: (tx: CatalogTx) => Promise<T>): Promise<T> {
    return this.mutex.run(() =>
      this.engine
        .transaction(async (conn) => {
          const tx = new CatalogTx(this.current, conn);
          const result = await fn(tx);
          await store.setMeta(conn, 'next_id', String(tx.nextId));
          return { result, state: tx.snapshot() };
        })
        .then(({ result, state }) => {
          // Only after COMMIT succeeded: publish the new state.
          this.current = state;
          return result;
        }),
    );
  }
}

type MutableDb = { entry: DatabaseEntry; tables: Map<string, TableEntry> };

/** A change in progress: reads see its own pending writes. */
export class CatalogTx extends CatalogReader {
  private readonly databases: Map<string, Map<string, DatabaseState>>;
  private readonly copied = new Set<DatabaseState>();
  nextId: number;

  constructor(
    base: CatalogState,
    /** The transaction's connection: run storage DDL and data statements here. */
    readonly conn: EngineConnection,
  ) {
    super();
    this.databases = new Map([...base.databases].map(([k, v]) => [k, new Map(v)]));
    this.nextId = base.nextId;
  }

  protected get state(): CatalogState {
    return { databases: this.databases, nextId: this.nextId };
  }

  snapshot(): CatalogState {
    return { databases: this.databases, nextId: this.nextId };
  }

  private allocateId(): number {
    return this.nextId++;
  }

  /** The database's state, copied once per transaction before its first change. */
  private mutableDb(catalog: string, db: string): MutableDb {
    const byName = this.databases.get(catalog);
    const state = byName?.get(db);
    if (byName === undefined || state === undefined) throw new InternalError(`no database ${catalog}.${db}`);
    if (this.copied.has(state)) return state as MutableDb;
    const copy: MutableDb = { entry: state.entry, tables: new Map(state.tables) };
    this.copied.add(copy);
    byName.set(db, copy);
    return copy;
  }

  /** Record a new database; the caller creates its storage schema (`entry.storageSchema`). */
  async createDatabase(catalog: string, name: string, properties: AstProperties): Promise<DatabaseEntry> {
    if (this.databaseExists(catalog, name)) throw new InternalError(`database ${name} exists`);
    const id = this.allocateId();
    const entry: DatabaseEntry = {
      id,
      catalog,
      name,
      properties,
      storageSchema: `d${id}`,
      createTime: nowText(),
    };
    await store.insertDatabase(this.conn, entry);
    const byName = this.databases.get(catalog) ?? new Map<string, DatabaseState>();
    const state: MutableDb = { entry, tables: new Map() };
    this.copied.add(state);
    byName.set(name, state);
    this.databases.set(catalog, byName);
    return entry;
  }

  /** Forget a database and its tables; the caller drops the storage schema. */
  async dropDatabase(catalog: string, name: string): Promise<DatabaseState> {
    const state = this.databases.get(catalog)?.get(name);
    if (state === undefined) throw new InternalError(`no database ${name}`);
    await store.deleteDatabase(this.conn, state.entry.id);
    this.databases.get(catalog)?.delete(name);
    return state;
  }

  /**
   * Record a new table/view. Tables get their storage reference (`d<db>.t<id>`); the caller
   * creates it (and fills it, for CTAS) on `this.conn` before the change commits.
   */
  async createTable(catalog: string, db: string, spec: NewTable): Promise<TableEntry> {
    const target = this.mutableDb(catalog, db);
    if (target.tables.has(spec.name)) throw new InternalError(`table ${spec.name} exists`);
    const id = this.allocateId();
    const entry: TableEntry = {
      id,
      kind: spec.kind,
      catalog,
      db,
      name: spec.name,
      columns: spec.columns,
      ...(spec.keysType !== undefined ? { keysType: spec.keysType } : {}),
      ...(spec.kind !== 'view' ? { storage: { schema: target.entry.storageSchema, table: `t${id}` } } : {}),
      ...(spec.viewQueryText !== undefined ? { viewQueryText: spec.viewQueryText } : {}),
      comment: spec.comment,
      definition: spec.definition,
      createTime: nowText(),
      updateTime: null,
    };
    await store.insertTable(this.conn, target.entry.id, entry);
    target.tables.set(entry.name, entry);
    return entry;
  }

  /** Forget a table/view; the caller drops its storage. */
  async dropTable(catalog: string, db: string, name: string): Promise<TableEntry> {
    const target = this.mutableDb(catalog, db);
    const entry = target.tables.get(name);
    if (entry === undefined) throw new InternalError(`no table ${name}`);
    await store.deleteTable(this.conn, entry.id);
    target.tables.delete(name);
    return entry;
  }

  /** Replace a table's metadata (same id and storage): rename, comment, view body, columns. */
  async replaceTable(previous: TableEntry, next: TableEntry): Promise<void> {
    const target = this.mutableDb(previous.catalog, previous.db);
    if (next.id !== previous.id || next.db !== previous.db)
      throw new InternalError('replaceTable changes identity');
    await store.deleteTable(this.conn, previous.id);
    await store.insertTable(this.conn, target.entry.id, { ...next, updateTime: nowText() });
    target.tables.delete(previous.name);
    target.tables.set(next.name, { ...next, updateTime: nowText() });
  }
}
