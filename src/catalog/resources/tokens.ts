/**
 * A small cursor over StarRocks tokens for the statements the parser keeps as `generic` text
 * (resource groups, external catalogs, REFRESH/ALTER/DROP MATERIALIZED VIEW). The parser already
 * checked their overall shape; this reads the parts Rockling executes.
 */
import { SqlError } from '../../errors/index.js';
import { tokenize, type Token } from '../../sql/index.js';

export class Tokens {
  private readonly tokens: Token[];
  i = 0;

  constructor(readonly text: string) {
    this.tokens = tokenize(text).filter((t) => !(t.kind === 'op' && t.value === ';'));
  }

  peek(k = 0): Token {
    return this.tokens[Math.min(this.i + k, this.tokens.length - 1)] as Token;
  }

  atEnd(): boolean {
    return this.peek().kind === 'eof';
  }

  fail(what: string): never {
    const t = this.peek();
    throw new SqlError('parse-error', {
      message: `Getting syntax error at line ${t.line}, column ${t.column - 1}. Detail message: Unexpected input '${t.kind === 'eof' ? '<EOF>' : t.value}', ${what}.`,
    });
  }

  isWord(w: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'word' && t.upper === w;
  }

  isWords(...words: string[]): boolean {
    return words.every((w, k) => this.isWord(w, k));
  }

  acceptWords(...words: string[]): boolean {
    if (!this.isWords(...words)) return false;
    this.i += words.length;
    return true;
  }

  expectWords(...words: string[]): void {
    if (!this.acceptWords(...words)) this.fail(`expected ${words.join(' ')}`);
  }

  isOp(op: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.value === op;
  }

  acceptOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.i++;
    return true;
  }

  expectOp(op: string): void {
    if (!this.acceptOp(op)) this.fail(`expected '${op}'`);
  }

  /** An identifier (plain, back-quoted) or a string. */
  name(): string {
    const t = this.peek();
    if (t.kind !== 'word' && t.kind !== 'quoted-ident' && t.kind !== 'string') this.fail('expected a name');
    this.i++;
    return t.value;
  }

  /** `a.b.c` → parts. */
  qualifiedName(): string[] {
    const parts = [this.name()];
    while (this.acceptOp('.')) parts.push(this.name());
    return parts;
  }

  /** A string or a number, as text. */
  value(): string {
    const t = this.peek();
    if (t.kind !== 'string' && t.kind !== 'number' && t.kind !== 'word') this.fail('expected a value');
    this.i++;
    return t.value;
  }

  /** `("k" = "v", …)` (keys may be bare words, as in resource-group classifiers). */
  pairs(): { key: string; value: string }[] {
    this.expectOp('(');
    const out: { key: string; value: string }[] = [];
    if (this.acceptOp(')')) return out;
    do {
      const key = this.name();
      this.expectOp('=');
      out.push({ key, value: this.value() });
    } while (this.acceptOp(','));
    this.expectOp(')');
    return out;
  }

  /** The source text from the current token to the end. */
  rest(): string {
    return this.text.slice(this.peek().start).trim().replace(/;\s*$/, '');
  }

  expectEnd(): void {
    if (!this.atEnd()) this.fail('expected the end of the statement');
  }
}
