/** Statement dispatch on the leading keyword; each family lives in its own module. */
import type { AstStatement } from '../../ast/index.js';
import type { Cursor } from '../cursor.js';
import { startsQuery } from '../expressions/pratt.js';
import { parseGrantRevoke } from './account.js';
import { parseAlter } from './alter.js';
import { parseCreate, parseDrop, parseTruncate } from './ddl.js';
import { parseDml, parseInsert } from './dml.js';
import { genericRest, parseExplainOrDescribe } from './explain.js';
import { parseGenericStatement } from './generic.js';
import { parseQuery } from './query.js';
import {
  parseDeallocate,
  parseExecute,
  parseKill,
  parsePrepare,
  parseSet,
  parseTransaction,
  parseUse,
} from './session.js';
import { parseShow } from './show.js';

type Handler = (p: Cursor) => AstStatement;

/** A query statement; `… INTO OUTFILE 'path' [FORMAT AS f] [PROPERTIES (…)]` is recognised as generic. */
function parseQueryStatement(p: Cursor): AstStatement {
  const q = parseQuery(p);
  if (!p.isWords('INTO', 'OUTFILE')) return q;
  return genericRest(p, 'SELECT INTO OUTFILE');
}

const HANDLERS: Readonly<Record<string, Handler>> = {
  SELECT: parseQueryStatement,
  WITH: parseWithStatement,
  VALUES: parseQuery,
  EXPLAIN: parseExplainOrDescribe,
  DESC: parseExplainOrDescribe,
  DESCRIBE: parseExplainOrDescribe,
  INSERT: parseInsert,
  UPDATE: parseDml,
  CREATE: parseCreate,
  DROP: parseDrop,
  TRUNCATE: parseTruncate,
  ALTER: parseAlter,
  USE: parseUse,
  SET: parseSet,
  SHOW: parseShow,
  KILL: parseKill,
  BEGIN: parseTransaction,
  START: parseTransaction,
  COMMIT: parseTransaction,
  ROLLBACK: parseTransaction,
  PREPARE: parsePrepare,
  EXECUTE: parseExecute,
  DEALLOCATE: parseDeallocate,
  GRANT: parseGrantRevoke,
  REVOKE: parseGrantRevoke,
};

/** `WITH …` starts a query, or an UPDATE/DELETE with common table expressions. */
function parseWithStatement(p: Cursor): AstStatement {
  // Find the word after the WITH clause's last `)` at depth 0.
  let depth = 0;
  for (let k = 0; ; k++) {
    const t = p.peek(k);
    if (t.kind === 'eof' || (t.kind === 'op' && t.value === ';')) break;
    if (t.kind === 'op' && t.value === '(') depth++;
    else if (t.kind === 'op' && t.value === ')') depth--;
    else if (depth === 0 && t.kind === 'word' && (t.upper === 'UPDATE' || t.upper === 'DELETE'))
      return parseDml(p);
    else if (depth === 0 && t.kind === 'word' && t.upper === 'SELECT') break;
  }
  return parseQueryStatement(p);
}

/** Parse one statement starting at the cursor (the caller checks what follows). */
export function parseOneStatement(p: Cursor): AstStatement {
  if (p.isOp('(') && startsQuery(p)) return parseQueryStatement(p);
  const t = p.peek();
  if (t.kind === 'word') {
    if (t.upper === 'DELETE' && p.isWord('FROM', 1)) return parseDml(p);
    const handler = HANDLERS[t.upper];
    if (handler) return handler(p);
    const generic = parseGenericStatement(p);
    if (generic) return generic;
  }
  for (const w of ['SELECT', 'INSERT', 'CREATE', 'SHOW', 'SET', 'USE', '(', ';']) p.note(`'${w}'`);
  return p.fail();
}
