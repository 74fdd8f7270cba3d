import { createServer, type Server, type Socket } from 'node:net';
import type { SessionFactory } from '../../session/index.js';
import type { Logger } from '../log.js';
import { MysqlConnection, type TlsSettings } from './connection.js';

/** Options of the MySQL-protocol listener. */
export interface MysqlServerOptions {
  readonly host: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  readonly factory: SessionFactory;
  readonly log: Logger;
  /** Largest command payload accepted after authentication (default 64 MiB, as MySQL 8). */
  readonly maxAllowedPacket?: number;
  /** Clients must finish authentication within this time (default 10 s). */
  readonly handshakeTimeoutMs?: number;
  /** Offer TLS (certificate + key) and optionally refuse plain connections. */
  readonly tls?: TlsSettings;
}

/** A listening MySQL-protocol server. */
export interface MysqlServer {
  readonly host: string;
  readonly port: number;
  /** Open connections right now. */
  connectionCount(): number;
  /**
   * Stop accepting, let in-flight statements finish for up to `graceMs` (then cancel them), close
   * every connection. Idempotent.
   */
  close(graceMs?: number): Promise<void>;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Connection ids start at 1 and never repeat within a process (KILL targets them). */
let nextConnectionId = 1;

function remoteHost(socket: Socket): string {
  const a = socket.remoteAddress ?? 'unknown';
  return a.startsWith('::ffff:') ? a.slice(7) : a;
}

/** Start listening; resolves once the port is bound. */
export async function startMysqlServer(options: MysqlServerOptions): Promise<MysqlServer> {
  const log = options.log.child('mysql');
  const connections = new Map<number, MysqlConnection>();
  // COM_PROCESS_KILL also reaches connections of this server the factory may not track.
  const factory: SessionFactory = {
    lookupUser: (u, h) => options.factory.lookupUser(u, h),
    openSession: (o) => options.factory.openSession(o),
    versions: options.factory.versions,
    kill(id, queryOnly) {
      const known = options.factory.kill(id, queryOnly);
      const local = connections.get(id);
      local?.kill(queryOnly); // idempotent when the factory already called onKill
      return known || local !== undefined;
    },
  };
  const connOptions = {
    factory,
    log,
    maxAllowedPacket: options.maxAllowedPacket ?? 64 * 1024 * 1024,
    handshakeTimeoutMs: options.handshakeTimeoutMs ?? 10_000,
    ...(options.tls !== undefined ? { tls: options.tls } : {}),
  };
  let closing: Promise<void> | null = null;

  const server: Server = createServer({ noDelay: true }, (socket) => {
    if (closing !== null) {
      socket.destroy();
      return;
    }
    const id = nextConnectionId++;
    const conn = new MysqlConnection(
      id,
      socket,
      remoteHost(socket),
      connOptions,
      factory.versions.mysqlVersion,
    );
    connections.set(id, conn);
    conn.onClosed = () => connections.delete(id);
    log.debug('connected', { id, from: `${remoteHost(socket)}:${socket.remotePort ?? 0}` });
  });
  server.on('error', (e) => log.error(`listener error: ${e.message}`));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;

  async function shutdown(graceMs: number): Promise<void> {
    const listenerClosed = new Promise<void>((resolve) => server.close(() => resolve()));
    const all = [...connections.values()];
    for (const c of all.filter((x) => x.isIdle)) c.close();
    const busy = all.filter((c) => !c.isIdle);
    if (busy.length > 0) log.info(`waiting for ${busy.length} running statement(s)`);
    const timer = setTimeout(() => {
      for (const c of busy) c.kill(false);
    }, graceMs);
    // a session that ignores its abort signal must not hold the shutdown forever
    await Promise.race([Promise.all(busy.map((c) => c.whenIdle())), sleep(graceMs + 2000)]);
    clearTimeout(timer);
    for (const c of busy) c.close();
    await Promise.race([listenerClosed, sleep(1000)]);
    for (const c of connections.values()) c.socket.destroy();
  }

  return {
    host: options.host,
    port,
    connectionCount: () => connections.size,
    close(graceMs = 10_000) {
      closing ??= shutdown(graceMs);
      return closing;
    },
  };
}
