/**
 * CREATE / DROP / TRUNCATE dispatch, databases, views and materialized views. Statements
 * without a modelled node are handed to the generic module.
 */
import type {
  AstCreateMaterializedView,
  AstCreateView,
  AstMvRefresh,
  AstStatement,
  AstViewColumn,
} from '../../ast/index.js';
import { syntaxErrorNoPos } from '../../tokenizer/index.js';
import type { Cursor } from '../cursor.js';
import { parseExpr } from '../expressions/pratt.js';
import { parseAccountCreate, parseAccountDrop } from './account.js';
import {
  parseIfExists,
  parseIfNotExists,
  parseName,
  parseOptionalComment,
  parseOptionalProperties,
  parseProperties,
} from './common.js';
import { parseCreateTable, parseIndexDef } from './create-table.js';
import { parseGenericCreate, parseGenericDrop } from './generic.js';
import { parseDistribution, parsePartitionDesc, parseSortKey } from './partition.js';
import { parseQuery } from './query.js';
import { parsePartitionNameList } from './relations.js';

function parseCreate(p: Cursor): AstStatement {
  const start = p.i;
  p.expectWord('CREATE');
  if (p.isWord('DATABASE') || p.isWord('SCHEMA')) {
    p.next();
    const ifNotExists = parseIfNotExists(p);
    const name = parseName(p);
    skipCharsetCollate(p);
    return { kind: 'create-database', ifNotExists, name, properties: parseOptionalProperties(p) };
  }
  const temporaryAt = p.peek();
  const temporary = p.acceptWord('TEMPORARY');
  // StarRocks ships with temporary tables switched off (FE config, checked by the parser).
  if (temporary && p.options.temporaryTables !== true) {
    throw syntaxErrorNoPos(
      "FE config 'enable_experimental_temporary_table' is disabled.",
      p.pos(temporaryAt),
    );
  }
  const external = !temporary && p.isWords('EXTERNAL', 'TABLE') && p.acceptWord('EXTERNAL');
  if (p.acceptWord('TABLE')) return parseCreateTable(p, temporary, external);
  if (temporary) p.expectWord('TABLE');
  const orReplace = p.acceptWords('OR', 'REPLACE');
  if (p.acceptWord('VIEW')) return parseCreateView(p, orReplace);
  if (p.acceptWords('MATERIALIZED', 'VIEW')) return parseCreateMv(p);
  const account = parseAccountCreate(p);
  if (account) return account;
  return parseGenericCreate(p, start);
}

function skipCharsetCollate(p: Cursor): void {
  while (true) {
    const k = p.isWord('DEFAULT') ? 1 : 0;
    if (p.isWord('CHARSET', k) || p.isWord('COLLATE', k)) p.i += k + 1;
    else if (p.isWord('CHAR', k) || p.isWord('CHARACTER', k)) {
      p.i += k + 1;
      p.expectWord('SET');
    } else return;
    p.acceptOp('=');
    p.identOrString();
  }
}

/** `(col [COMMENT '…'], …)` */
function parseViewColumns(p: Cursor): AstViewColumn[] {
  p.expectOp('(');
  const out: AstViewColumn[] = [];
  do {
    const name = p.ident();
    const comment = parseOptionalComment(p);
    out.push(comment !== undefined ? { name, comment } : { name });
  } while (p.acceptOp(','));
  p.expectOp(')');
  return out;
}

/** Parse `AS query` and keep the query's source text. */
function parseAsQuery(p: Cursor): { query: ReturnType<typeof parseQuery>; queryText: string } {
  p.expectWord('AS');
  const start = p.i;
  const query = parseQuery(p);
  return { query, queryText: p.textBetween(start, p.i) };
}

function parseCreateView(p: Cursor, orReplace: boolean): AstCreateView {
  const ifNotExists = parseIfNotExists(p);
  const name = parseName(p);
  const columns = p.isOp('(') ? parseViewColumns(p) : undefined;
  const comment = parseOptionalComment(p);
  let security: 'none' | 'invoker' | undefined;
  if (p.acceptWord('SECURITY')) {
    if (p.acceptWord('NONE')) security = 'none';
    else {
      p.expectWord('INVOKER');
      security = 'invoker';
    }
  }
  parseOptionalProperties(p);
  const { query, queryText } = parseAsQuery(p);
  return {
    kind: 'create-view',
    orReplace,
    ifNotExists,
    name,
    ...(columns ? { columns } : {}),
    ...(comment !== undefined ? { comment } : {}),
    ...(security ? { security } : {}),
    query,
    queryText,
  };
}

function parseCreateMv(p: Cursor): AstCreateMaterializedView {
  const ifNotExists = parseIfNotExists(p);
  const name = parseName(p);
  let columns: AstViewColumn[] | undefined;
  if (p.isOp('(')) columns = parseViewColumns(p);
  const comment = parseOptionalComment(p);
  const mv: {
    partition?: AstCreateMaterializedView['partition'];
    distribution?: AstCreateMaterializedView['distribution'];
    orderBy?: string[];
    refresh?: AstMvRefresh;
    properties: { key: string; value: string }[];
  } = { properties: [] };
  while (!p.isWord('AS')) {
    if (p.acceptWords('PARTITION', 'BY')) mv.partition = parsePartitionDesc(p);
    else if (p.acceptWords('DISTRIBUTED', 'BY')) mv.distribution = parseDistribution(p);
    else if (p.acceptWords('ORDER', 'BY')) mv.orderBy = parseSortKey(p);
    else if (p.acceptWord('REFRESH')) mv.refresh = parseRefreshScheme(p);
    else if (p.acceptWord('PROPERTIES')) mv.properties.push(...parseProperties(p));
    else {
      for (const w of ['AS', 'PARTITION', 'DISTRIBUTED', 'REFRESH', 'PROPERTIES']) p.note(`'${w}'`);
      p.fail();
    }
  }
  const { query, queryText } = parseAsQuery(p);
  return {
    kind: 'create-materialized-view',
    ifNotExists,
    name,
    ...(columns ? { columns } : {}),
    ...(comment !== undefined ? { comment } : {}),
    ...(mv.partition ? { partition: mv.partition } : {}),
    ...(mv.distribution ? { distribution: mv.distribution } : {}),
    ...(mv.orderBy ? { orderBy: mv.orderBy } : {}),
    ...(mv.refresh ? { refresh: mv.refresh } : {}),
    properties: mv.properties,
    query,
    queryText,
  };
}

/** After REFRESH: `[IMMEDIATE|DEFERRED] {ASYNC [START ('…')] [EVERY (INTERVAL …)] | INCREMENTAL | MANUAL}`. */
export function parseRefreshScheme(p: Cursor): AstMvRefresh {
  let deferred = false;
  if (p.acceptWord('DEFERRED')) deferred = true;
  else p.acceptWord('IMMEDIATE');
  if (p.acceptWord('MANUAL')) return { mode: 'manual', deferred };
  if (p.acceptWord('INCREMENTAL')) return { mode: 'incremental', deferred };
  if (p.acceptWord('SYNC')) return { mode: 'sync', deferred };
  if (!p.acceptWord('ASYNC')) p.expectWord('SCHEDULE');
  let start;
  let every;
  if (p.acceptWord('START')) {
    p.expectOp('(');
    start = parseExpr(p);
    p.expectOp(')');
  }
  if (p.acceptWord('EVERY')) {
    p.expectOp('(');
    every = parseExpr(p);
    p.expectOp(')');
  }
  return { mode: 'async', deferred, ...(start ? { start } : {}), ...(every ? { every } : {}) };
}

function parseDrop(p: Cursor): AstStatement {
  const start = p.i;
  p.expectWord('DROP');
  if (p.isWord('DATABASE') || p.isWord('SCHEMA')) {
    p.next();
    const ifExists = parseIfExists(p);
    const name = parseName(p);
    return { kind: 'drop-database', ifExists, name, force: p.acceptWord('FORCE') };
  }
  const temporary = p.isWords('TEMPORARY', 'TABLE') && p.acceptWord('TEMPORARY');
  if (p.acceptWord('TABLE')) {
    const ifExists = parseIfExists(p);
    const name = parseName(p);
    const force = p.acceptWord('FORCE');
    return { kind: 'drop-table', ifExists, name, force, ...(temporary ? { temporary: true as const } : {}) };
  }
  if (p.acceptWord('VIEW')) {
    const ifExists = parseIfExists(p);
    return { kind: 'drop-view', ifExists, name: parseName(p) };
  }
  const account = parseAccountDrop(p);
  if (account) return account;
  return parseGenericDrop(p, start);
}

function parseTruncate(p: Cursor): AstStatement {
  p.expectWord('TRUNCATE');
  if (p.isWords('PLAN', 'ADVISOR')) {
    p.i += 2;
    return { kind: 'generic', feature: 'TRUNCATE PLAN ADVISOR', text: '' };
  }
  p.expectWord('TABLE');
  const name = parseName(p);
  let partitions: string[] | undefined;
  if (p.isWord('PARTITION') || p.isWord('PARTITIONS') || p.isWords('TEMPORARY', 'PARTITION')) {
    p.acceptWord('TEMPORARY');
    p.next();
    partitions = parsePartitionNameList(p);
  }
  return { kind: 'truncate-table', name, ...(partitions ? { partitions } : {}) };
}

export { parseCreate, parseDrop, parseTruncate, parseIndexDef };
