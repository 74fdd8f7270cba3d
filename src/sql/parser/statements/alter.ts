/**
 * ALTER TABLE (every action of AstAlterAction), ALTER VIEW … AS, ALTER USER; other ALTER forms
 * go to the generic module. An ALTER TABLE action Rockling does not model makes the whole
 * statement generic (`ALTER TABLE <ACTION>`).
 */
import type { AstAlterAction, AstColumnPosition, AstStatement, AstViewColumn } from '../../ast/index.js';
import type { Cursor } from '../cursor.js';
import { parseAlterUser } from './account.js';
import {
  parseIfExists,
  parseName,
  parseOptionalComment,
  parseOptionalProperties,
  parseProperties,
} from './common.js';
import { parseExpr } from '../expressions/pratt.js';
import { parseColumnDef, parseIndexDef } from './create-table.js';
import { genericRest, skipBalanced } from './explain.js';
import { parseGenericAlter } from './generic.js';
import { parseDistribution, parsePartitionDef, parseSortKey } from './partition.js';
import { parseQuery } from './query.js';
import { parsePartitionNameList } from './relations.js';

/** Thrown inside an action parser when the action is valid StarRocks but not modelled. */
class Unmodelled {
  constructor(readonly feature: string) {}
}

export function parseAlter(p: Cursor): AstStatement {
  const start = p.i;
  p.expectWord('ALTER');
  if (p.acceptWord('TABLE')) return parseAlterTable(p);
  if (p.acceptWord('VIEW')) return parseAlterView(p);
  if (p.acceptWord('USER')) return parseAlterUser(p);
  return parseGenericAlter(((p.i = start), p));
}

function parseAlterView(p: Cursor): AstStatement {
  const name = parseName(p);
  let columns: AstViewColumn[] | undefined;
  if (p.acceptOp('(')) {
    columns = [];
    do {
      const col = p.ident();
      const comment = parseOptionalComment(p);
      columns.push(comment !== undefined ? { name: col, comment } : { name: col });
    } while (p.acceptOp(','));
    p.expectOp(')');
  }
  if (!columns && !p.isWord('AS')) return genericRest(p, 'ALTER VIEW');
  p.expectWord('AS');
  const startQuery = p.i;
  const query = parseQuery(p);
  return {
    kind: 'alter-view',
    name,
    ...(columns ? { columns } : {}),
    query,
    queryText: p.textBetween(startQuery, p.i),
  };
}

function parseAlterTable(p: Cursor): AstStatement {
  const name = parseName(p);
  const actions: AstAlterAction[] = [];
  try {
    do actions.push(...parseAction(p));
    while (p.acceptOp(','));
  } catch (e) {
    if (!(e instanceof Unmodelled)) throw e;
    return genericRest(p, e.feature);
  }
  return { kind: 'alter-table', name, actions };
}

function position(p: Cursor): AstColumnPosition | undefined {
  if (p.acceptWord('FIRST')) return { kind: 'first' };
  if (p.acceptWord('AFTER')) return { kind: 'after', column: p.ident() };
  return undefined;
}

/** `TO|IN rollup`, `FROM rollup` and trailing PROPERTIES of column actions: accepted, ignored. */
function columnTail(p: Cursor): void {
  if (p.acceptWord('TO') || p.acceptWord('IN') || p.acceptWord('FROM')) p.ident();
  parseOptionalProperties(p);
}

function parseAction(p: Cursor): AstAlterAction[] {
  const t = p.peek();
  switch (t.upper) {
    case 'ADD':
      return [parseAdd(p)];
    case 'DROP':
      return [parseDropAction(p)];
    case 'MODIFY':
      return [parseModify(p)];
    case 'RENAME':
      return [parseRename(p)];
    case 'SWAP':
      p.expectWords('SWAP', 'WITH');
      return [{ kind: 'swap-with', other: p.ident() }];
    case 'COMMENT':
      p.next();
      p.acceptOp('=');
      return [{ kind: 'comment', comment: p.string() }];
    case 'SET':
      p.next();
      return [{ kind: 'set-properties', properties: parseProperties(p) }];
    case 'ORDER':
      p.expectWords('ORDER', 'BY');
      {
        const columns = parseSortKey(p);
        columnTail(p);
        return [{ kind: 'order-by', columns }];
      }
    case 'DISTRIBUTED':
      p.expectWords('DISTRIBUTED', 'BY');
      return [{ kind: 'distribution', distribution: parseDistribution(p) }];
    case 'PARTITIONS':
      if (!p.isOp('(', 1)) throw unmodelledFrom(p);
      p.next();
      {
        const partitions = parsePartitionNameList(p);
        p.expectWords('DISTRIBUTED', 'BY');
        return [{ kind: 'distribution', distribution: parseDistribution(p), partitions }];
      }
    case 'TRUNCATE':
      p.next();
      if (!p.acceptWord('PARTITION')) p.expectWord('PARTITIONS');
      return [{ kind: 'truncate-partition', names: parsePartitionNameList(p) }];
    case 'REPLACE':
      return [parseReplacePartition(p)];
    case 'BASE':
    case 'CUMULATIVE':
    case 'COMPACT':
      return [parseCompact(p)];
    default:
      throw unmodelledFrom(p);
  }
}

/** Name an unmodelled action by its leading words and skip it. */
function unmodelledFrom(p: Cursor): Unmodelled {
  const t = p.peek();
  if (t.kind !== 'word') {
    for (const w of ['ADD', 'DROP', 'MODIFY', 'RENAME', 'SET']) p.note(`'${w}'`);
    p.fail();
  }
  const words = [t.upper];
  const second = p.peek(1);
  if (second.kind === 'word') words.push(second.upper);
  return new Unmodelled(`ALTER TABLE ${words.join(' ')}`);
}

function parseAdd(p: Cursor): AstAlterAction {
  p.expectWord('ADD');
  if (p.acceptWord('COLUMN')) {
    if (p.acceptOp('(')) {
      const columns = [parseColumnDef(p)];
      while (p.acceptOp(',')) columns.push(parseColumnDef(p));
      p.expectOp(')');
      columnTail(p);
      return { kind: 'add-columns', columns };
    }
    const column = parseColumnDef(p);
    const pos = position(p);
    columnTail(p);
    return { kind: 'add-column', column, ...(pos ? { position: pos } : {}) };
  }
  if (p.isWord('INDEX')) return { kind: 'add-index', index: parseIndexDef(p) };
  if (p.acceptWord('ROLLUP')) {
    const name = p.ident();
    const columns = p.identList();
    if (p.acceptWords('DUPLICATE', 'KEY')) p.identList();
    if (p.acceptWord('FROM')) p.ident();
    parseOptionalProperties(p);
    return { kind: 'add-rollup', name, columns };
  }
  const temporary = p.acceptWord('TEMPORARY');
  if (p.isWord('PARTITION') || p.isWords('PARTITIONS', 'START')) {
    p.acceptWord('PARTITIONS');
    const partition = parsePartitionDef(p);
    const distribution = p.acceptWords('DISTRIBUTED', 'BY') ? parseDistribution(p) : undefined;
    parseOptionalProperties(p);
    return { kind: 'add-partition', temporary, partition, ...(distribution ? { distribution } : {}) };
  }
  p.i -= temporary ? 2 : 1;
  throw unmodelledFrom(p);
}

function parseDropAction(p: Cursor): AstAlterAction {
  p.expectWord('DROP');
  if (p.acceptWord('COLUMN')) {
    const column = p.ident();
    columnTail(p);
    return { kind: 'drop-column', column };
  }
  if (p.acceptWord('INDEX')) return { kind: 'drop-index', name: p.ident() };
  if (p.acceptWord('ROLLUP')) return { kind: 'drop-rollup', name: p.ident() };
  if (p.acceptWords('ALL', 'TEMPORARY', 'PARTITIONS'))
    return { kind: 'drop-partition', temporary: true, ifExists: true, names: [], force: false, all: true };
  const temporary = p.acceptWord('TEMPORARY');
  if (p.acceptWords('PARTITIONS', 'WHERE')) {
    const where = parseExpr(p);
    return {
      kind: 'drop-partition',
      temporary,
      ifExists: true,
      names: [],
      force: p.acceptWord('FORCE'),
      where,
    };
  }
  if (p.acceptWord('PARTITION')) {
    const ifExists = parseIfExists(p);
    const names = [p.identOrString()];
    return { kind: 'drop-partition', temporary, ifExists, names, force: p.acceptWord('FORCE') };
  }
  if (p.isWord('PARTITIONS') && (p.isOp('(', 1) || p.isWords('PARTITIONS', 'IF', 'EXISTS', '('))) {
    p.next();
    const ifExists = parseIfExists(p);
    if (p.isOp('(')) {
      const names = parsePartitionNameList(p);
      return { kind: 'drop-partition', temporary, ifExists, names, force: p.acceptWord('FORCE') };
    }
  }
  p.i -= temporary ? 2 : 1;
  throw unmodelledFrom(p);
}

function parseModify(p: Cursor): AstAlterAction {
  p.expectWord('MODIFY');
  if (p.acceptWord('COLUMN')) {
    // `MODIFY COLUMN c COMMENT '…'` and masking-policy forms are not modelled.
    if (
      p.isIdent() &&
      (p.isWord('COMMENT', 1) || p.isWord('SET', 1) || p.isWord('UNSET', 1) || p.isWords('ADD', 'FIELD'))
    ) {
      p.i -= 2;
      throw unmodelledFrom(p);
    }
    const column = parseColumnDef(p);
    const pos = position(p);
    columnTail(p);
    return { kind: 'modify-column', column, ...(pos ? { position: pos } : {}) };
  }
  if (p.acceptWord('PARTITION')) {
    let names: string[] | '*';
    if (p.isOp('(') && p.isOp('*', 1)) {
      p.i += 2;
      p.expectOp(')');
      names = '*';
    } else {
      names = parsePartitionNameList(p);
    }
    if (!p.acceptWord('SET')) {
      p.i -= 1;
      throw new Unmodelled('ALTER TABLE MODIFY PARTITION DISTRIBUTION');
    }
    return { kind: 'modify-partition', names, properties: parseProperties(p) };
  }
  p.i -= 1;
  throw unmodelledFrom(p);
}

function parseRename(p: Cursor): AstAlterAction {
  p.expectWord('RENAME');
  if (p.acceptWord('COLUMN')) {
    const from = p.ident();
    p.expectWord('TO');
    return { kind: 'rename-column', from, to: p.ident() };
  }
  if (p.acceptWord('PARTITION')) {
    const from = p.ident();
    return { kind: 'rename-partition', from, to: p.ident() };
  }
  if (p.isWord('ROLLUP') && p.isIdent(1) && p.isIdent(2)) {
    p.i -= 1;
    throw unmodelledFrom(p);
  }
  p.acceptWord('TO');
  return { kind: 'rename-table', to: p.ident() };
}

function parseReplacePartition(p: Cursor): AstAlterAction {
  p.expectWord('REPLACE');
  if (!p.acceptWord('PARTITION')) p.expectWord('PARTITIONS');
  const partitions = parsePartitionNameList(p);
  p.expectWord('WITH');
  p.acceptWord('TEMPORARY');
  if (!p.acceptWord('PARTITION')) p.expectWord('PARTITIONS');
  const temporaryPartitions = parsePartitionNameList(p);
  return {
    kind: 'replace-partition',
    partitions,
    temporaryPartitions,
    properties: parseOptionalProperties(p),
  };
}

function parseCompact(p: Cursor): AstAlterAction {
  if (!p.acceptWord('BASE')) p.acceptWord('CUMULATIVE');
  p.expectWord('COMPACT');
  if (p.isOp('(')) return { kind: 'compact', partitions: parsePartitionNameList(p) };
  if (p.isIdent()) return { kind: 'compact', partitions: [p.ident()] };
  return { kind: 'compact' };
}

export { skipBalanced };
