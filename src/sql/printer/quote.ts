/** Quoting for printed SQL: identifiers in back-quotes when needed, strings in single quotes. */
import { CLAUSE_WORDS, isReserved } from '../tokenizer/index.js';

/** Non-reserved words that still read as something else when printed bare in an expression. */
const AMBIGUOUS_WORDS = new Set([
  'INTERVAL',
  'BINARY',
  'MAP',
  'NOT',
  'TIMESTAMP',
  'DATE',
  'DATETIME',
  'BITSHIFTLEFT',
  'BITSHIFTRIGHT',
  'BITSHIFTRIGHTLOGICAL',
  'ESCAPE',
  'CAST',
  'EXTRACT',
]);

const SIMPLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** An identifier, back-quoted when bare text would not lex back to the same name. */
export function ident(name: string): string {
  const upper = name.toUpperCase();
  if (SIMPLE.test(name) && !isReserved(upper) && !CLAUSE_WORDS.has(upper) && !AMBIGUOUS_WORDS.has(upper)) {
    return name;
  }
  return '`' + name.replace(/`/g, '``') + '`';
}

/** `a.b.c` */
export function qname(parts: readonly string[]): string {
  return parts.map(ident).join('.');
}

const STRING_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  "'": "\\'",
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\0': '\\0',
  '\b': '\\b',
  '\x1a': '\\Z',
};

// Characters that need a backslash escape; built from a string so the regex holds no raw control chars.
const NEEDS_ESCAPE = new RegExp(
  `[${['\\\\', "'", '\\n', '\\r', '\\t', '\\0', '\\b', '\\x1a'].join('')}]`,
  'g',
);
const NEEDS_ESCAPE_DQ = new RegExp(
  `[${['\\\\', '"', '\\n', '\\r', '\\t', '\\0', '\\b', '\\x1a'].join('')}]`,
  'g',
);

/** A single-quoted string literal with MySQL backslash escapes. */
export function str(value: string): string {
  return "'" + value.replace(NEEDS_ESCAPE, (c) => STRING_ESCAPES[c] ?? c) + "'";
}

/** A double-quoted string (PROPERTIES keys and values, as StarRocks prints them). */
export function dstr(value: string): string {
  return '"' + value.replace(NEEDS_ESCAPE_DQ, (c) => (c === '"' ? '\\"' : (STRING_ESCAPES[c] ?? c))) + '"';
}
