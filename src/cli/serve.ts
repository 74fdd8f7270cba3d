/**
 * `rockling serve`: open the database in the data directory, listen for MySQL clients, shut down
 * cleanly on SIGTERM/SIGINT (stop accepting, let in-flight statements finish or cancel them after
 * the grace period, close the database so nothing acknowledged is lost).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SessionFactory, ServerVersions } from '../session/index.js';
import { createLogger, startServer, type Logger } from '../server/index.js';
import { startLoadApi } from '../server/http/index.js';
import { ConfigError, USAGE, resolveServeConfig, tlsConfigOf, type ServeConfig } from './serve-config.js';

/** The database behind the server: a SessionFactory that can be closed. */
export interface ServedDatabase extends SessionFactory {
  close(): Promise<void>;
}

/** How serve opens its database (the real engine by default; tests pass their own). */
export type OpenDatabase = (options: {
  dataDir: string;
  versions: ServerVersions;
  logger: Logger;
  /** Where Routine Load error logs are served (the BE HTTP port, known once it listens). */
  routineLoad: { errorUrlBase: () => string };
  /** DuckDB memory_limit (absent: DuckDB's default). */
  memoryLimit?: string;
}) => Promise<ServedDatabase>;

/** The DuckDB file openDatabase keeps in the data directory (session's DATABASE_FILE; a test keeps them equal). */
export const SERVE_DATABASE_FILE = 'rockling.duckdb';

/**
 * The SQL engine's entry point, loaded lazily so `--help` and config errors stay instant. The
 * DuckDB instance is started first (Engine.preopen): DuckDB creates it on its own threads while
 * this thread loads the session modules, and openDatabase's Engine.open takes it over.
 */
async function openEngine(options: Parameters<OpenDatabase>[0]): Promise<ServedDatabase> {
  const { dataDir, versions, routineLoad, memoryLimit } = options;
  const { Engine } = await import('../engine/index.js');
  Engine.preopen({
    path: join(dataDir, SERVE_DATABASE_FILE),
    ...(memoryLimit !== undefined ? { memoryLimit } : {}),
  });
  try {
    const mod = (await import('../session/index.js')) as Record<string, unknown>;
    const open = mod['openDatabase'];
    if (typeof open !== 'function')
      throw new Error('the SQL engine (session/openDatabase) is not available in this build');
    return await (open as (o: object) => Promise<ServedDatabase>)({
      dataDir,
      versions,
      routineLoad,
      ...(memoryLimit !== undefined ? { memoryLimit } : {}),
    });
  } finally {
    await Engine.discardPreopened();
  }
}

/** Resolves with the signal name when one of them arrives. */
export type StopTrigger = Promise<string>;

function onSignals(): StopTrigger {
  return new Promise((resolve) => {
    const handler = (sig: NodeJS.Signals): void => {
      process.off('SIGTERM', handler);
      process.off('SIGINT', handler);
      // a second signal while shutting down means "now"
      process.once(sig, () => process.exit(130));
      resolve(sig);
    };
    process.on('SIGTERM', handler);
    process.on('SIGINT', handler);
  });
}

/** Run the server until `stop` resolves; returns the exit status. */
export async function runServe(
  config: ServeConfig,
  open: OpenDatabase,
  stop: StopTrigger,
  logger: Logger,
): Promise<number> {
  const started = Date.now();
  const dataDir = resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const versions: ServerVersions = {
    mysqlVersion: config.mysqlVersion,
    versionComment: config.versionComment,
    starrocksVersion: config.starrocksVersion,
  };
  const tls = tlsConfigOf(config);
  let errorUrlBase = '';
  const db = await open({
    dataDir,
    versions,
    logger,
    routineLoad: { errorUrlBase: () => errorUrlBase },
    ...(config.memoryLimit !== '' ? { memoryLimit: config.memoryLimit } : {}),
  });
  let server;
  try {
    server = await startServer({
      host: config.host,
      queryPort: config.queryPort,
      factory: db,
      logger,
      ...(tls !== undefined ? { tls } : {}),
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  // Stream Load HTTP API (FE role on --http-port, BE role on --be-http-port).
  const loadApi = await startLoadApi({
    database: db,
    host: config.host,
    httpPort: config.httpPort,
    beHttpPort: config.beHttpPort,
    logger,
  }).catch(async (error: unknown) => {
    await server.close(0);
    await db.close();
    throw error;
  });
  if (loadApi !== null) {
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    errorUrlBase = `http://${host.includes(':') ? `[${host}]` : host}:${loadApi.beHttpPort}`;
  }
  logger.info(`rockling ready in ${Date.now() - started} ms`, {
    data_dir: dataDir,
    query_port: server.queryPort,
    version: versions.mysqlVersion,
  });
  const sig = await stop;
  logger.info(`${sig}: shutting down`, { grace_s: config.shutdownGraceSeconds });
  await server.close(config.shutdownGraceSeconds * 1000);
  await loadApi?.close();
  await db.close();
  logger.info('stopped');
  return 0;
}

/** `rockling serve [options]`. */
export async function main(argv: readonly string[]): Promise<number> {
  let resolved;
  try {
    resolved = resolveServeConfig(argv, process.env, (p) => readFileSync(p, 'utf8'));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`rockling serve: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (resolved.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const logger = createLogger(resolved.config.logLevel);
  try {
    return await runServe(resolved.config, (o) => openEngine(o), onSignals(), logger);
  } catch (error) {
    logger.error(`cannot start: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
