import { SqlError, toSqlError } from '../../errors/index.js';
import { CellEncodingError, ProtocolError, writeErr, type PacketWriter } from '../../wire/index.js';
import type { Logger } from '../log.js';

/**
 * Map anything thrown while serving a command to the ERR packet the client gets. SqlErrors are
 * user errors (logged at debug); protocol errors become 1835/1153; anything else is a bug,
 * logged with its stack and reported as errno 1105 without killing the connection.
 */
export function errorToSqlError(error: unknown, log: Logger, context: string): SqlError {
  if (error instanceof SqlError) {
    log.debug(`${context}: ${error.message}`, { errno: error.errno });
    return error;
  }
  if (error instanceof ProtocolError) {
    log.debug(`${context}: protocol error: ${error.message}`);
    return new SqlError(error.reason === 'too-large' ? 'packet-too-large' : 'malformed-packet');
  }
  if (error instanceof CellEncodingError) {
    log.error(`${context}: ${error.message}`);
    return toSqlError(error);
  }
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  log.error(`${context}: internal error: ${stack}`);
  return toSqlError(error);
}

/** Append an ERR packet for a SqlError. */
export function writeSqlError(w: PacketWriter, e: SqlError): void {
  writeErr(w, { errno: e.errno, sqlState: e.sqlState, message: e.message });
}
