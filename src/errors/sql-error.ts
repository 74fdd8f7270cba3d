import { ERROR_CODES, type ErrorCode } from './registry.js';

export type ErrorParams = Readonly<Record<string, string | number | boolean>>;

/** A source position (1-based line and column) a parse or bind error points at. */
export interface SourcePos {
  readonly line: number;
  readonly column: number;
}

/** A user-facing failure: carries the registry code, MySQL errno and SQLSTATE. */
export class SqlError extends Error {
  override readonly name = 'SqlError';
  readonly errno: number;
  readonly sqlState: string;

  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
    readonly pos?: SourcePos,
  ) {
    const spec = ERROR_CODES[code];
    super(formatTemplate(spec.template, params));
    this.errno = spec.errno;
    this.sqlState = spec.sqlState;
  }
}

function formatTemplate(template: string, params: ErrorParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key];
    return value === undefined ? whole : String(value);
  });
}

/** Shorthand for the most common construction. */
export function sqlError(code: ErrorCode, params: ErrorParams = {}, pos?: SourcePos): SqlError {
  return new SqlError(code, params, pos);
}

/** `not supported: <feature>` (errno 1235): StarRocks has it, Rockling does not yet. */
export function notSupported(feature: string, pos?: SourcePos): SqlError {
  return new SqlError('not-supported', { feature }, pos);
}

/** Map any thrown value to something the wire can report (SqlError or errno 1105). */
export function toSqlError(error: unknown): SqlError {
  if (error instanceof SqlError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SqlError('internal-error', { message });
}
