/**
 * CREATE [TEMPORARY|EXTERNAL] TABLE with every StarRocks clause, CTAS and CREATE TABLE LIKE.
 * Clause order follows StarRocks.g4: columns, ENGINE, charset, keys, COMMENT, PARTITION BY,
 * DISTRIBUTED BY, ORDER BY, ROLLUP, PROPERTIES, BROKER PROPERTIES.
 */
import type {
  AggregateType,
  AstColumnDef,
  AstColumnDefault,
  AstCreateTable,
  AstIndexDef,
  AstProperties,
  KeysType,
} from '../../ast/index.js';
import type { Cursor } from '../cursor.js';
import { parseExpr } from '../expressions/pratt.js';
import { parseType } from '../expressions/types.js';
import { parseIfNotExists, parseName, parseOptionalComment, parseProperties } from './common.js';
import { parseDistribution, parsePartitionDesc, parseSortKey } from './partition.js';
import { parseQuery } from './query.js';

const AGG_TYPES: Readonly<Record<string, AggregateType>> = {
  SUM: 'sum',
  MAX: 'max',
  MIN: 'min',
  REPLACE: 'replace',
  REPLACE_IF_NOT_NULL: 'replace_if_not_null',
  HLL_UNION: 'hll_union',
  BITMAP_UNION: 'bitmap_union',
  PERCENTILE_UNION: 'percentile_union',
};

const KEY_TYPES: Readonly<Record<string, KeysType>> = {
  DUPLICATE: 'duplicate',
  AGGREGATE: 'aggregate',
  UNIQUE: 'unique',
  PRIMARY: 'primary',
};

/** After `CREATE [TEMPORARY|EXTERNAL] TABLE`. */
export function parseCreateTable(p: Cursor, temporary: boolean, external: boolean): AstCreateTable {
  const ifNotExists = parseIfNotExists(p);
  const name = parseName(p);
  const columns: AstColumnDef[] = [];
  const indexes: AstIndexDef[] = [];
  let columnNames: string[] | undefined;
  if (p.isOp('(')) {
    if (p.isIdent(1) && (p.isOp(',', 2) || p.isOp(')', 2)) && !p.isWord('INDEX', 1)) {
      columnNames = p.identList();
    } else {
      p.expectOp('(');
      do {
        if (p.isWord('INDEX')) indexes.push(parseIndexDef(p));
        else columns.push(parseColumnDef(p));
      } while (p.acceptOp(','));
      p.expectOp(')');
    }
  }
  const base = { kind: 'create-table' as const, temporary, external, ifNotExists, name, columns, indexes };
  if (p.acceptWord('LIKE')) return { ...base, rollups: [], properties: [], like: parseName(p) };
  let engine: string | undefined;
  if (p.acceptWord('ENGINE')) {
    p.expectOp('=');
    engine = p.ident();
  }
  skipCharset(p);
  const keys = parseKeys(p);
  const comment = parseOptionalComment(p);
  const partition = p.acceptWords('PARTITION', 'BY') ? parsePartitionDesc(p) : undefined;
  const distribution = p.acceptWords('DISTRIBUTED', 'BY') ? parseDistribution(p) : undefined;
  const orderBy = p.acceptWords('ORDER', 'BY') ? parseSortKey(p) : undefined;
  const rollups = p.acceptWord('ROLLUP') ? parseRollups(p) : [];
  const properties: AstProperties = p.acceptWord('PROPERTIES') ? parseProperties(p) : [];
  // `BROKER PROPERTIES (…)` of external tables: accepted and dropped.
  if (p.acceptWords('BROKER', 'PROPERTIES')) parseProperties(p);
  const like = p.acceptWord('LIKE') ? parseName(p) : undefined;
  const asQuery = !like && p.acceptWord('AS') ? parseQuery(p) : undefined;
  return {
    ...base,
    ...(engine !== undefined ? { engine } : {}),
    ...(keys ? { keys } : {}),
    ...(comment !== undefined ? { comment } : {}),
    ...(partition ? { partition } : {}),
    ...(distribution ? { distribution } : {}),
    ...(orderBy ? { orderBy } : {}),
    rollups,
    properties,
    ...(asQuery ? { asQuery } : {}),
    ...(columnNames ? { columnNames } : {}),
    ...(like ? { like } : {}),
  };
}

/** `[DEFAULT] CHARSET [=] x`, `[DEFAULT] COLLATE [=] x` — accepted, StarRocks ignores them. */
function skipCharset(p: Cursor): void {
  while (true) {
    const k = p.isWord('DEFAULT') ? 1 : 0;
    if (p.isWord('CHARSET', k) || p.isWord('COLLATE', k)) p.i += k + 1;
    else if (p.isWords('CHAR', 'SET') || p.isWords('CHARACTER', 'SET')) p.i += 2;
    else if (k === 1 && (p.isWords('DEFAULT', 'CHAR', 'SET') || p.isWords('DEFAULT', 'CHARACTER', 'SET')))
      p.i += 3;
    else return;
    p.acceptOp('=');
    p.identOrString();
  }
}

function parseKeys(p: Cursor): AstCreateTable['keys'] {
  const t = p.peek();
  const type = t.kind === 'word' ? KEY_TYPES[t.upper] : undefined;
  if (!type || !p.isWord('KEY', 1)) return undefined;
  p.i += 2;
  return { type, columns: p.identList() };
}

/** `name type [charset] [KEY] [agg] [NULL|NOT NULL] [DEFAULT …|AUTO_INCREMENT|AS expr] [COMMENT '…']` */
export function parseColumnDef(p: Cursor): AstColumnDef {
  const pos = p.pos();
  const name = p.ident();
  const type = parseType(p);
  skipCharset(p);
  const key = p.acceptWord('KEY');
  const aggToken = p.peek();
  const aggType = aggToken.kind === 'word' ? AGG_TYPES[aggToken.upper] : undefined;
  if (aggType) p.next();
  let nullable: boolean | null = null;
  if (p.acceptWords('NOT', 'NULL')) nullable = false;
  else if (p.acceptWord('NULL')) nullable = true;
  let def: AstColumnDefault | undefined;
  let autoIncrement = false;
  let generated;
  if (p.acceptWord('DEFAULT')) def = parseColumnDefault(p);
  else if (p.acceptWord('AUTO_INCREMENT')) autoIncrement = true;
  else if (p.acceptWord('AS')) generated = parseExpr(p);
  const comment = parseOptionalComment(p);
  return {
    name,
    type,
    ...(aggType ? { aggType } : {}),
    nullable,
    ...(def ? { default: def } : {}),
    autoIncrement,
    ...(generated ? { generated } : {}),
    ...(comment !== undefined ? { comment } : {}),
    pos,
    ...(key ? { key: true as const } : {}),
    endPos: p.pos(p.prev()),
  };
}

function parseColumnDefault(p: Cursor): AstColumnDefault {
  if (p.acceptWord('NULL')) return { kind: 'null' };
  if (p.acceptWord('CURRENT_TIMESTAMP')) {
    if (p.acceptOp('(')) {
      if (!p.isOp(')')) p.integer();
      p.expectOp(')');
    }
    return { kind: 'current-timestamp' };
  }
  return { kind: 'value', value: parseExpr(p) };
}

/** `INDEX name (cols) [USING type [(props)]] [COMMENT '…']` */
export function parseIndexDef(p: Cursor): AstIndexDef {
  p.expectWord('INDEX');
  const name = p.ident();
  const columns = p.identList();
  let using: string | undefined;
  let properties: AstProperties = [];
  if (p.acceptWord('USING')) {
    using = p.next().value.toUpperCase();
    if (p.isOp('(')) properties = parseProperties(p);
  }
  const comment = parseOptionalComment(p);
  return {
    name,
    columns,
    ...(using ? { using } : {}),
    ...(comment !== undefined ? { comment } : {}),
    properties,
  };
}

function parseRollups(p: Cursor): { name: string; columns: string[] }[] {
  p.expectOp('(');
  const out: { name: string; columns: string[] }[] = [];
  do {
    const name = p.ident();
    const columns = p.identList();
    if (p.acceptWords('DUPLICATE', 'KEY')) p.identList();
    if (p.acceptWord('FROM')) p.ident();
    if (p.acceptWord('PROPERTIES')) parseProperties(p);
    out.push({ name, columns });
  } while (p.acceptOp(','));
  p.expectOp(')');
  return out;
}
