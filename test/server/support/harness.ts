import { createLogger } from '../../../src/server/index.js';
import { startServer, type RunningServer } from '../../../src/server/index.js';
import { createFakeDb, type FakeDb } from './fake-db.js';

/** An in-process server over the scripted test double, on a free loopback port. */
export interface FakeServer {
  readonly port: number;
  readonly db: FakeDb;
  readonly server: RunningServer;
  /** Log lines written so far (level debug). */
  readonly logs: string[];
  close(): Promise<void>;
}

export async function startFakeServer(
  options: { handshakeTimeoutMs?: number; maxAllowedPacket?: number } = {},
): Promise<FakeServer> {
  const db = createFakeDb();
  const logs: string[] = [];
  const server = await startServer({
    host: '127.0.0.1',
    queryPort: 0,
    factory: db,
    logger: createLogger('debug', (line) => void logs.push(line)),
    ...options,
  });
  return { port: server.queryPort, db, server, logs, close: () => server.close(2000) };
}
