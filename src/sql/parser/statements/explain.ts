/** EXPLAIN [LOGICAL|VERBOSE|COSTS|ANALYZE|SCHEDULER] stmt, and DESC/DESCRIBE (table or query). */
import type { AstExplainOptions, AstStatement } from '../../ast/index.js';
import type { Cursor } from '../cursor.js';
import { startsQuery } from '../expressions/pratt.js';
import { parseName } from './common.js';
import { parseDml } from './dml.js';
import { parseQuery } from './query.js';

const LEVELS: Readonly<Record<string, AstExplainOptions['level']>> = {
  LOGICAL: 'logical',
  VERBOSE: 'verbose',
  COSTS: 'costs',
  ANALYZE: 'analyze',
  SCHEDULER: 'scheduler',
};

export function parseExplainOrDescribe(p: Cursor): AstStatement {
  const word = p.next().upper;
  const levelWord = p.peek().upper;
  const level = p.peek().kind === 'word' ? LEVELS[levelWord] : undefined;
  const k = level ? 1 : 0;
  const explainable =
    startsQuery(p, k) || p.isOp('(', k) || ['INSERT', 'UPDATE', 'DELETE'].some((w) => p.isWord(w, k));
  if (word === 'EXPLAIN' || explainable) {
    if (level) p.next();
    const statement = startsQuery(p) || p.isOp('(') ? parseQuery(p) : parseDml(p);
    return { kind: 'explain', level: level ?? 'normal', statement };
  }
  // DESC FILES(…), DESC STORAGE VOLUME v, DESC PIPE p.
  if (p.isWord('FILES') && p.isOp('(', 1)) return genericRest(p, 'DESC FILES');
  if (p.isWords('STORAGE', 'VOLUME')) return genericRest(p, 'DESC STORAGE VOLUME');
  if (p.isWord('PIPE') && (p.isIdent(1) || p.peek(1).kind === 'quoted-ident'))
    return genericRest(p, 'DESC PIPE');
  const table = parseName(p);
  const all = p.acceptWord('ALL');
  return { kind: 'describe', table, all };
}

/** Consume the rest of a statement whose structure Rockling does not model. */
export function genericRest(p: Cursor, feature: string): AstStatement {
  while (!p.atEnd()) skipBalanced(p);
  return { kind: 'generic', feature, text: '' };
}

/** Skip one token, or a whole balanced (…)/[…]/{…} group. */
export function skipBalanced(p: Cursor): void {
  const t = p.next();
  if (t.kind !== 'op' || !['(', '[', '{'].includes(t.value)) return;
  let depth = 1;
  while (depth > 0) {
    const u = p.next();
    if (u.kind === 'eof') {
      p.note("')'");
      p.fail();
    }
    if (u.kind === 'op' && ['(', '[', '{'].includes(u.value)) depth++;
    if (u.kind === 'op' && [')', ']', '}'].includes(u.value)) depth--;
  }
}
