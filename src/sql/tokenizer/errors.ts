import { SqlError } from '../../errors/index.js';

/**
 * A StarRocks-style syntax error (errno 1064). The message uses StarRocks' wording, whose column
 * is 0-based ("Getting syntax error at line 1, column 0. …"); `pos` carries the 1-based column.
 */
export function syntaxError(line: number, column: number, detail: string): SqlError {
  const message = `Getting syntax error at line ${line}, column ${column - 1}. Detail message: ${detail}`;
  return new SqlError('parse-error', { message }, { line, column });
}
