/**
 * DuckDB failures → SqlError. DuckDB prefixes messages with its error class
 * (`Constraint Error: …`, `Conversion Error: …`); classes with a StarRocks/MySQL counterpart get
 * its errno, the rest keep DuckDB's text without the class prefix as a runtime error. Only
 * genuinely unexpected failures (our generated SQL being wrong) surface as 1105.
 */
import { SqlError } from '../errors/index.js';

const PREFIX = /^([A-Za-z]+(?: [A-Za-z]+)?) Error: /;

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.trim();
}

/** Map anything DuckDB threw (or a SqlError passing through) to a SqlError. */
export function mapDuckDbError(error: unknown): SqlError {
  if (error instanceof SqlError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const klass = PREFIX.exec(message)?.[1] ?? '';
  const detail = firstLine(message.replace(PREFIX, ''));
  switch (klass) {
    case 'INTERRUPT':
    case 'Interrupt':
      return new SqlError('query-interrupted');
    case 'Constraint': {
      const notNull = /NOT NULL constraint failed: (?:[^.]*\.)?(.+)$/.exec(detail);
      if (notNull?.[1] !== undefined) return new SqlError('bad-null', { column: notNull[1] });
      return new SqlError('runtime-error', { message: detail });
    }
    case 'Conversion':
    case 'Out of Range':
    case 'Invalid Input':
    case 'Transaction':
    case 'TransactionContext':
    case 'Not implemented':
      return new SqlError('runtime-error', { message: detail });
    default:
      if (/interrupted/i.test(message)) return new SqlError('query-interrupted');
      return new SqlError('internal-error', { message: detail });
  }
}
