/**
 * Session statements: USE, SET (every form), KILL, transactions, PREPARE/EXECUTE/DEALLOCATE.
 */
import type { AstExpr, AstSetAssignment, AstStatement } from '../../ast/index.js';
import type { Cursor } from '../cursor.js';
import { parseExpr } from '../expressions/pratt.js';
import { parseRoleList } from './account.js';
import { genericRest } from './explain.js';
import { parseUser } from './common.js';
import { parseOneStatement } from './dispatch.js';

export function parseUse(p: Cursor): AstStatement {
  p.expectWord('USE');
  if (p.peek().kind === 'string') {
    const t = p.next();
    const m = /^\s*catalog\s+(.+?)\s*$/i.exec(t.value);
    if (!m)
      return p.failWith(
        `Unexpected input '${p.text.slice(t.start, t.end)}', the most similar input is {'catalog <name>'}.`,
        t,
      );
    return { kind: 'use', catalog: m[1] as string };
  }
  const parts = p.qualifiedName();
  if (parts.length === 1) return { kind: 'use', db: parts[0] as string };
  if (parts.length === 2) return { kind: 'use', catalog: parts[0] as string, db: parts[1] as string };
  return p.failWith(`Unexpected input '${parts.join('.')}', the most similar input is {a legal identifier}.`);
}

export function parseSet(p: Cursor): AstStatement {
  p.expectWord('SET');
  if (p.isWord('CATALOG') && !p.isOp('=', 1)) {
    p.next();
    return { kind: 'set-catalog', catalog: p.identOrString() };
  }
  if (p.isWord('ROLE') && !p.isOp('=', 1)) return genericRest(p, 'SET ROLE');
  if (p.isWords('DEFAULT', 'ROLE')) return genericRest(p, 'SET DEFAULT ROLE');
  if (p.isWord('PROPERTY') && !p.isOp('=', 1)) return genericRest(p, 'SET PROPERTY');
  const k = p.isWord('SESSION') ? 1 : 0;
  if (p.isWord('WAREHOUSE', k)) return genericRest(p, 'SET WAREHOUSE');
  if ((p.isIdent() || p.peek().kind === 'string') && p.isWord('AS', 1) && p.isWord('DEFAULT', 2)) {
    return genericRest(p, 'SET DEFAULT STORAGE VOLUME');
  }
  const assignments: AstSetAssignment[] = [];
  do assignments.push(parseSetVar(p));
  while (p.acceptOp(','));
  return { kind: 'set', assignments };
}

const SCOPES: Readonly<Record<string, 'global' | 'session'>> = {
  GLOBAL: 'global',
  SESSION: 'session',
  LOCAL: 'session',
  VERBOSE: 'session',
};

function parseSetVar(p: Cursor): AstSetAssignment {
  if (p.isWord('CHARSET') || p.isWords('CHAR', 'SET') || p.isWords('CHARACTER', 'SET')) {
    p.i += p.isWord('CHARSET') ? 1 : 2;
    return { kind: 'charset', charset: p.acceptWord('DEFAULT') ? null : p.identOrString() };
  }
  if (p.isWord('NAMES') && !p.isOp('=', 1)) {
    p.next();
    const charset = p.acceptWord('DEFAULT') ? null : p.identOrString();
    if (p.acceptWord('COLLATE')) {
      if (p.acceptWord('DEFAULT')) return { kind: 'names', charset };
      return { kind: 'names', charset, collation: p.identOrString() };
    }
    return { kind: 'names', charset };
  }
  if (p.isWord('PASSWORD') && (p.isOp('=', 1) || p.isWord('FOR', 1))) return parseSetPassword(p);
  if (p.isOp('@')) {
    p.next();
    const name = p.variableName();
    p.expectOp('=');
    return { kind: 'user', name, value: parseExpr(p) };
  }
  if (p.isOp('@@')) {
    p.next();
    let scope: 'global' | 'session' = 'session';
    const first = p.peek();
    if (first.kind === 'word' && SCOPES[first.upper] && p.isOp('.', 1)) {
      scope = SCOPES[first.upper] as 'global' | 'session';
      p.i += 2;
    }
    const name = p.ident();
    p.expectOp('=');
    return { kind: 'system', scope, name, value: parseSetValue(p) };
  }
  let scope: 'global' | 'session' = 'session';
  let scopeWritten: 'global' | 'session' | null = null;
  const first = p.peek();
  if (first.kind === 'word' && SCOPES[first.upper] && !p.isOp('=', 1)) {
    scope = SCOPES[first.upper] as 'global' | 'session';
    scopeWritten = scope;
    p.next();
  }
  if (p.isWord('TRANSACTION') && !p.isOp('=', 1)) {
    p.next();
    return parseTransactionCharacteristics(p, scopeWritten);
  }
  const name = p.ident();
  p.expectOp('=');
  return { kind: 'system', scope, name, value: parseSetValue(p) };
}

/** `DEFAULT` (null), `ON`/`ALL` (strings, as StarRocks does), a bare word (its name), or an expression. */
function parseSetValue(p: Cursor): AstExpr | null {
  const pos = p.pos();
  if (p.acceptWord('DEFAULT')) return null;
  if (p.isWord('ON') || p.isWord('ALL')) return { kind: 'string', value: p.next().upper, pos };
  const e = parseExpr(p);
  if (e.kind === 'column' && e.parts.length === 1)
    return { kind: 'string', value: e.parts[0] as string, pos };
  return e;
}

function parseSetPassword(p: Cursor): AstSetAssignment {
  p.expectWord('PASSWORD');
  const user = p.acceptWord('FOR') ? parseUser(p) : undefined;
  p.expectOp('=');
  let password: string;
  let hashed: boolean;
  if (p.isWord('PASSWORD') && p.isOp('(', 1)) {
    p.i += 2;
    password = p.string();
    p.expectOp(')');
    hashed = false;
  } else {
    password = p.string();
    hashed = true;
  }
  return { kind: 'password', ...(user ? { user } : {}), password, hashed };
}

function parseTransactionCharacteristics(p: Cursor, scope: 'global' | 'session' | null): AstSetAssignment {
  let isolation: string | undefined;
  let readOnly: boolean | undefined;
  do {
    if (p.acceptWords('ISOLATION', 'LEVEL')) {
      if (p.acceptWords('READ', 'UNCOMMITTED')) isolation = 'READ-UNCOMMITTED';
      else if (p.acceptWords('READ', 'COMMITTED')) isolation = 'READ-COMMITTED';
      else if (p.acceptWords('REPEATABLE', 'READ')) isolation = 'REPEATABLE-READ';
      else {
        p.expectWord('SERIALIZABLE');
        isolation = 'SERIALIZABLE';
      }
    } else {
      p.expectWord('READ');
      if (p.acceptWord('ONLY')) readOnly = true;
      else {
        p.expectWord('WRITE');
        readOnly = false;
      }
    }
  } while (p.acceptOp(','));
  return {
    kind: 'transaction',
    scope,
    ...(isolation !== undefined ? { isolation } : {}),
    ...(readOnly !== undefined ? { readOnly } : {}),
  };
}

export function parseKill(p: Cursor): AstStatement {
  p.expectWord('KILL');
  if (p.isWord('ANALYZE') || p.isWords('ALL', 'PENDING')) return genericRest(p, 'KILL ANALYZE');
  let queryOnly = false;
  if (p.acceptWord('QUERY')) queryOnly = true;
  else p.acceptWord('CONNECTION');
  const t = p.peek();
  const pos = p.pos(t);
  if (t.kind === 'number' && t.numberKind === 'integer') {
    p.next();
    return { kind: 'kill', queryOnly, id: { kind: 'number', text: t.value, pos } };
  }
  if (t.kind === 'string') {
    p.next();
    return { kind: 'kill', queryOnly, id: { kind: 'string', value: t.value, pos } };
  }
  p.note('an integer');
  return p.fail();
}

export function parseTransaction(p: Cursor): AstStatement {
  const word = p.next().upper;
  if (word === 'START') {
    p.expectWord('TRANSACTION');
    p.acceptWords('WITH', 'CONSISTENT', 'SNAPSHOT');
  } else {
    p.acceptWord('WORK');
  }
  if (word === 'START' || word === 'BEGIN') {
    const label = p.acceptWords('WITH', 'LABEL') ? p.ident() : undefined;
    return { kind: 'transaction', action: 'begin', ...(label !== undefined ? { label } : {}) };
  }
  if (p.acceptWord('AND')) {
    p.acceptWord('NO');
    p.expectWord('CHAIN');
  }
  if (p.isWords('NO', 'RELEASE')) p.i += 2;
  else p.acceptWord('RELEASE');
  return { kind: 'transaction', action: word === 'COMMIT' ? 'commit' : 'rollback' };
}

export function parsePrepare(p: Cursor): AstStatement {
  p.expectWord('PREPARE');
  const name = p.ident();
  p.expectWord('FROM');
  if (p.peek().kind === 'string')
    return { kind: 'prepare', name, source: { kind: 'text', text: p.next().value } };
  if (p.isOp('@')) {
    p.next();
    return { kind: 'prepare', name, source: { kind: 'user-var', name: p.variableName() } };
  }
  // `PREPARE s FROM SELECT …`: the statement itself; keep its text.
  const start = p.i;
  const savedParams = p.paramCount;
  parseOneStatement(p);
  p.paramCount = savedParams;
  return { kind: 'prepare', name, source: { kind: 'text', text: p.textBetween(start, p.i) } };
}

export function parseExecute(p: Cursor): AstStatement {
  p.expectWord('EXECUTE');
  if (p.isWord('AS')) return genericRest(p, 'EXECUTE AS');
  const name = p.ident();
  const using: string[] = [];
  if (p.acceptWord('USING')) {
    do {
      p.expectOp('@');
      using.push(p.variableName());
    } while (p.acceptOp(','));
  }
  return { kind: 'execute', name, using };
}

export function parseDeallocate(p: Cursor): AstStatement {
  p.next();
  p.expectWord('PREPARE');
  return { kind: 'deallocate', name: p.ident() };
}

export { parseRoleList };
