/**
 * Start the HTTP load API next to the MySQL server for a database opened by `rockling serve`:
 * opens the load service over the database's engine and catalog and listens on the FE and BE
 * ports. A database without an engine (test doubles of the protocol server) gets no HTTP side.
 */
import type { Catalog } from '../../catalog/index.js';
import type { Engine } from '../../engine/index.js';
import { LoadService } from '../../load/index.js';
import type { SessionFactory } from '../../session/index.js';
import type { Logger } from '../log.js';
import { startHttpServers } from './server.js';

export interface LoadApi {
  readonly httpPort: number;
  readonly beHttpPort: number;
  close(): Promise<void>;
}

interface WithStorage {
  readonly engine: Engine;
  readonly catalog: Catalog;
  readonly loadService?: () => Promise<LoadService>;
}

function hasStorage(db: unknown): db is WithStorage {
  return typeof db === 'object' && db !== null && 'engine' in db && 'catalog' in db;
}

export async function startLoadApi(o: {
  readonly database: SessionFactory;
  readonly host: string;
  readonly httpPort: number;
  readonly beHttpPort: number;
  readonly logger: Logger;
}): Promise<LoadApi | null> {
  if (!hasStorage(o.database)) return null;
  // The database's own service when it has one (Routine Load shares it), else one of our own.
  const db = o.database;
  const shared = db.loadService !== undefined;
  const load =
    db.loadService !== undefined ? await db.loadService() : await LoadService.open(db.engine, db.catalog);
  const closeOwn = async (): Promise<void> => {
    if (!shared) await load.close();
  };
  try {
    const http = await startHttpServers({
      host: o.host,
      httpPort: o.httpPort,
      beHttpPort: o.beHttpPort,
      load,
      lookupUser: (u, h) => o.database.lookupUser(u, h),
      logger: o.logger,
    });
    return {
      httpPort: http.httpPort,
      beHttpPort: http.beHttpPort,
      close: async () => {
        await http.close();
        await closeOwn();
      },
    };
  } catch (e) {
    await closeOwn();
    throw e;
  }
}
