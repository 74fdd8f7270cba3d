export { tokenize } from './tokenize.js';
export { type Token, type TokenKind, type NumberKind, OPERATORS } from './token.js';
export { RESERVED_WORDS, CLAUSE_WORDS, isReserved } from './keywords.js';
export { syntaxError, syntaxErrorNoPos, syntaxErrorSpan } from './errors.js';
