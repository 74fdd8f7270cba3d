import { SqlError } from '../../errors/index.js';

/**
 * A StarRocks-style syntax error (errno 1064). The message uses StarRocks' wording, whose column
 * is 0-based ("Getting syntax error at line 1, column 0. …"); `pos` carries the 1-based column.
 */
export function syntaxError(line: number, column: number, detail: string): SqlError {
  const message = `Getting syntax error at line ${line}, column ${column - 1}. Detail message: ${detail}`;
  return new SqlError('parse-error', { message }, { line, column });
}

/** A syntax error over a span, as StarRocks words checks made while building the AST. */
export function syntaxErrorSpan(
  from: { line: number; column: number },
  to: { line: number; column: number },
  detail: string,
): SqlError {
  const message =
    `Getting syntax error from line ${from.line}, column ${from.column - 1} to line ${to.line}, ` +
    `column ${to.column - 1}. Detail message: ${detail}`;
  return new SqlError('parse-error', { message }, { line: from.line, column: from.column });
}

/** A syntax error StarRocks reports without a position (configuration-gated statements). */
export function syntaxErrorNoPos(detail: string, at: { line: number; column: number }): SqlError {
  return new SqlError('parse-error', { message: `Getting syntax error. Detail message: ${detail}` }, at);
}
