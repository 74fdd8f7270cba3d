/** Statement dispatch on the leading keyword(s); each family lives in its own module. */
import type { AstStatement } from '../../ast/index.js';
import type { Cursor } from '../cursor.js';
import { startsQuery } from '../expressions/pratt.js';
import { parseExplainOrDescribe } from './explain.js';
import { parseQuery } from './query.js';

type Handler = (p: Cursor) => AstStatement;

const HANDLERS: Readonly<Record<string, Handler>> = {
  SELECT: parseQuery,
  WITH: parseQuery,
  EXPLAIN: parseExplainOrDescribe,
  DESC: parseExplainOrDescribe,
  DESCRIBE: parseExplainOrDescribe,
};

/** Registered statement families beyond the query (filled by the statement modules). */
const EXTRA: Record<string, Handler> = {};

/** Let a statement module register the handler for a leading keyword. */
export function registerStatement(word: string, handler: Handler): void {
  EXTRA[word] = handler;
}

/** Parse one statement starting at the cursor (the caller checks what follows). */
export function parseOneStatement(p: Cursor): AstStatement {
  if (p.isOp('(') && startsQuery(p)) return parseQuery(p);
  const t = p.peek();
  if (t.kind === 'word') {
    const handler = HANDLERS[t.upper] ?? EXTRA[t.upper];
    if (handler) return handler(p);
  }
  for (const w of ['SELECT', 'WITH', 'INSERT', 'CREATE', 'SHOW', 'SET', 'USE', '(']) p.note(`'${w}'`);
  return p.fail();
}
