/**
 * FROM items: tables (time travel, partitions, alias), derived tables, VALUES, table functions,
 * `TABLE(fn(…))`, `FILES(…)`, LATERAL, parenthesised joins and every join kind StarRocks has
 * (plus NATURAL), with `[broadcast]`-style join hints.
 */
import type { AstCall, AstExpr, AstRelation, AstTableRef, AstTemporal, JoinType } from '../../ast/index.js';
import type { Cursor } from '../cursor.js';
import { parseExpr, parseExprList, startsQuery } from '../expressions/pratt.js';
import { parseProperties } from './common.js';
import { parseAlias, parseQuery, parseValues } from './query.js';

/** `relation (, [LATERAL] relation)*` */
export function parseRelations(p: Cursor): AstRelation[] {
  const out = [parseJoinedRelation(p)];
  while (p.acceptOp(',')) out.push(parseJoinedRelation(p));
  return out;
}

function parseJoinedRelation(p: Cursor): AstRelation {
  let left = parseRelationPrimary(p);
  let chain = 0;
  try {
    while (true) {
      const join = parseJoinType(p);
      if (!join) return left;
      const hint = parseBracketHint(p);
      const right = parseRelationPrimary(p);
      let on: AstExpr | undefined;
      let using: string[] | undefined;
      if (!join.natural && p.acceptWord('ON')) on = parseExpr(p);
      else if (!join.natural && p.isWord('USING')) {
        p.next();
        using = p.identList();
      } else if (!join.natural && join.type !== 'inner' && join.type !== 'cross') {
        p.note("'ON'");
        p.note("'USING'");
        p.fail();
      }
      left = {
        kind: 'join',
        joinType: join.type,
        left,
        right,
        ...(on ? { on } : {}),
        ...(using ? { using } : {}),
        natural: join.natural,
        ...(hint ? { hint } : {}),
      };
      if (++chain % 4 === 0) p.enter();
    }
  } finally {
    for (let k = 0; k < Math.floor(chain / 4); k++) p.leave();
  }
}

/** The join keywords, or undefined when no join follows. */
function parseJoinType(p: Cursor): { type: JoinType; natural: boolean } | undefined {
  const natural = p.isWord('NATURAL') && !p.isOp(',', 1);
  const k = natural ? 1 : 0;
  const w = p.peek(k);
  if (w.kind !== 'word') return undefined;
  const start = p.i;
  p.i += k;
  let type: JoinType | undefined;
  switch (w.upper) {
    case 'JOIN':
      p.next();
      type = 'inner';
      break;
    case 'INNER':
      p.next();
      p.expectWord('JOIN');
      type = 'inner';
      break;
    case 'CROSS':
      p.next();
      p.acceptWord('JOIN');
      type = 'cross';
      break;
    case 'LEFT':
    case 'RIGHT':
    case 'FULL': {
      p.next();
      const side = w.upper.toLowerCase() as 'left' | 'right' | 'full';
      if (side !== 'full' && p.acceptWord('SEMI')) type = `${side}-semi`;
      else if (side !== 'full' && p.acceptWord('ANTI')) type = `${side}-anti`;
      else {
        p.acceptWord('OUTER');
        type = side;
      }
      p.expectWord('JOIN');
      break;
    }
    default:
      p.i = start;
      return undefined;
  }
  return { type, natural };
}

/** `[broadcast]`, `[shuffle]`, `[bucket]`, `[colocate]`, `[skew|t.a(1,2)]`, `[_META_]` — kept as text. */
export function parseBracketHint(p: Cursor): string | undefined {
  if (!p.isOp('[')) return undefined;
  const start = p.i;
  let depth = 0;
  do {
    const t = p.next();
    if (t.kind === 'eof') p.fail();
    if (t.kind === 'op' && t.value === '[') depth++;
    if (t.kind === 'op' && t.value === ']') depth--;
  } while (depth > 0);
  return p.textBetween(start + 1, p.i - 1);
}

function parseRelationPrimary(p: Cursor): AstRelation {
  return p.nested(() => {
    const lateral = p.acceptWord('LATERAL');
    if (p.isOp('(')) return parseParenRelation(p, lateral);
    if (p.isWord('TABLE') && p.isOp('(', 1)) {
      p.i += 2;
      const name = p.qualifiedName();
      const call = parseTableFunctionCall(p, name);
      p.expectOp(')');
      return withAliases(p, { kind: 'table-function', call });
    }
    if (p.isWord('FILES') && p.isOp('(', 1)) {
      const pos = p.pos();
      p.next();
      const props = parseProperties(p);
      const args: AstExpr[] = props.flatMap((kv) => [
        { kind: 'string', value: kv.key },
        { kind: 'string', value: kv.value },
      ]);
      const call: AstCall = { kind: 'call', name: ['files'], args, distinct: false, star: false, pos };
      return withAliases(p, { kind: 'table-function', call });
    }
    const pos = p.pos();
    const name = p.qualifiedName();
    if (p.isOp('(')) return withAliases(p, { kind: 'table-function', call: parseTableFunctionCall(p, name) });
    return parseTableRest(p, name, pos);
  });
}

function parseTableFunctionCall(p: Cursor, name: string[]): AstCall {
  const pos = p.pos();
  p.expectOp('(');
  const args = p.isOp(')') ? [] : parseExprList(p);
  p.expectOp(')');
  return { kind: 'call', name, args, distinct: false, star: false, pos };
}

function parseParenRelation(p: Cursor, lateral: boolean): AstRelation {
  if (p.isWord('VALUES', 1)) {
    p.expectOp('(');
    const values = parseValues(p);
    p.expectOp(')');
    return withAliases(p, { kind: 'values-relation', values });
  }
  if (startsQuery(p, 1)) {
    p.expectOp('(');
    const query = parseQuery(p);
    p.expectOp(')');
    return withAliases(p, { kind: 'derived', query, lateral });
  }
  p.expectOp('(');
  const rels = parseRelations(p);
  p.expectOp(')');
  if (rels.length !== 1) return p.failWith('A parenthesised FROM list must hold exactly one join tree.');
  return rels[0] as AstRelation;
}

/** `[AS] alias [(c1, c2)]` for derived tables, VALUES and table functions. */
function withAliases<R extends AstRelation & { alias?: string; columnAliases?: readonly string[] }>(
  p: Cursor,
  rel: R,
): R {
  const alias = parseAlias(p, false);
  if (alias === undefined) return rel;
  const columnAliases = p.isOp('(') ? p.identList() : undefined;
  return { ...rel, alias, ...(columnAliases ? { columnAliases } : {}) };
}

function parseTableRest(p: Cursor, parts: string[], pos: AstTableRef['pos'] & object): AstTableRef {
  const temporal = parseTemporal(p);
  let partitions: string[] | undefined;
  let temporary = false;
  if (p.isWord('TEMPORARY') && (p.isWord('PARTITION', 1) || p.isWord('PARTITIONS', 1))) {
    p.next();
    temporary = true;
  }
  if (p.isWord('PARTITION') || p.isWord('PARTITIONS')) {
    p.next();
    partitions = parsePartitionNameList(p);
  }
  const alias = parseAlias(p, false);
  const hint = parseBracketHint(p);
  const before = p.acceptWord('BEFORE') ? p.string() : undefined;
  return {
    kind: 'table',
    name: { parts },
    ...(alias !== undefined ? { alias } : {}),
    ...(partitions ? { partitions } : {}),
    ...(temporary ? { temporalPartitions: true } : {}),
    ...(temporal ? { temporal } : {}),
    ...(hint !== undefined ? { hint } : {}),
    ...(before !== undefined ? { before } : {}),
    pos,
  };
}

/** `(p1, p2)` or `p1, p2` partition names (identifiers or strings). */
export function parsePartitionNameList(p: Cursor): string[] {
  if (p.acceptOp('(')) {
    const out = [p.identOrString()];
    while (p.acceptOp(',')) out.push(p.identOrString());
    p.expectOp(')');
    return out;
  }
  const out = [p.identOrString()];
  while (p.isOp(',') && (p.isIdent(1) || p.peek(1).kind === 'string') && !p.isOp('(', 2)) {
    p.next();
    out.push(p.identOrString());
  }
  return out;
}

/** `[FOR] {SYSTEM_TIME|TIMESTAMP|VERSION|SYSTEM_VERSION} AS OF expr` */
export function parseTemporal(p: Cursor): AstTemporal | undefined {
  const k = p.isWord('FOR') ? 1 : 0;
  const w = p.peek(k);
  if (w.kind !== 'word' || !p.isWord('AS', k + 1) || !p.isWord('OF', k + 2)) return undefined;
  let kind: AstTemporal['kind'];
  if (w.upper === 'SYSTEM_TIME' || w.upper === 'TIMESTAMP') kind = 'timestamp';
  else if (w.upper === 'VERSION' || w.upper === 'SYSTEM_VERSION') kind = 'version';
  else return undefined;
  p.i += k + 3;
  return { kind, expr: parseExpr(p) };
}
