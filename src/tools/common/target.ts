/**
 * Targets named on the command line as `mysql://user:pass@host:port[/db]`, and the one way the
 * tools connect to them (mysql2, text protocol, values as strings so nothing is rounded).
 */
import { createConnection, type Connection } from 'mysql2/promise';
import { ToolError } from './errors.js';

/** A parsed `mysql://` URL. */
export interface Target {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string | undefined;
}

/** Parse `mysql://user[:pass]@host[:port][/db]` (port defaults to 9030, StarRocks' query port). */
export function parseTarget(url: string, defaultPort = 9030): Target {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ToolError(`not a URL: '${url}' (expected mysql://user:pass@host:port[/db])`);
  }
  if (parsed.protocol !== 'mysql:') {
    throw new ToolError(`unsupported scheme '${parsed.protocol}' in '${redact(url)}' (expected mysql://)`);
  }
  if (parsed.hostname === '') throw new ToolError(`no host in '${redact(url)}'`);
  const path = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port === '' ? defaultPort : Number(parsed.port),
    user: parsed.username === '' ? 'root' : decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: path === '' ? undefined : path,
  };
}

/** The URL with its password masked, for logs and reports. */
export function redact(url: string): string {
  return url.replace(/^(mysql:\/\/[^:@/]*:)[^@/]*@/, '$1***@');
}

/** `user@host:port/db`, never the password. */
export function describeTarget(t: Target): string {
  return `${t.user}@${t.host}:${t.port}${t.database === undefined ? '' : `/${t.database}`}`;
}

/** True for 127.0.0.0/8, ::1 and localhost. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Open one connection. Values come back as strings (DECIMAL, BIGINT, dates) so nothing is rounded. */
export async function connect(t: Target, database?: string): Promise<Connection> {
  const db = database ?? t.database;
  try {
    return await createConnection({
      host: t.host,
      port: t.port,
      user: t.user,
      password: t.password,
      ...(db === undefined ? {} : { database: db }),
      connectTimeout: 10_000,
      supportBigNumbers: true,
      bigNumberStrings: true,
      decimalNumbers: false,
      dateStrings: true,
      multipleStatements: false,
    });
  } catch (error) {
    throw new ToolError(`cannot connect to ${describeTarget(t)}: ${errorMessage(error)}`, 3);
  }
}

/** Which SQL dialect a server speaks, for the few places the tools must differ. */
export type Dialect = 'mysql' | 'starrocks';

/** Server identity from `@@version` / `@@version_comment`. */
export interface ServerInfo {
  readonly dialect: Dialect;
  readonly version: string;
  readonly comment: string;
}

/** StarRocks (and Rockling, which answers like StarRocks) name themselves in version_comment. */
export async function serverInfo(conn: Connection): Promise<ServerInfo> {
  const [rows] = await conn.query('SELECT @@version AS v, @@version_comment AS c');
  const row = (rows as Record<string, unknown>[])[0] ?? {};
  const version = String(row['v'] ?? '');
  const comment = String(row['c'] ?? '');
  const dialect = /starrocks|rockling/i.test(`${version} ${comment}`) ? 'starrocks' : 'mysql';
  return { dialect, version, comment };
}

/** Quote an identifier with backticks (both dialects accept them). */
export function quoteIdent(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/** Quote a string literal for SQL text (both dialects accept backslash and doubled quotes). */
export function quoteString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** The message of anything thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** MySQL errno of a driver error, if it has one. */
export function errorNumber(error: unknown): number | undefined {
  const errno = (error as { errno?: unknown } | null)?.errno;
  return typeof errno === 'number' ? errno : undefined;
}
