/** Shape checkers for the generic statements: small combinators and the structured shapes. */
import type { Cursor } from '../cursor.js';
import { parseExpr } from '../expressions/pratt.js';
import {
  parseIfExists,
  parseIfNotExists,
  parseOptionalComment,
  parseProperties,
  parseUser,
} from './common.js';
import { parseInsert } from './dml.js';
import { skipBalanced } from './explain.js';
import { parseQuery } from './query.js';
import { parsePartitionNameList } from './relations.js';

/** Checks (and consumes) the structure of a statement tail; throws a 1064 SqlError when it does not fit. */
export type Shape = (p: Cursor) => void;

// --- shape combinators --------------------------------------------------------------------------
export const name: Shape = (p) => void p.qualifiedName();
export const nameOrString: Shape = (p) => void p.identOrString();
export const rest: Shape = (p) => {
  while (!p.atEnd()) skipBalanced(p);
};
export const seq =
  (...shapes: Shape[]): Shape =>
  (p) => {
    for (const s of shapes) s(p);
  };
export const opt =
  (word: string, shape: Shape): Shape =>
  (p) => {
    if (p.acceptWord(word)) shape(p);
  };
export const ifNotExists: Shape = (p) => void parseIfNotExists(p);
export const ifExists: Shape = (p) => void parseIfExists(p);
export const props: Shape = (p) => void parseProperties(p);
export const optProps: Shape = (p) => {
  if (p.acceptWord('PROPERTIES')) parseProperties(p);
};
export const requiredProps: Shape = (p) => {
  p.expectWord('PROPERTIES');
  parseProperties(p);
};
export const comment: Shape = (p) => void parseOptionalComment(p);
export const force: Shape = (p) => void p.acceptWord('FORCE');
export const word =
  (w: string): Shape =>
  (p) =>
    p.expectWord(w);
export const str: Shape = (p) => void p.string();
export const expr: Shape = (p) => void parseExpr(p);
export const user: Shape = (p) => void parseUser(p);

/** `[db.]job` */
export const jobName: Shape = name;

/** CREATE ROUTINE LOAD [db.]job ON tbl [load properties, …] [PROPERTIES (…)] FROM KAFKA (…) */
export const routineLoad: Shape = (p) => {
  jobName(p);
  p.expectWord('ON');
  name(p);
  routineLoadBody(p, true);
};

export function routineLoadBody(p: Cursor, requireSource: boolean): void {
  if (!p.isWord('PROPERTIES') && !p.isWord('FROM') && !p.atEnd()) {
    do loadProperty(p);
    while (p.acceptOp(','));
  }
  optProps(p);
  if (requireSource || p.isWord('FROM')) {
    p.expectWord('FROM');
    p.ident();
    parseProperties(p);
  }
}

export function loadProperty(p: Cursor): void {
  if (p.acceptWords('COLUMNS', 'TERMINATED', 'BY') || p.acceptWords('ROWS', 'TERMINATED', 'BY')) {
    p.string();
  } else if (p.acceptWord('COLUMNS')) {
    p.expectOp('(');
    do {
      p.qualifiedName();
      if (p.acceptOp('=')) parseExpr(p);
    } while (p.acceptOp(','));
    p.expectOp(')');
  } else if (p.acceptWord('WHERE')) {
    parseExpr(p);
  } else if (
    p.acceptWords('TEMPORARY', 'PARTITION') ||
    p.acceptWord('PARTITION') ||
    p.acceptWord('PARTITIONS')
  ) {
    parsePartitionNameList(p);
  } else {
    for (const w of ['COLUMNS', 'WHERE', 'PARTITION', 'PROPERTIES', 'FROM']) p.note(`'${w}'`);
    p.fail();
  }
}

/** BACKUP … SNAPSHOT [db.]label TO repo [ON (…)] [PROPERTIES (…)] */
export const backup: Shape = (p) => {
  if (p.acceptWords('ALL', 'EXTERNAL', 'CATALOGS')) {
    /* all catalogs */
  } else if (p.acceptWord('EXTERNAL')) {
    if (!p.acceptWord('CATALOGS')) p.expectWord('CATALOG');
    p.identList();
  }
  if (p.acceptWord('DATABASE')) p.ident();
  p.expectWord('SNAPSHOT');
  name(p);
  p.expectWord('TO');
  p.ident();
  if (p.acceptWord('ON')) skipBalanced(p);
  optProps(p);
};

/** RESTORE SNAPSHOT [db.]label FROM repo [DATABASE d [AS d2]] [ON (…)] [PROPERTIES (…)] */
export const restore: Shape = (p) => {
  p.expectWord('SNAPSHOT');
  name(p);
  p.expectWord('FROM');
  p.ident();
  if (p.acceptWords('ALL', 'EXTERNAL', 'CATALOGS')) {
    /* all catalogs */
  } else if (p.acceptWord('EXTERNAL')) {
    if (!p.acceptWord('CATALOGS')) p.expectWord('CATALOG');
    skipBalanced(p);
  }
  if (p.acceptWord('DATABASE')) {
    p.ident();
    if (p.acceptWord('AS')) p.ident();
  }
  if (p.acceptWord('ON')) skipBalanced(p);
  optProps(p);
};

export const createIndex: Shape = (p) => {
  p.ident();
  p.expectWord('ON');
  name(p);
  p.identList();
  if (p.acceptWord('USING')) {
    p.next();
    if (p.isOp('(')) parseProperties(p);
  }
  comment(p);
};

export const typeList: Shape = (p) => {
  p.expectOp('(');
  while (!p.isOp(')')) skipBalanced(p);
  p.expectOp(')');
};

export function props2(p: Cursor): void {
  requiredProps(p);
}

export function repository(p: Cursor): void {
  p.ident();
  p.expectWords('WITH', 'BROKER');
  if (!p.isWord('ON')) p.identOrString();
  p.expectWords('ON', 'LOCATION');
  p.string();
  optProps(p);
}

export function pipe(p: Cursor): void {
  parseIfNotExists(p);
  name(p);
  optProps(p);
  p.expectWord('AS');
  parseInsert(p);
}

export function alterRoutineLoad(p: Cursor): void {
  routineLoadBody(p, false);
}

/** `TRACE {ALL|LOGS|TIMES|VALUES|REASON} [module] query` */
export function trace(p: Cursor): void {
  const t = p.next();
  if (!['ALL', 'LOGS', 'TIMES', 'VALUES', 'REASON'].includes(t.upper))
    p.failWith(`Unexpected input '${t.value}'.`, t);
  if (p.isIdent() && !p.isWord('SELECT') && !p.isWord('WITH')) p.ident();
  parseQuery(p);
}
