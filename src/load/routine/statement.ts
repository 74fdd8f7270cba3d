/**
 * CREATE / ALTER ROUTINE LOAD text → its parts. The SQL parser recognises these statements as
 * `generic` nodes (it checks their shape, keeps the text); this reads the text again with the
 * tokenizer. COLUMNS (…) and WHERE keep their source text: they go to the Stream Load plan,
 * which compiles them exactly as the `columns`/`where` headers.
 */
import { tokenize, type Token } from '../../sql/index.js';
import { analysisError } from './properties.js';
import type { LoadDesc } from './job.js';

/** A parsed CREATE or ALTER ROUTINE LOAD. */
export interface RoutineLoadStatement {
  readonly db: string | null;
  readonly name: string;
  /** ON table (CREATE only). */
  readonly table: string | null;
  /** Only the load properties the statement wrote (ALTER replaces just those). */
  readonly loadDesc: Partial<LoadDesc>;
  readonly properties: Record<string, string>;
  /** FROM <type> (…); null when absent (ALTER). */
  readonly source: { readonly type: string; readonly properties: Record<string, string> } | null;
}

class Reader {
  private i = 0;
  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
  ) {}

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.i + ahead, this.tokens.length - 1)] as Token;
  }
  next(): Token {
    const t = this.peek();
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }
  isWord(...words: string[]): boolean {
    return words.every((w, k) => {
      const t = this.peek(k);
      return t.kind === 'word' && t.upper === w;
    });
  }
  acceptWord(...words: string[]): boolean {
    if (!this.isWord(...words)) return false;
    words.forEach(() => this.next());
    return true;
  }
  expectWord(...words: string[]): void {
    if (!this.acceptWord(...words)) this.fail(words.join(' '));
  }
  isOp(op: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.value === op;
  }
  acceptOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.next();
    return true;
  }
  expectOp(op: string): void {
    if (!this.acceptOp(op)) this.fail(`'${op}'`);
  }
  atEnd(): boolean {
    return this.peek().kind === 'eof' || (this.isOp(';') && this.peek(1).kind === 'eof');
  }
  ident(): string {
    const t = this.next();
    if (t.kind === 'word' || t.kind === 'quoted-ident') return t.value;
    return this.fail('an identifier', t);
  }
  string(): Token {
    const t = this.next();
    if (t.kind === 'string') return t;
    return this.fail('a string', t);
  }
  /** Source text of the balanced group starting at '(' (without the parentheses). */
  group(): string {
    const open = this.peek();
    this.expectOp('(');
    let depth = 1;
    for (;;) {
      const t = this.next();
      if (t.kind === 'eof') this.fail("')'", t);
      if (t.kind === 'op' && t.value === '(') depth++;
      if (t.kind === 'op' && t.value === ')' && --depth === 0)
        return this.text.slice(open.end, t.start).trim();
    }
  }
  /** Source text up to a top-level ',' before a load property, PROPERTIES, FROM or the end. */
  until(stop: (r: Reader) => boolean): string {
    const first = this.peek();
    let depth = 0;
    let last = first;
    while (!this.atEnd()) {
      if (depth === 0 && stop(this)) break;
      const t = this.next();
      if (t.kind === 'op' && t.value === '(') depth++;
      if (t.kind === 'op' && t.value === ')') depth--;
      last = t;
    }
    if (last === first && this.peek() === first) this.fail('an expression');
    return this.text.slice(first.start, last.end).trim();
  }
  fail(expected: string, at: Token = this.peek()): never {
    const near = at.kind === 'eof' ? 'the end' : `'${this.text.slice(at.start, at.end)}'`;
    throw analysisError(`Syntax error in line ${at.line}: unexpected ${near}, expecting ${expected}`);
  }
}

/** `\t`, `\n`, `\r`, `\\` become the characters; `\xNN…` stays for the separator decoder. */
function separatorText(t: Token, source: string): string {
  const raw = source.slice(t.start + 1, t.end - 1);
  return raw.replace(/\\([tnr\\'"])/g, (_m, c: string) =>
    c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : c,
  );
}

/** `( "k" = "v", … )` */
function properties(r: Reader): Record<string, string> {
  const out: Record<string, string> = {};
  r.expectOp('(');
  if (r.acceptOp(')')) return out;
  do {
    const key = r.string().value;
    r.expectOp('=');
    out[key] = r.string().value;
  } while (r.acceptOp(','));
  r.expectOp(')');
  return out;
}

function partitionNames(r: Reader): string[] {
  if (!r.isOp('(')) return [r.ident()];
  r.expectOp('(');
  const names: string[] = [];
  do names.push(r.ident());
  while (r.acceptOp(','));
  r.expectOp(')');
  return names;
}

const LOAD_PROPERTY_WORDS = ['COLUMNS', 'ROWS', 'WHERE', 'PARTITION', 'PARTITIONS', 'TEMPORARY'];

function endsWhere(r: Reader): boolean {
  if (r.isWord('PROPERTIES') || r.isWord('FROM')) return true;
  return r.isOp(',') && LOAD_PROPERTY_WORDS.some((w) => r.peek(1).kind === 'word' && r.peek(1).upper === w);
}

function loadProperty(r: Reader, desc: { -readonly [K in keyof LoadDesc]?: LoadDesc[K] }, text: string) {
  if (r.acceptWord('COLUMNS', 'TERMINATED', 'BY')) desc.columnSeparator = separatorText(r.string(), text);
  else if (r.acceptWord('ROWS', 'TERMINATED', 'BY')) desc.rowDelimiter = separatorText(r.string(), text);
  else if (r.acceptWord('COLUMNS')) desc.columns = r.group();
  else if (r.acceptWord('WHERE')) desc.where = r.until(endsWhere);
  else if (r.acceptWord('TEMPORARY', 'PARTITION') || r.acceptWord('TEMPORARY', 'PARTITIONS')) {
    desc.partitions = partitionNames(r);
    desc.temporaryPartitions = true;
  } else if (r.acceptWord('PARTITION') || r.acceptWord('PARTITIONS')) {
    desc.partitions = partitionNames(r);
    desc.temporaryPartitions = false;
  } else r.fail('COLUMNS, WHERE, PARTITION, PROPERTIES or FROM');
}

/** Parse `CREATE ROUTINE LOAD …` or `ALTER ROUTINE LOAD FOR …`. */
export function parseRoutineLoadStatement(text: string): RoutineLoadStatement & { kind: 'create' | 'alter' } {
  const r = new Reader(text, tokenize(text));
  const kind = r.acceptWord('CREATE', 'ROUTINE', 'LOAD') ? 'create' : 'alter';
  if (kind === 'alter') r.expectWord('ALTER', 'ROUTINE', 'LOAD', 'FOR');
  let db: string | null = null;
  let name = r.ident();
  if (r.acceptOp('.')) [db, name] = [name, r.ident()];
  let table: string | null = null;
  if (kind === 'create') {
    r.expectWord('ON');
    table = r.ident();
  }
  const desc: { -readonly [K in keyof LoadDesc]?: LoadDesc[K] } = {};
  if (!r.isWord('PROPERTIES') && !r.isWord('FROM') && !r.atEnd()) {
    do loadProperty(r, desc, text);
    while (r.acceptOp(','));
  }
  const props = r.acceptWord('PROPERTIES') ? properties(r) : {};
  let source: RoutineLoadStatement['source'] = null;
  if (r.acceptWord('FROM')) source = { type: r.ident().toUpperCase(), properties: properties(r) };
  else if (kind === 'create') r.fail('FROM');
  if (!r.atEnd()) r.fail('the end of the statement');
  return { kind, db, name, table, loadDesc: desc, properties: props, source };
}
