/**
 * Platform objects (users, roles, resource groups, external catalogs, materialized-view state)
 * as JSON documents in `__rockling.platform_docs`, keyed by (kind, key). Writes run on the
 * connection of a `catalog.change` transaction, so a document commits together with the catalog
 * rows and data it belongs to (an MV's entry, storage, rows and refresh state in one COMMIT); the
 * in-memory copy is updated only after that COMMIT. Changes are serialised by this store's own
 * mutex (taken before the catalog's), so each change validates against the last committed state.
 */
import type { EngineConnection } from '../../engine/index.js';
import type { Catalog, CatalogTx } from '../catalog.js';
import { Mutex } from '../mutex.js';

const TABLE = '__rockling.platform_docs';
const DDL = `CREATE TABLE IF NOT EXISTS ${TABLE} (kind VARCHAR NOT NULL, key VARCHAR NOT NULL, body VARCHAR NOT NULL)`;

export type DocKind =
  'user' | 'role' | 'resource-group' | 'catalog' | 'mv' | 'sync-mv' | 'group-provider' | 'meta';

/** Reads and writes of one change; reads see the change's own pending writes. */
export interface DocWriter {
  get<T>(kind: DocKind, key: string): T | undefined;
  list<T>(kind: DocKind): T[];
  put(kind: DocKind, key: string, doc: unknown): Promise<void>;
  remove(kind: DocKind, key: string): Promise<void>;
}

type Docs = Map<DocKind, Map<string, unknown>>;

function copy(docs: Docs): Docs {
  return new Map([...docs].map(([k, v]) => [k, new Map(v)]));
}

export class DocStore {
  private docs: Docs;
  private readonly mutex = new Mutex();

  private constructor(
    private readonly catalog: Catalog,
    docs: Docs,
  ) {
    this.docs = docs;
  }

  /** Create the table if needed and load every document. */
  static async open(catalog: Catalog): Promise<DocStore> {
    const docs: Docs = new Map();
    await catalog.engine.withConnection(async (conn) => {
      await conn.execute(DDL);
      const { rows } = await conn.queryAll(`SELECT kind, key, body FROM ${TABLE}`);
      for (const r of rows) {
        const kind = String(r[0]) as DocKind;
        const byKey = docs.get(kind) ?? new Map<string, unknown>();
        byKey.set(String(r[1]), JSON.parse(String(r[2])) as unknown);
        docs.set(kind, byKey);
      }
    });
    return new DocStore(catalog, docs);
  }

  get<T>(kind: DocKind, key: string): T | undefined {
    return this.docs.get(kind)?.get(key) as T | undefined;
  }

  list<T>(kind: DocKind): T[] {
    return [...(this.docs.get(kind)?.values() ?? [])] as T[];
  }

  /**
   * One atomic change: `fn` validates against `w` (committed state plus its own writes) and may
   * change the catalog and run storage/data statements on `tx.conn`; all of it commits at once.
   */
  async change<T>(fn: (tx: CatalogTx, w: DocWriter) => Promise<T>): Promise<T> {
    return this.mutex.run(async () => {
      let pending: Docs = this.docs;
      const result = await this.catalog.change(async (tx) => {
        pending = copy(this.docs);
        return fn(tx, writer(tx.conn, pending));
      });
      this.docs = pending;
      return result;
    });
  }
}

function writer(conn: EngineConnection, docs: Docs): DocWriter {
  return {
    get: <T>(kind: DocKind, key: string) => docs.get(kind)?.get(key) as T | undefined,
    list: <T>(kind: DocKind) => [...(docs.get(kind)?.values() ?? [])] as T[],
    async put(kind, key, doc) {
      await conn.execute(`DELETE FROM ${TABLE} WHERE kind = $1 AND key = $2`, [kind, key]);
      await conn.execute(`INSERT INTO ${TABLE} VALUES ($1, $2, $3)`, [kind, key, JSON.stringify(doc)]);
      const byKey = docs.get(kind) ?? new Map<string, unknown>();
      byKey.set(key, JSON.parse(JSON.stringify(doc)) as unknown);
      docs.set(kind, byKey);
    },
    async remove(kind, key) {
      await conn.execute(`DELETE FROM ${TABLE} WHERE kind = $1 AND key = $2`, [kind, key]);
      docs.get(kind)?.delete(key);
    },
  };
}
