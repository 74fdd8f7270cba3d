/** INSERT INTO/OVERWRITE, UPDATE, DELETE (UPDATE/DELETE optionally after WITH). */
import type { AstAssignment, AstDelete, AstExpr, AstInsert, AstUpdate, AstWith } from '../../ast/index.js';
import type { Cursor } from '../cursor.js';
import { parseExpr, startsQuery } from '../expressions/pratt.js';
import { parseName, parseOptionalProperties, parseProperties } from './common.js';
import { parseQuery, parseValues, parseWith } from './query.js';
import { parsePartitionNameList, parseRelations, parseTemporal } from './relations.js';

/** INSERT, UPDATE or DELETE at the cursor (EXPLAIN and WITH-prefixed forms land here). */
export function parseDml(p: Cursor): AstInsert | AstUpdate | AstDelete {
  if (p.isWord('INSERT')) return parseInsert(p);
  const withClause = p.isWord('WITH') ? parseWith(p) : undefined;
  if (p.isWord('UPDATE')) return parseUpdate(p, withClause);
  if (p.isWord('DELETE')) return parseDelete(p, withClause);
  for (const w of ['INSERT', 'UPDATE', 'DELETE']) p.note(`'${w}'`);
  return p.fail();
}

export function parseInsert(p: Cursor): AstInsert {
  p.expectWord('INSERT');
  let overwrite = false;
  if (p.acceptWord('OVERWRITE')) overwrite = true;
  else p.expectWord('INTO');
  let target: AstInsert['target'];
  let version;
  let partitions: string[] | undefined;
  let temporaryPartitions = false;
  let partitionValues: { column: string; value: AstExpr }[] | undefined;
  if (p.isWord('FILES') && p.isOp('(', 1)) {
    p.next();
    target = { kind: 'function', name: 'files', properties: parseProperties(p) };
  } else if (p.isWord('BLACKHOLE') && p.isOp('(', 1)) {
    p.i += 2;
    p.expectOp(')');
    target = { kind: 'function', name: 'blackhole', properties: [] };
  } else {
    target = { kind: 'table', name: parseName(p) };
    version = parseTemporal(p);
    if (p.isWords('TEMPORARY', 'PARTITION') || p.isWords('TEMPORARY', 'PARTITIONS')) {
      p.next();
      temporaryPartitions = true;
    }
    if (p.isWord('PARTITION') && p.isOp('(', 1) && p.isIdent(2) && p.isOp('=', 3)) {
      p.i += 2;
      partitionValues = [];
      do {
        const column = p.ident();
        p.expectOp('=');
        partitionValues.push({ column, value: parseExpr(p) });
      } while (p.acceptOp(','));
      p.expectOp(')');
    } else if (p.acceptWord('PARTITION') || p.acceptWord('PARTITIONS'))
      partitions = parsePartitionNameList(p);
  }
  let label: string | undefined;
  let columns: string[] | undefined;
  let byName = false;
  while (true) {
    if (p.acceptWords('WITH', 'LABEL')) label = p.ident();
    else if (p.isOp('(') && !startsQuery(p, 1)) columns = p.identList();
    else if (p.acceptWords('BY', 'NAME')) byName = true;
    else break;
  }
  const properties = parseOptionalProperties(p);
  const pos = p.pos();
  const source = p.isWord('VALUES')
    ? { kind: 'query' as const, body: parseValues(p), orderBy: [], pos }
    : parseQuery(p);
  return {
    kind: 'insert',
    overwrite,
    target,
    ...(version ? { version } : {}),
    ...(partitions ? { partitions } : {}),
    ...(partitionValues ? { partitionValues } : {}),
    ...(temporaryPartitions ? { temporaryPartitions } : {}),
    ...(label !== undefined ? { label } : {}),
    ...(columns ? { columns } : {}),
    ...(byName ? { byName } : {}),
    properties,
    source,
  };
}

function parseUpdate(p: Cursor, withClause: AstWith | undefined): AstUpdate {
  p.expectWord('UPDATE');
  const table = parseName(p);
  const alias = p.acceptWord('AS') ? p.ident() : p.isIdent() && !p.isWord('SET') ? p.ident() : undefined;
  p.expectWord('SET');
  const assignments: AstAssignment[] = [];
  do {
    const column = p.qualifiedName().join('.');
    p.expectOp('=');
    const value =
      p.isWord('DEFAULT') && (p.isOp(',', 1) || p.atEndAt(1) || p.isWord('FROM', 1) || p.isWord('WHERE', 1))
        ? { kind: 'default' as const, pos: p.pos(p.next()) }
        : parseExpr(p);
    assignments.push({ column, value });
  } while (p.acceptOp(','));
  const from = p.acceptWord('FROM') ? parseRelations(p) : [];
  const where = p.acceptWord('WHERE') ? parseExpr(p) : undefined;
  return {
    kind: 'update',
    ...(withClause ? { with: withClause } : {}),
    table,
    ...(alias !== undefined ? { alias } : {}),
    assignments,
    from,
    ...(where ? { where } : {}),
  };
}

function parseDelete(p: Cursor, withClause: AstWith | undefined): AstDelete {
  p.expectWord('DELETE');
  p.expectWord('FROM');
  const table = parseName(p);
  let partitions: string[] | undefined;
  if (p.acceptWord('PARTITION') || p.acceptWord('PARTITIONS')) partitions = parsePartitionNameList(p);
  const alias = p.acceptWord('AS') ? p.ident() : p.isIdent() ? p.ident() : undefined;
  const using = p.acceptWord('USING') ? parseRelations(p) : [];
  const where = p.acceptWord('WHERE') ? parseExpr(p) : undefined;
  return {
    kind: 'delete',
    ...(withClause ? { with: withClause } : {}),
    table,
    ...(alias !== undefined ? { alias } : {}),
    ...(partitions ? { partitions } : {}),
    using,
    ...(where ? { where } : {}),
  };
}
