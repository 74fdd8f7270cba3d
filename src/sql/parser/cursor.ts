/**
 * The token cursor every parse function works on: look-ahead, keyword and operator matching,
 * StarRocks-style error messages and the nesting guard.
 */
import type { SourcePos } from '../../errors/index.js';
import { isReserved, syntaxError, type Token } from '../tokenizer/index.js';

/** Deepest nesting of expressions/queries accepted; deeper input fails cleanly with 1064. */
export const MAX_DEPTH = 400;

export interface ParseOptions {
  /** sql_mode PIPES_AS_CONCAT: `||` is string concatenation instead of logical OR. */
  readonly pipesAsConcat?: boolean;
  /** FE config `enable_experimental_temporary_table` (off in StarRocks by default). */
  readonly temporaryTables?: boolean;
}

export class Cursor {
  i = 0;
  private depth = 0;
  /** `?` placeholders seen so far (their index in text order). */
  paramCount = 0;
  /** Expected inputs recorded at the furthest failing token, for the error message. */
  private expectedAt = -1;
  private expected: string[] = [];

  constructor(
    readonly tokens: Token[],
    readonly text: string,
    readonly options: ParseOptions = {},
  ) {}

  peek(k = 0): Token {
    const t = this.tokens[this.i + k];
    return t ?? (this.tokens[this.tokens.length - 1] as Token);
  }
  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.i++;
    return t;
  }
  /** The token just consumed. */
  prev(): Token {
    return this.tokens[this.i - 1] ?? this.peek();
  }
  pos(t: Token = this.peek()): SourcePos {
    return { line: t.line, column: t.column };
  }
  atEnd(): boolean {
    return this.atEndAt(0);
  }
  /** End of statement at offset k (EOF or `;`). */
  atEndAt(k: number): boolean {
    const t = this.peek(k);
    return t.kind === 'eof' || (t.kind === 'op' && t.value === ';');
  }

  /** Unquoted word `w` (upper case) at offset k. */
  isWord(w: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'word' && t.upper === w;
  }
  isWords(...ws: string[]): boolean {
    return ws.every((w, k) => this.isWord(w, k));
  }
  isAnyWord(ws: ReadonlySet<string>, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'word' && ws.has(t.upper);
  }
  acceptWord(w: string): boolean {
    if (this.isWord(w)) {
      this.i++;
      return true;
    }
    return false;
  }
  /** Accept a sequence of words only if all of them match. */
  acceptWords(...ws: string[]): boolean {
    if (!this.isWords(...ws)) return false;
    this.i += ws.length;
    return true;
  }
  expectWord(w: string): void {
    if (this.acceptWord(w)) return;
    this.note(`'${w}'`);
    this.fail();
  }
  expectWords(...ws: string[]): void {
    for (const w of ws) this.expectWord(w);
  }

  isOp(op: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'op' && t.value === op;
  }
  acceptOp(op: string): boolean {
    if (this.isOp(op)) {
      this.i++;
      return true;
    }
    return false;
  }
  expectOp(op: string): void {
    if (this.acceptOp(op)) return;
    this.note(`'${op}'`);
    this.fail();
  }

  /** The `)` closing a comma-separated list: StarRocks reports both `,` and `)` as expected. */
  expectListEnd(): void {
    if (this.acceptOp(')')) return;
    this.note("','");
    this.note("')'");
    this.fail();
  }

  /** True when the token can be an identifier (unquoted non-reserved word or back-quoted). */
  isIdent(k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'quoted-ident' || (t.kind === 'word' && !isReserved(t.upper));
  }
  /** An identifier: `name` or `` `name` ``. */
  ident(): string {
    if (this.isIdent()) return this.next().value;
    this.note('a legal identifier');
    return this.fail();
  }
  /** `a.b.c` */
  qualifiedName(): string[] {
    const parts = [this.ident()];
    while (this.isOp('.') && this.isIdentAfterDot()) {
      this.i++;
      parts.push(this.ident());
    }
    return parts;
  }
  /** After a dot any word is a name part (`t.select` is not valid, but `db.order` is common). */
  private isIdentAfterDot(): boolean {
    const t = this.peek(1);
    return t.kind === 'quoted-ident' || t.kind === 'word';
  }
  /** Identifier or string: `USE 'x'`, property keys, labels. */
  identOrString(): string {
    if (this.peek().kind === 'string') return this.next().value;
    if (this.isIdent()) return this.next().value;
    this.note('a legal identifier');
    this.note('a string');
    return this.fail();
  }
  /** The name after `@`: any word (MySQL allows `@select`), a back-quoted name or a string. */
  variableName(): string {
    const t = this.peek();
    if (t.kind === 'word' || t.kind === 'quoted-ident' || t.kind === 'string') {
      this.i++;
      return t.value;
    }
    this.note('a legal identifier');
    return this.fail();
  }
  string(): string {
    if (this.peek().kind === 'string') return this.next().value;
    this.note('a string');
    return this.fail();
  }
  integer(): number {
    const t = this.peek();
    if (t.kind === 'number' && t.numberKind === 'integer') {
      this.i++;
      return Number(t.value);
    }
    this.note('an integer');
    return this.fail();
  }
  /** `(a, b, c)` of identifiers. */
  identList(): string[] {
    this.expectOp('(');
    const out = [this.ident()];
    while (this.acceptOp(',')) out.push(this.ident());
    this.expectOp(')');
    return out;
  }

  /** Record an expectation at the current token (for "the most similar input is {…}"). */
  note(what: string): void {
    if (this.i > this.expectedAt) {
      this.expectedAt = this.i;
      this.expected = [what];
    } else if (this.i === this.expectedAt && !this.expected.includes(what)) {
      this.expected.push(what);
    }
  }
  /** Forget expectations recorded so far (after a successful alternative). */
  clearExpected(): void {
    this.expectedAt = -1;
    this.expected = [];
  }

  /** Fail at the current token with StarRocks' "Unexpected input" message. */
  fail(): never {
    const t = this.peek();
    const input = t.kind === 'eof' ? '<EOF>' : this.text.slice(t.start, t.end);
    const expected = this.expectedAt === this.i ? this.expected.slice(0, 8) : [];
    const detail =
      expected.length > 0
        ? `Unexpected input '${input}', the most similar input is {${expected.join(', ')}}.`
        : `No viable statement for input '${input}'.`;
    throw syntaxError(t.line, t.column, detail);
  }
  /** Fail with a specific detail message at a token. */
  failWith(detail: string, t: Token = this.peek()): never {
    throw syntaxError(t.line, t.column, detail);
  }

  /** Guard recursion: call on entry to a recursive construct, `leave()` on exit. */
  enter(): void {
    if (++this.depth > MAX_DEPTH) {
      this.failWith(`The SQL statement is nested too deeply (more than ${MAX_DEPTH} levels).`);
    }
  }
  leave(): void {
    this.depth--;
  }
  /** Run `fn` nested one level deeper. */
  nested<T>(fn: () => T): T {
    this.enter();
    try {
      return fn();
    } finally {
      this.leave();
    }
  }

  /** Source text between two token indexes (inclusive start, exclusive end). */
  textBetween(startIndex: number, endIndex: number): string {
    const a = this.tokens[startIndex];
    const b = this.tokens[endIndex - 1];
    if (!a || !b || endIndex <= startIndex) return '';
    return this.text.slice(a.start, b.end);
  }

  /** Split a `>>` token in two `>` (closing nested `ARRAY<ARRAY<INT>>`). */
  splitShift(): void {
    const t = this.peek();
    if (t.kind !== 'op' || (t.value !== '>>' && t.value !== '>=')) return;
    const first: Token = { ...t, value: '>', upper: '>', end: t.start + 1 };
    const rest = t.value.slice(1);
    const second: Token = { ...t, value: rest, upper: rest, start: t.start + 1, column: t.column + 1 };
    this.tokens.splice(this.i, 1, first, second);
  }
}
