/** Small pieces shared by statement families: PROPERTIES lists, IF [NOT] EXISTS, user identities. */
import type { AstName, AstProperties, AstUserIdentity } from '../../ast/index.js';
import type { Cursor } from '../cursor.js';

/** `("k" = "v", …)` — StarRocks wants strings; numbers and words are accepted as values too. */
export function parseProperties(p: Cursor): AstProperties {
  p.expectOp('(');
  const out: { key: string; value: string }[] = [];
  if (p.acceptOp(')')) return out;
  do {
    const key = p.identOrString();
    p.expectOp('=');
    out.push({ key, value: propertyValue(p) });
  } while (p.acceptOp(','));
  p.expectOp(')');
  return out;
}

function propertyValue(p: Cursor): string {
  const t = p.peek();
  if (t.kind === 'string' || t.kind === 'number' || t.kind === 'word' || t.kind === 'quoted-ident') {
    p.next();
    return t.value;
  }
  p.note('a string');
  return p.fail();
}

/** Optional `PROPERTIES (…)`; empty when absent. */
export function parseOptionalProperties(p: Cursor): AstProperties {
  return p.acceptWord('PROPERTIES') ? parseProperties(p) : [];
}

export function parseIfNotExists(p: Cursor): boolean {
  return p.acceptWords('IF', 'NOT', 'EXISTS');
}
export function parseIfExists(p: Cursor): boolean {
  return p.acceptWords('IF', 'EXISTS');
}

export function parseName(p: Cursor): AstName {
  return { parts: p.qualifiedName() };
}

/** `user`, `'user'@'host'`, `user@host`, `'user'@['domain']`. */
export function parseUser(p: Cursor): AstUserIdentity {
  const name = p.identOrString();
  if (!p.acceptOp('@')) return { name, host: '%' };
  if (p.acceptOp('[')) {
    const host = p.identOrString();
    p.expectOp(']');
    return { name, host, domain: true };
  }
  return { name, host: p.identOrString() };
}

/** `COMMENT 'text'` when present. */
export function parseOptionalComment(p: Cursor): string | undefined {
  return p.acceptWord('COMMENT') ? p.string() : undefined;
}
