import type { SessionFactory } from '../session/index.js';
import { createLogger, type Logger } from './log.js';
import { startMysqlServer, type MysqlServer } from './mysql/server.js';

/** What `startServer` needs: where to listen and the database behind the protocol. */
export interface ServerConfig {
  readonly host: string;
  /** MySQL protocol port (StarRocks FE query port, default 9030); 0 picks a free port. */
  readonly queryPort: number;
  readonly factory: SessionFactory;
  readonly logger?: Logger;
  readonly maxAllowedPacket?: number;
  readonly handshakeTimeoutMs?: number;
}

/** The running server process side: ports and a graceful stop. */
export interface RunningServer {
  readonly host: string;
  readonly queryPort: number;
  readonly mysql: MysqlServer;
  /** Stop accepting, finish or cancel in-flight statements within `graceMs`, close connections. */
  close(graceMs?: number): Promise<void>;
}

/**
 * Start the protocol servers over a database. The HTTP side (Stream Load, port 8030) is added
 * next to the MySQL listener when it exists.
 */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const logger = config.logger ?? createLogger('info');
  const mysql = await startMysqlServer({
    host: config.host,
    port: config.queryPort,
    factory: config.factory,
    log: logger,
    ...(config.maxAllowedPacket !== undefined ? { maxAllowedPacket: config.maxAllowedPacket } : {}),
    ...(config.handshakeTimeoutMs !== undefined ? { handshakeTimeoutMs: config.handshakeTimeoutMs } : {}),
  });
  logger.info(`mysql protocol listening on ${config.host}:${mysql.port}`);
  return {
    host: config.host,
    queryPort: mysql.port,
    mysql,
    close: (graceMs) => mysql.close(graceMs),
  };
}
