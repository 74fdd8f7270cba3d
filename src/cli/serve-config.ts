/**
 * `rockling serve` configuration: defaults < config file (JSON or YAML) < ROCKLING_* environment
 * variables < command-line flags. Pure: argv, env and the file reader are passed in.
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import { isLogLevel, type LogLevel, type TlsConfig } from '../server/index.js';

/** Everything serve needs to start. */
export interface ServeConfig {
  readonly dataDir: string;
  readonly host: string;
  readonly queryPort: number;
  readonly httpPort: number;
  /** BE-role HTTP port (Stream Load execution), StarRocks' be_http_port. */
  readonly beHttpPort: number;
  readonly logLevel: LogLevel;
  /** Version facts (handshake / @@version, @@version_comment, current_version()). */
  readonly mysqlVersion: string;
  readonly versionComment: string;
  readonly starrocksVersion: string;
  /** Seconds in-flight statements get on SIGTERM/SIGINT before they are cancelled. */
  readonly shutdownGraceSeconds: number;
  /** TLS on the MySQL port from PEM files (both or neither; '' = off). */
  readonly tlsCert: string;
  readonly tlsKey: string;
  /** TLS from a PKCS#12 keystore, StarRocks' ssl_keystore_location / ssl_keystore_password. */
  readonly sslKeystoreLocation: string;
  readonly sslKeystorePassword: string;
  /** StarRocks' ssl_force_secure_transport: plain-text clients are refused. */
  readonly sslForceSecureTransport: boolean;
  /** DuckDB memory_limit, e.g. '2GB' ('' = DuckDB's default, 80 % of RAM); bounds its buffer cache. */
  readonly memoryLimit: string;
}

export const DEFAULTS: ServeConfig = {
  dataDir: './rockling-data',
  host: '127.0.0.1',
  queryPort: 9030,
  httpPort: 8030,
  beHttpPort: 8040,
  logLevel: 'info',
  mysqlVersion: '8.0.33',
  versionComment: 'StarRocks version 3.3.5-rockling',
  starrocksVersion: '3.3.5 rockling',
  shutdownGraceSeconds: 10,
  tlsCert: '',
  tlsKey: '',
  sslKeystoreLocation: '',
  sslKeystorePassword: '',
  sslForceSecureTransport: false,
  memoryLimit: '',
};

type Key = keyof ServeConfig;

/** Spellings accepted in files, env (ROCKLING_ + upper snake) and flags (--kebab). */
const KEYS: Readonly<
  Record<Key, { snake: string; kind: 'string' | 'optional' | 'boolean' | 'port' | 'number' | 'level' }>
> = {
  dataDir: { snake: 'data_dir', kind: 'string' },
  host: { snake: 'host', kind: 'string' },
  queryPort: { snake: 'query_port', kind: 'port' },
  httpPort: { snake: 'http_port', kind: 'port' },
  beHttpPort: { snake: 'be_http_port', kind: 'port' },
  logLevel: { snake: 'log_level', kind: 'level' },
  mysqlVersion: { snake: 'mysql_version', kind: 'string' },
  versionComment: { snake: 'version_comment', kind: 'string' },
  starrocksVersion: { snake: 'starrocks_version', kind: 'string' },
  shutdownGraceSeconds: { snake: 'shutdown_grace_seconds', kind: 'number' },
  tlsCert: { snake: 'tls_cert', kind: 'optional' },
  tlsKey: { snake: 'tls_key', kind: 'optional' },
  sslKeystoreLocation: { snake: 'ssl_keystore_location', kind: 'optional' },
  sslKeystorePassword: { snake: 'ssl_keystore_password', kind: 'optional' },
  sslForceSecureTransport: { snake: 'ssl_force_secure_transport', kind: 'boolean' },
  memoryLimit: { snake: 'memory_limit', kind: 'optional' },
};

/** A bad flag, env var or config file; serve prints it and exits with status 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export const USAGE = `usage: rockling serve [options]

  --data-dir DIR          data directory, created on first start (default ./rockling-data)
  --query-port N          MySQL protocol port (default 9030; 0 = any free port)
  --http-port N           HTTP port for Stream Load (default 8030)
  --be-http-port N        BE-role HTTP port Stream Load is redirected to (default 8040)
  --host ADDR             listen address (default 127.0.0.1)
  --log-level LEVEL       error | warn | info | debug (default info)
  --config FILE           JSON or YAML file with the same keys (data_dir, query_port, ...)
  --mysql-version V       handshake version and @@version (default 8.0.33)
  --version-comment TEXT  @@version_comment
  --starrocks-version V   current_version()
  --shutdown-grace-seconds N  time in-flight statements get on SIGTERM/SIGINT (default 10)
  --tls-cert FILE --tls-key FILE   TLS on the MySQL port from PEM files (default off)
  --ssl-keystore-location FILE --ssl-keystore-password P   TLS from a PKCS#12 keystore
  --ssl-force-secure-transport true   refuse clients that do not switch to TLS
  --memory-limit SIZE     DuckDB memory limit, e.g. 2GB (default: DuckDB's, 80% of RAM)

Every option can also be set as ROCKLING_<NAME> (e.g. ROCKLING_QUERY_PORT=9031).
`;

type ConfigValue = string | number | boolean;

function convert(key: Key, raw: unknown, where: string): ConfigValue {
  const spec = KEYS[key];
  const text = typeof raw === 'string' ? raw.trim() : raw;
  switch (spec.kind) {
    case 'string':
      if (typeof text !== 'string' || text === '')
        throw new ConfigError(`${where}: ${spec.snake} must be a non-empty string`);
      return text;
    case 'optional':
      if (typeof text !== 'string') throw new ConfigError(`${where}: ${spec.snake} must be a string`);
      return text;
    case 'boolean':
      if (text === true || text === false) return text;
      if (typeof text === 'string' && /^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
      throw new ConfigError(`${where}: ${spec.snake} must be true or false`);
    case 'level':
      if (typeof text !== 'string' || !isLogLevel(text))
        throw new ConfigError(`${where}: log_level must be error, warn, info or debug`);
      return text;
    case 'port':
    case 'number': {
      const n =
        typeof text === 'number' ? text : typeof text === 'string' && /^\d+$/.test(text) ? Number(text) : NaN;
      if (!Number.isInteger(n) || n < 0 || (spec.kind === 'port' && n > 65535)) {
        throw new ConfigError(
          `${where}: ${spec.snake} must be ${spec.kind === 'port' ? 'a port number' : 'a non-negative integer'}, got ${JSON.stringify(raw)}`,
        );
      }
      return n;
    }
  }
}

function keyFor(name: string): Key | undefined {
  const norm = name.replace(/-/g, '_').toLowerCase();
  for (const [key, spec] of Object.entries(KEYS))
    if (spec.snake === norm || key.toLowerCase() === norm.replace(/_/g, '')) return key as Key;
  return undefined;
}

/** The YAML parser, required only when a YAML config file is given (its 72 modules slow every start). */
function parseYaml(text: string): unknown {
  return (createRequire(import.meta.url)('yaml') as typeof Yaml).parse(text);
}

function fromFile(path: string, readFile: (path: string) => string): Partial<Record<Key, ConfigValue>> {
  let text: string;
  try {
    text = readFile(path);
  } catch (e) {
    throw new ConfigError(`cannot read config file ${path}: ${(e as Error).message}`);
  }
  let data: unknown;
  try {
    data = /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new ConfigError(
      `config file ${path} is not valid ${/\.json$/i.test(path) ? 'JSON' : 'YAML'}: ${(e as Error).message}`,
    );
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data))
    throw new ConfigError(`config file ${path} must hold a mapping`);
  const out: Partial<Record<Key, ConfigValue>> = {};
  for (const [name, value] of Object.entries(data as Record<string, unknown>)) {
    const key = keyFor(name);
    if (key === undefined) throw new ConfigError(`config file ${path}: unknown key '${name}'`);
    out[key] = convert(key, value, `config file ${path}`);
  }
  return out;
}

interface ParsedArgs {
  readonly values: Partial<Record<Key, ConfigValue>>;
  readonly config: string | undefined;
  readonly help: boolean;
}

function parseArgs(argv: readonly string[]): ParsedArgs {
  const values: Partial<Record<Key, ConfigValue>> = {};
  let config: string | undefined;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (m === null) throw new ConfigError(`unexpected argument '${arg}'`);
    const name = m[1] as string;
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new ConfigError(`--${name} needs a value`);
    if (name === 'config') {
      config = value;
      continue;
    }
    const key = keyFor(name);
    if (key === undefined) throw new ConfigError(`unknown option --${name}`);
    values[key] = convert(key, value, `--${name}`);
  }
  return { values, config, help };
}

/** Resolve the configuration; `help` is true when --help was given. */
export function resolveServeConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  readFile: (path: string) => string,
): { config: ServeConfig; help: boolean } {
  const args = parseArgs(argv);
  const fromEnv: Partial<Record<Key, ConfigValue>> = {};
  for (const [key, spec] of Object.entries(KEYS)) {
    const raw = env[`ROCKLING_${spec.snake.toUpperCase()}`];
    if (raw !== undefined && raw !== '')
      fromEnv[key as Key] = convert(key as Key, raw, `ROCKLING_${spec.snake.toUpperCase()}`);
  }
  const configPath = args.config ?? env['ROCKLING_CONFIG'];
  const file = configPath !== undefined && configPath !== '' ? fromFile(configPath, readFile) : {};
  const config = { ...DEFAULTS, ...file, ...fromEnv, ...args.values } as ServeConfig;
  return { config, help: args.help };
}

/** The MySQL port's TLS settings, or undefined when none are configured (StarRocks' default). */
export function tlsConfigOf(config: ServeConfig): TlsConfig | undefined {
  const pem = config.tlsCert !== '' || config.tlsKey !== '';
  const keystore = config.sslKeystoreLocation !== '';
  if (pem && keystore)
    throw new ConfigError('give either --tls-cert/--tls-key or --ssl-keystore-location, not both');
  if (pem && (config.tlsCert === '' || config.tlsKey === ''))
    throw new ConfigError('--tls-cert and --tls-key go together');
  const required = config.sslForceSecureTransport;
  if (pem) return { certFile: config.tlsCert, keyFile: config.tlsKey, required };
  if (keystore)
    return {
      keystoreFile: config.sslKeystoreLocation,
      ...(config.sslKeystorePassword !== '' ? { keystorePassword: config.sslKeystorePassword } : {}),
      required,
    };
  if (required)
    throw new ConfigError(
      'ssl_force_secure_transport needs a certificate (--tls-cert/--tls-key or --ssl-keystore-location)',
    );
  return undefined;
}
