/** Token types of the StarRocks lexer. Tokens keep their source span for errors and view text. */

export type TokenKind =
  /** Unquoted word: identifier or keyword (`upper` holds the upper-cased text). */
  | 'word'
  /** Back-quoted identifier; `value` is the unescaped name. */
  | 'quoted-ident'
  /** 'single' or "double" quoted string; `value` is the unescaped text. */
  | 'string'
  /** `X'4142'`: hex digits in `value`. */
  | 'binary-string'
  /** Integer, decimal, double (`1e3`) or hex (`0x1F`) literal; `value` is the text as written. */
  | 'number'
  /** Operator or punctuation; `value` is the operator text. */
  | 'op'
  /** `?` placeholder. */
  | 'param'
  /** `$$ … $$` attachment (inline function bodies); `value` is the inner text. */
  | 'attachment'
  | 'eof';

export type NumberKind = 'integer' | 'decimal' | 'double' | 'hex';

export interface Token {
  readonly kind: TokenKind;
  /** Unescaped content (identifiers, strings), operator text, or number text. */
  readonly value: string;
  /** Upper-cased `value` for words (keyword comparisons); same as value otherwise. */
  readonly upper: string;
  readonly numberKind?: NumberKind;
  /** Which quote a string used (`'` or `"`). */
  readonly quote?: string;
  /** Offsets into the source text: [start, end). */
  readonly start: number;
  readonly end: number;
  /** 1-based line and column of the first character. */
  readonly line: number;
  readonly column: number;
  /** True when whitespace or a comment precedes the token. */
  readonly spaceBefore: boolean;
}

/** Multi-character operators, longest first so the lexer can match greedily. */
export const OPERATORS: readonly string[] = [
  '<=>',
  '...',
  '[*]',
  '<=',
  '>=',
  '<>',
  '!=',
  '||',
  '&&',
  '->',
  '=>',
  '@@',
  '<<',
  '>>',
  '::',
  '=',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '&',
  '|',
  '^',
  '~',
  '!',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  '.',
  ';',
  ':',
  '@',
];
