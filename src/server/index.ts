export { startMysqlServer, type MysqlServer, type MysqlServerOptions } from './mysql/server.js';
export { startServer, type ServerConfig, type RunningServer, type TlsConfig } from './start.js';
export { createLogger, isLogLevel, LOG_LEVELS, type Logger, type LogLevel, type LogFields } from './log.js';
