import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
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
  /** TLS on the MySQL port (off when absent, as in StarRocks without ssl_keystore_location). */
  readonly tls?: TlsConfig;
}

/**
 * TLS on the MySQL port, StarRocks-style: off unless a certificate is configured. Either PEM
 * files (`certFile` + `keyFile`, e.g. from openssl or a CA) or a PKCS#12 keystore
 * (`keystoreFile` + `keystorePassword`: what StarRocks' ssl_keystore_location /
 * ssl_keystore_password point at when made with keytool, whose default format is PKCS#12).
 * `required` is ssl_force_secure_transport: clients that stay in plain text are refused.
 */
export interface TlsConfig {
  readonly certFile?: string;
  readonly keyFile?: string;
  readonly keystoreFile?: string;
  readonly keystorePassword?: string;
  readonly required?: boolean;
}

/** Load the certificate once at start (a bad file fails the start, not the first client). */
function secureContextOf(tls: TlsConfig): ReturnType<typeof createSecureContext> {
  if (tls.keystoreFile !== undefined) {
    return createSecureContext({
      pfx: readFileSync(tls.keystoreFile),
      ...(tls.keystorePassword !== undefined ? { passphrase: tls.keystorePassword } : {}),
    });
  }
  if (tls.certFile === undefined || tls.keyFile === undefined)
    throw new Error('TLS needs a certificate and a key (certFile + keyFile) or a keystore (keystoreFile)');
  return createSecureContext({ cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) });
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
    ...(config.tls !== undefined
      ? { tls: { context: secureContextOf(config.tls), required: config.tls.required === true } }
      : {}),
  });
  logger.info(
    `mysql protocol listening on ${config.host}:${mysql.port}${config.tls !== undefined ? ` (TLS${config.tls.required === true ? ' required' : ''})` : ''}`,
  );
  return {
    host: config.host,
    queryPort: mysql.port,
    mysql,
    close: (graceMs) => mysql.close(graceMs),
  };
}
