/**
 * The pure SQL front end: tokenizer, parser and printer for the StarRocks dialect.
 * Parse errors are SqlError 'parse-error' (errno 1064) with StarRocks' message and a position.
 */
export type * from './ast/index.js';
export {
  tokenize,
  isReserved,
  RESERVED_WORDS,
  type Token,
  type TokenKind,
  type NumberKind,
} from './tokenizer/index.js';
export {
  parseStatements,
  parseStatement,
  parseExpression,
  parseQuery,
  MAX_DEPTH,
  type ParseOptions,
} from './parser/index.js';
export {
  printStatement,
  printExpr,
  printQuery,
  printRelation,
  printType,
  printOrderItems,
  quoteIdent,
  quoteName,
  quoteString,
} from './printer/index.js';
