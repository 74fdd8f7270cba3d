/**
 * The StarRocks lexer: text → tokens with positions. Comments (`--`, `#`, `/* … *\/`) and
 * optimizer hints (`/*+ … *\/`) are skipped; a hint never changes the meaning of a statement.
 */
import { syntaxError } from './errors.js';
import { OPERATORS, type NumberKind, type Token, type TokenKind } from './token.js';

/** MySQL backslash escapes inside quoted strings; `\%` and `\_` keep the backslash (LIKE patterns). */
const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  b: '\b',
  n: '\n',
  r: '\r',
  t: '\t',
  Z: '\x1a',
  '%': '\\%',
  _: '\\_',
};

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
/** Letters of StarRocks' LETTER fragment: ASCII letters, `_`, `$` and every non-ASCII character. */
function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || (c >= 0x80 && c !== 0x3000);
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c);
}
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0x3000;
}

/** Split SQL text into tokens; the last token is always `eof`. Throws a 1064 SqlError on bad input. */
export function tokenize(text: string): Token[] {
  return new Lexer(text).run();
}

class Lexer {
  private i = 0;
  private line = 1;
  private lineStart = 0;
  private readonly tokens: Token[] = [];
  private spaceBefore = false;

  constructor(private readonly text: string) {}

  run(): Token[] {
    const text = this.text;
    while (true) {
      this.skipSpaceAndComments();
      if (this.i >= text.length) break;
      this.scanToken();
    }
    this.push('eof', '', this.i, this.i, this.line, this.i - this.lineStart + 1);
    return this.tokens;
  }

  private push(
    kind: TokenKind,
    value: string,
    start: number,
    end: number,
    line: number,
    column: number,
    extra?: { numberKind?: NumberKind; quote?: string },
  ): void {
    const upper = kind === 'word' ? value.toUpperCase() : value;
    const token: Token = {
      kind,
      value,
      upper,
      start,
      end,
      line,
      column,
      spaceBefore: this.spaceBefore,
      ...(extra?.numberKind ? { numberKind: extra.numberKind } : {}),
      ...(extra?.quote ? { quote: extra.quote } : {}),
    };
    this.tokens.push(token);
    this.spaceBefore = false;
  }

  /** Advance over text[from, to), keeping line bookkeeping right. */
  private advanceTo(to: number): void {
    const text = this.text;
    for (let j = this.i; j < to; j++) {
      if (text.charCodeAt(j) === 10) {
        this.line++;
        this.lineStart = j + 1;
      }
    }
    this.i = to;
  }

  private error(at: number, detail: string): never {
    // Positions of a lexer error: count lines up to `at`.
    let line = 1;
    let lineStart = 0;
    for (let j = 0; j < at; j++) {
      if (this.text.charCodeAt(j) === 10) {
        line++;
        lineStart = j + 1;
      }
    }
    throw syntaxError(line, at - lineStart + 1, detail);
  }

  private skipSpaceAndComments(): void {
    const text = this.text;
    while (this.i < text.length) {
      const c = text.charCodeAt(this.i);
      if (isSpace(c)) {
        this.advanceTo(this.i + 1);
      } else if (c === 45 && text.charCodeAt(this.i + 1) === 45) {
        this.skipLine();
      } else if (c === 35) {
        this.skipLine();
      } else if (c === 47 && text.charCodeAt(this.i + 1) === 42) {
        const close = text.indexOf('*/', this.i + 2);
        if (close < 0) this.error(this.i, "Unexpected input '/*', the comment is not closed.");
        this.advanceTo(close + 2);
      } else {
        return;
      }
      this.spaceBefore = true;
    }
  }

  private skipLine(): void {
    const nl = this.text.indexOf('\n', this.i);
    this.advanceTo(nl < 0 ? this.text.length : nl + 1);
  }

  private scanToken(): void {
    const text = this.text;
    const start = this.i;
    const line = this.line;
    const column = start - this.lineStart + 1;
    const c = text.charCodeAt(start);
    const next = text.charCodeAt(start + 1);

    if ((c === 88 || c === 120) && (next === 39 || next === 34)) {
      const close = text.indexOf(text[start + 1] as string, start + 2);
      if (close < 0) this.error(start, 'Unexpected input, the binary literal is not closed.');
      const hex = text.slice(start + 2, close);
      if (!/^[0-9a-fA-F]*$/.test(hex))
        this.error(start, `Unexpected input '${text.slice(start, close + 1)}'.`);
      this.advanceTo(close + 1);
      this.push('binary-string', hex, start, this.i, line, column);
      return;
    }
    if (isDigit(c) || (c === 46 && isDigit(next) && !this.dotIsQualifier())) {
      this.scanNumberOrDigitWord(start, line, column);
      return;
    }
    if (isIdentStart(c)) {
      if (c === 36 && next === 36) {
        this.scanAttachment(start, line, column);
        return;
      }
      let j = start + 1;
      while (j < text.length && isIdentPart(text.charCodeAt(j))) j++;
      this.advanceTo(j);
      this.push('word', text.slice(start, j), start, j, line, column);
      return;
    }
    if (c === 39 || c === 34) {
      this.scanString(start, line, column);
      return;
    }
    if (c === 96) {
      this.scanQuotedIdent(start, line, column);
      return;
    }
    if (c === 63) {
      this.advanceTo(start + 1);
      this.push('param', '?', start, start + 1, line, column);
      return;
    }
    for (const op of OPERATORS) {
      if (text.startsWith(op, start)) {
        this.advanceTo(start + op.length);
        this.push('op', op, start, this.i, line, column);
        return;
      }
    }
    this.error(start, `Unexpected input '${text[start] ?? ''}'.`);
  }

  /** `t.5x` style: a dot glued to an identifier or `)` qualifies, it does not start a number. */
  private dotIsQualifier(): boolean {
    const prev = this.tokens[this.tokens.length - 1];
    if (!prev || this.spaceBefore || prev.end !== this.i) return false;
    return prev.kind === 'word' || prev.kind === 'quoted-ident' || (prev.kind === 'op' && prev.value === ')');
  }

  private scanNumberOrDigitWord(start: number, line: number, column: number): void {
    const text = this.text;
    let j = start;
    // Hex: 0x1F.
    if (
      text[j] === '0' &&
      (text[j + 1] === 'x' || text[j + 1] === 'X') &&
      isHexDigit(text.charCodeAt(j + 2))
    ) {
      let k = j + 2;
      while (isHexDigit(text.charCodeAt(k))) k++;
      if (!isIdentPart(text.charCodeAt(k))) {
        this.advanceTo(k);
        this.push('number', text.slice(start, k), start, k, line, column, { numberKind: 'hex' });
        return;
      }
    }
    let kind: NumberKind = 'integer';
    while (isDigit(text.charCodeAt(j))) j++;
    // DIGIT_IDENTIFIER: digits followed by letters (`1abc`), unless it is an exponent.
    if (j > start && isIdentStart(text.charCodeAt(j)) && !this.exponentAt(j)) {
      let k = j;
      while (isIdentPart(text.charCodeAt(k))) k++;
      this.advanceTo(k);
      this.push('word', text.slice(start, k), start, k, line, column);
      return;
    }
    if (text[j] === '.') {
      kind = 'decimal';
      j++;
      while (isDigit(text.charCodeAt(j))) j++;
    }
    if (this.exponentAt(j)) {
      kind = 'double';
      j++;
      if (text[j] === '+' || text[j] === '-') j++;
      while (isDigit(text.charCodeAt(j))) j++;
    }
    this.advanceTo(j);
    this.push('number', text.slice(start, j), start, j, line, column, { numberKind: kind });
  }

  private exponentAt(j: number): boolean {
    const text = this.text;
    const e = text[j];
    if (e !== 'e' && e !== 'E') return false;
    let k = j + 1;
    if (text[k] === '+' || text[k] === '-') k++;
    return isDigit(text.charCodeAt(k));
  }

  private scanString(start: number, line: number, column: number): void {
    const text = this.text;
    const quote = text[start] as string;
    let out = '';
    let j = start + 1;
    let chunk = j;
    while (true) {
      if (j >= text.length) this.error(start, `Unexpected input '${quote}', the string is not closed.`);
      const ch = text[j];
      if (ch === '\\') {
        out += text.slice(chunk, j);
        const esc = text[j + 1];
        if (esc === undefined) this.error(start, `Unexpected input '${quote}', the string is not closed.`);
        out += ESCAPES[esc] ?? esc;
        j += 2;
        chunk = j;
      } else if (ch === quote) {
        if (text[j + 1] === quote) {
          out += text.slice(chunk, j + 1);
          j += 2;
          chunk = j;
        } else {
          out += text.slice(chunk, j);
          break;
        }
      } else {
        j++;
      }
    }
    this.advanceTo(j + 1);
    this.push('string', out, start, this.i, line, column, { quote });
  }

  private scanQuotedIdent(start: number, line: number, column: number): void {
    const text = this.text;
    let out = '';
    let j = start + 1;
    while (true) {
      const close = text.indexOf('`', j);
      if (close < 0) this.error(start, "Unexpected input '`', the identifier is not closed.");
      out += text.slice(j, close);
      if (text[close + 1] === '`') {
        out += '`';
        j = close + 2;
      } else {
        j = close + 1;
        break;
      }
    }
    this.advanceTo(j);
    this.push('quoted-ident', out, start, j, line, column);
  }

  private scanAttachment(start: number, line: number, column: number): void {
    const close = this.text.indexOf('$$', start + 2);
    if (close < 0) this.error(start, "Unexpected input '$$', the attachment is not closed.");
    this.advanceTo(close + 2);
    this.push('attachment', this.text.slice(start + 2, close), start, this.i, line, column);
  }
}
