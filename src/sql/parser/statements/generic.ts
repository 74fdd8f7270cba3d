/**
 * Statements StarRocks accepts that Rockling does not model as their own node: they parse to
 * `{kind: 'generic', feature}`. Each entry is a keyword phrase (the feature name) and a shape
 * that checks the statement's structure; complex tails are skipped as balanced token groups.
 */
import type { AstStatement } from '../../ast/index.js';
import type { Cursor } from '../cursor.js';
import {
  alterRoutineLoad,
  backup,
  comment,
  createIndex,
  expr,
  force,
  ifExists,
  ifNotExists,
  jobName,
  name,
  nameOrString,
  opt,
  optProps,
  pipe,
  props,
  props2,
  repository,
  requiredProps,
  rest,
  restore,
  routineLoad,
  seq,
  str,
  trace,
  typeList,
  user,
  word,
  type Shape,
} from './generic-shapes.js';

interface Entry {
  readonly words: readonly string[];
  readonly feature: string;
  readonly shape: Shape;
}

const ENTRIES: readonly Entry[] = [
  // CREATE …
  { words: ['CREATE', 'ROUTINE', 'LOAD'], feature: 'CREATE ROUTINE LOAD', shape: routineLoad },
  {
    words: ['CREATE', 'EXTERNAL', 'CATALOG'],
    feature: 'CREATE EXTERNAL CATALOG',
    shape: seq(ifNotExists, nameOrString, comment, requiredProps),
  },
  {
    words: ['CREATE', 'EXTERNAL', 'RESOURCE'],
    feature: 'CREATE RESOURCE',
    shape: seq(nameOrString, optProps),
  },
  { words: ['CREATE', 'RESOURCE', 'GROUP'], feature: 'CREATE RESOURCE GROUP', shape: rest },
  { words: ['CREATE', 'RESOURCE'], feature: 'CREATE RESOURCE', shape: seq(nameOrString, optProps) },
  { words: ['CREATE', 'INDEX'], feature: 'CREATE INDEX', shape: createIndex },
  { words: ['CREATE', 'REPOSITORY'], feature: 'CREATE REPOSITORY', shape: repository },
  { words: ['CREATE', 'READ', 'ONLY', 'REPOSITORY'], feature: 'CREATE REPOSITORY', shape: repository },
  { words: ['CREATE', 'FUNCTION'], feature: 'CREATE FUNCTION', shape: rest },
  { words: ['CREATE', 'OR', 'REPLACE', 'FUNCTION'], feature: 'CREATE FUNCTION', shape: rest },
  { words: ['CREATE', 'OR', 'REPLACE', 'GLOBAL', 'FUNCTION'], feature: 'CREATE FUNCTION', shape: rest },
  { words: ['CREATE', 'OR', 'REPLACE', 'AGGREGATE', 'FUNCTION'], feature: 'CREATE FUNCTION', shape: rest },
  { words: ['CREATE', 'OR', 'REPLACE', 'PIPE'], feature: 'CREATE PIPE', shape: pipe },
  { words: ['CREATE', 'GLOBAL', 'FUNCTION'], feature: 'CREATE FUNCTION', shape: rest },
  { words: ['CREATE', 'AGGREGATE', 'FUNCTION'], feature: 'CREATE FUNCTION', shape: rest },
  { words: ['CREATE', 'TABLE', 'FUNCTION'], feature: 'CREATE FUNCTION', shape: rest },
  { words: ['CREATE', 'GLOBAL', 'AGGREGATE', 'FUNCTION'], feature: 'CREATE FUNCTION', shape: rest },
  { words: ['CREATE', 'GLOBAL', 'TABLE', 'FUNCTION'], feature: 'CREATE FUNCTION', shape: rest },
  { words: ['CREATE', 'ANALYZE'], feature: 'CREATE ANALYZE', shape: rest },
  { words: ['CREATE', 'FILE'], feature: 'CREATE FILE', shape: seq(str, rest) },
  { words: ['CREATE', 'PIPE'], feature: 'CREATE PIPE', shape: pipe },
  { words: ['CREATE', 'STORAGE', 'VOLUME'], feature: 'CREATE STORAGE VOLUME', shape: rest },
  {
    words: ['CREATE', 'WAREHOUSE'],
    feature: 'CREATE WAREHOUSE',
    shape: seq(ifNotExists, nameOrString, rest),
  },
  { words: ['CREATE', 'DICTIONARY'], feature: 'CREATE DICTIONARY', shape: rest },
  { words: ['CREATE', 'DATACACHE', 'RULE'], feature: 'CREATE DATACACHE RULE', shape: rest },
  {
    words: ['CREATE', 'SECURITY', 'INTEGRATION'],
    feature: 'CREATE SECURITY INTEGRATION',
    shape: seq(name, props2),
  },
  {
    words: ['CREATE', 'GROUP', 'PROVIDER'],
    feature: 'CREATE GROUP PROVIDER',
    shape: seq(ifNotExists, name, props2),
  },
  { words: ['CREATE', 'ROLE', 'MAPPING'], feature: 'CREATE ROLE MAPPING', shape: seq(name, props2) },
  { words: ['CREATE', 'MASKING', 'POLICY'], feature: 'CREATE MASKING POLICY', shape: rest },
  { words: ['CREATE', 'ROW', 'ACCESS', 'POLICY'], feature: 'CREATE ROW ACCESS POLICY', shape: rest },
  { words: ['CREATE', 'PASSWORD', 'POLICY'], feature: 'CREATE PASSWORD POLICY', shape: rest },
  { words: ['CREATE', 'BASELINE'], feature: 'CREATE BASELINE', shape: rest },
  { words: ['CREATE', 'GLOBAL', 'BASELINE'], feature: 'CREATE BASELINE', shape: rest },
  { words: ['CREATE', 'CLUSTER', 'SNAPSHOT'], feature: 'CREATE CLUSTER SNAPSHOT', shape: rest },
  { words: ['CREATE', 'FAILOVER', 'GROUP'], feature: 'CREATE FAILOVER GROUP', shape: rest },
  { words: ['CREATE', 'TUNESPACE'], feature: 'CREATE TUNESPACE', shape: seq(ifNotExists, name) },
  // DROP …
  {
    words: ['DROP', 'MATERIALIZED', 'VIEW'],
    feature: 'DROP MATERIALIZED VIEW',
    shape: seq(ifExists, name, force),
  },
  { words: ['DROP', 'CATALOG'], feature: 'DROP CATALOG', shape: seq(ifExists, nameOrString) },
  { words: ['DROP', 'RESOURCE', 'GROUP'], feature: 'DROP RESOURCE GROUP', shape: seq(ifExists, name) },
  { words: ['DROP', 'RESOURCE'], feature: 'DROP RESOURCE', shape: nameOrString },
  { words: ['DROP', 'INDEX'], feature: 'DROP INDEX', shape: seq(name, word('ON'), name) },
  { words: ['DROP', 'FUNCTION'], feature: 'DROP FUNCTION', shape: seq(ifExists, name, typeList) },
  { words: ['DROP', 'GLOBAL', 'FUNCTION'], feature: 'DROP FUNCTION', shape: seq(ifExists, name, typeList) },
  { words: ['DROP', 'REPOSITORY'], feature: 'DROP REPOSITORY', shape: name },
  { words: ['DROP', 'TASK'], feature: 'DROP TASK', shape: seq(ifExists, name, force) },
  { words: ['DROP', 'STATS'], feature: 'DROP STATS', shape: name },
  { words: ['DROP', 'MULTIPLE', 'COLUMNS', 'STATS'], feature: 'DROP STATS', shape: name },
  { words: ['DROP', 'ANALYZE'], feature: 'DROP ANALYZE', shape: rest },
  { words: ['DROP', 'ALL', 'ANALYZE', 'JOB'], feature: 'DROP ANALYZE', shape: rest },
  { words: ['DROP', 'FILE'], feature: 'DROP FILE', shape: seq(str, rest) },
  { words: ['DROP', 'PIPE'], feature: 'DROP PIPE', shape: seq(ifExists, name) },
  {
    words: ['DROP', 'STORAGE', 'VOLUME'],
    feature: 'DROP STORAGE VOLUME',
    shape: seq(ifExists, nameOrString),
  },
  { words: ['DROP', 'WAREHOUSE'], feature: 'DROP WAREHOUSE', shape: seq(ifExists, nameOrString) },
  { words: ['DROP', 'DICTIONARY'], feature: 'DROP DICTIONARY', shape: seq(name, rest) },
  { words: ['DROP', 'DATACACHE', 'RULE'], feature: 'DROP DATACACHE RULE', shape: rest },
  { words: ['DROP', 'SECURITY', 'INTEGRATION'], feature: 'DROP SECURITY INTEGRATION', shape: name },
  { words: ['DROP', 'GROUP', 'PROVIDER'], feature: 'DROP GROUP PROVIDER', shape: seq(ifExists, name) },
  { words: ['DROP', 'ROLE', 'MAPPING'], feature: 'DROP ROLE MAPPING', shape: name },
  { words: ['DROP', 'MASKING', 'POLICY'], feature: 'DROP MASKING POLICY', shape: seq(ifExists, name, force) },
  {
    words: ['DROP', 'ROW', 'ACCESS', 'POLICY'],
    feature: 'DROP ROW ACCESS POLICY',
    shape: seq(ifExists, name, force),
  },
  { words: ['DROP', 'PASSWORD', 'POLICY'], feature: 'DROP PASSWORD POLICY', shape: name },
  { words: ['DROP', 'BASELINE'], feature: 'DROP BASELINE', shape: rest },
  { words: ['DROP', 'CLUSTER', 'SNAPSHOT'], feature: 'DROP CLUSTER SNAPSHOT', shape: rest },
  {
    words: ['DROP', 'FAILOVER', 'GROUP'],
    feature: 'DROP FAILOVER GROUP',
    shape: seq(ifExists, nameOrString),
  },
  { words: ['DROP', 'TUNESPACE'], feature: 'DROP TUNESPACE', shape: seq(ifExists, name) },
  // ALTER … (those without a modelled node)
  { words: ['ALTER', 'MATERIALIZED', 'VIEW'], feature: 'ALTER MATERIALIZED VIEW', shape: seq(name, rest) },
  { words: ['ALTER', 'DATABASE'], feature: 'ALTER DATABASE', shape: seq(name, rest) },
  { words: ['ALTER', 'SCHEMA'], feature: 'ALTER DATABASE', shape: seq(name, rest) },
  {
    words: ['ALTER', 'ROUTINE', 'LOAD', 'FOR'],
    feature: 'ALTER ROUTINE LOAD',
    shape: seq(jobName, alterRoutineLoad),
  },
  { words: ['ALTER', 'LOAD', 'FOR'], feature: 'ALTER LOAD', shape: seq(jobName, optProps) },
  { words: ['ALTER', 'SYSTEM'], feature: 'ALTER SYSTEM', shape: rest },
  { words: ['ALTER', 'RESOURCE', 'GROUP'], feature: 'ALTER RESOURCE GROUP', shape: seq(name, rest) },
  {
    words: ['ALTER', 'RESOURCE'],
    feature: 'ALTER RESOURCE',
    shape: seq(nameOrString, word('SET'), requiredProps),
  },
  { words: ['ALTER', 'CATALOG'], feature: 'ALTER CATALOG', shape: seq(nameOrString, word('SET'), props) },
  {
    words: ['ALTER', 'ROLE', 'MAPPING'],
    feature: 'ALTER ROLE MAPPING',
    shape: seq(name, word('SET'), props),
  },
  { words: ['ALTER', 'ROLE'], feature: 'ALTER ROLE', shape: rest },
  { words: ['ALTER', 'STORAGE', 'VOLUME'], feature: 'ALTER STORAGE VOLUME', shape: rest },
  { words: ['ALTER', 'PIPE'], feature: 'ALTER PIPE', shape: seq(name, rest) },
  { words: ['ALTER', 'WAREHOUSE'], feature: 'ALTER WAREHOUSE', shape: seq(nameOrString, rest) },
  { words: ['ALTER', 'TASK'], feature: 'ALTER TASK', shape: seq(ifExists, name, rest) },
  { words: ['ALTER', 'PLAN', 'ADVISOR'], feature: 'ALTER PLAN ADVISOR', shape: rest },
  {
    words: ['ALTER', 'SECURITY', 'INTEGRATION'],
    feature: 'ALTER SECURITY INTEGRATION',
    shape: seq(name, rest),
  },
  { words: ['ALTER', 'MASKING', 'POLICY'], feature: 'ALTER MASKING POLICY', shape: rest },
  { words: ['ALTER', 'ROW', 'ACCESS', 'POLICY'], feature: 'ALTER ROW ACCESS POLICY', shape: rest },
  { words: ['ALTER', 'FAILOVER', 'GROUP'], feature: 'ALTER FAILOVER GROUP', shape: rest },
  { words: ['ALTER', 'TUNESPACE'], feature: 'ALTER TUNESPACE', shape: rest },
  // Routine load control, loads, export.
  { words: ['PAUSE', 'ROUTINE', 'LOAD', 'FOR'], feature: 'PAUSE ROUTINE LOAD', shape: jobName },
  { words: ['RESUME', 'ROUTINE', 'LOAD', 'FOR'], feature: 'RESUME ROUTINE LOAD', shape: jobName },
  { words: ['STOP', 'ROUTINE', 'LOAD', 'FOR'], feature: 'STOP ROUTINE LOAD', shape: jobName },
  { words: ['LOAD', 'LABEL'], feature: 'LOAD', shape: seq(name, rest) },
  { words: ['EXPORT', 'TABLE'], feature: 'EXPORT', shape: seq(name, rest) },
  // Backup and restore.
  { words: ['BACKUP'], feature: 'BACKUP', shape: backup },
  { words: ['RESTORE', 'TABLE'], feature: 'RESTORE TABLE FROM SNAPSHOT', shape: rest },
  { words: ['RESTORE'], feature: 'RESTORE', shape: restore },
  // CANCEL …
  { words: ['CANCEL', 'ALTER'], feature: 'CANCEL ALTER TABLE', shape: rest },
  {
    words: ['CANCEL', 'REFRESH', 'MATERIALIZED', 'VIEW'],
    feature: 'CANCEL REFRESH MATERIALIZED VIEW',
    shape: seq(name, force),
  },
  { words: ['CANCEL', 'REFRESH', 'DICTIONARY'], feature: 'CANCEL REFRESH DICTIONARY', shape: name },
  { words: ['CANCEL', 'LOAD'], feature: 'CANCEL LOAD', shape: rest },
  { words: ['CANCEL', 'EXPORT'], feature: 'CANCEL EXPORT', shape: rest },
  { words: ['CANCEL', 'BACKUP'], feature: 'CANCEL BACKUP', shape: rest },
  { words: ['CANCEL', 'RESTORE'], feature: 'CANCEL RESTORE', shape: rest },
  { words: ['CANCEL', 'DECOMMISSION'], feature: 'CANCEL DECOMMISSION', shape: rest },
  { words: ['CANCEL', 'COMPACTION'], feature: 'CANCEL COMPACTION', shape: seq(word('WHERE'), expr) },
  // RECOVER / REFRESH.
  { words: ['RECOVER', 'DATABASE'], feature: 'RECOVER DATABASE', shape: name },
  { words: ['RECOVER', 'SCHEMA'], feature: 'RECOVER DATABASE', shape: name },
  { words: ['RECOVER', 'TABLE'], feature: 'RECOVER TABLE', shape: name },
  { words: ['RECOVER', 'PARTITION'], feature: 'RECOVER PARTITION', shape: seq(name, word('FROM'), name) },
  {
    words: ['REFRESH', 'MATERIALIZED', 'VIEW'],
    feature: 'REFRESH MATERIALIZED VIEW',
    shape: seq(name, rest),
  },
  { words: ['REFRESH', 'EXTERNAL', 'TABLE'], feature: 'REFRESH EXTERNAL TABLE', shape: seq(name, rest) },
  { words: ['REFRESH', 'DICTIONARY'], feature: 'REFRESH DICTIONARY', shape: name },
  { words: ['REFRESH', 'ALL', 'ROLE', 'MAPPINGS'], feature: 'REFRESH ROLE MAPPING', shape: rest },
  { words: ['REFRESH', 'CONNECTIONS'], feature: 'REFRESH CONNECTIONS', shape: force },
  // ADMIN, cluster, statistics.
  { words: ['ADMIN', 'SET', 'FRONTEND', 'CONFIG'], feature: 'ADMIN SET CONFIG', shape: seq(props, rest) },
  { words: ['ADMIN', 'SET', 'CONFIG'], feature: 'ADMIN SET CONFIG', shape: seq(props, rest) },
  { words: ['ADMIN', 'SET', 'REPLICA', 'STATUS'], feature: 'ADMIN SET REPLICA STATUS', shape: requiredProps },
  { words: ['ADMIN', 'SET', 'TABLE'], feature: 'ADMIN SET PARTITION VERSION', shape: seq(name, rest) },
  {
    words: ['ADMIN', 'SET', 'AUTOMATED', 'CLUSTER', 'SNAPSHOT'],
    feature: 'ADMIN SET AUTOMATED CLUSTER SNAPSHOT',
    shape: rest,
  },
  {
    words: ['ADMIN', 'ALTER', 'AUTOMATED', 'CLUSTER', 'SNAPSHOT'],
    feature: 'ADMIN ALTER AUTOMATED CLUSTER SNAPSHOT',
    shape: rest,
  },
  { words: ['ADMIN', 'SHOW', 'FRONTEND', 'CONFIG'], feature: 'ADMIN SHOW CONFIG', shape: rest },
  { words: ['ADMIN', 'SHOW', 'CONFIG'], feature: 'ADMIN SHOW CONFIG', shape: rest },
  {
    words: ['ADMIN', 'SHOW', 'REPLICA', 'DISTRIBUTION', 'FROM'],
    feature: 'ADMIN SHOW REPLICA DISTRIBUTION',
    shape: seq(name, rest),
  },
  {
    words: ['ADMIN', 'SHOW', 'REPLICA', 'STATUS', 'FROM'],
    feature: 'ADMIN SHOW REPLICA STATUS',
    shape: seq(name, rest),
  },
  {
    words: ['ADMIN', 'SHOW', 'TABLET', 'STATUS', 'FROM'],
    feature: 'ADMIN SHOW TABLET STATUS',
    shape: seq(name, rest),
  },
  {
    words: ['ADMIN', 'SHOW', 'AUTOMATED', 'CLUSTER', 'SNAPSHOT'],
    feature: 'ADMIN SHOW AUTOMATED CLUSTER SNAPSHOT',
    shape: rest,
  },
  { words: ['ADMIN', 'REPAIR', 'TABLE'], feature: 'ADMIN REPAIR TABLE', shape: seq(name, rest) },
  {
    words: ['ADMIN', 'CANCEL', 'REPAIR', 'TABLE'],
    feature: 'ADMIN CANCEL REPAIR TABLE',
    shape: seq(name, rest),
  },
  { words: ['ADMIN', 'CHECK', 'TABLET'], feature: 'ADMIN CHECK TABLET', shape: rest },
  { words: ['ADMIN', 'CHECK', 'TABLETS'], feature: 'ADMIN CHECK TABLET', shape: rest },
  { words: ['ADMIN', 'EXECUTE', 'ON'], feature: 'ADMIN EXECUTE', shape: rest },
  { words: ['ADMIN', 'ENABLE', 'FAILPOINT'], feature: 'ADMIN ENABLE FAILPOINT', shape: seq(str, rest) },
  { words: ['ADMIN', 'DISABLE', 'FAILPOINT'], feature: 'ADMIN DISABLE FAILPOINT', shape: seq(str, rest) },
  { words: ['ANALYZE', 'PROFILE'], feature: 'ANALYZE PROFILE', shape: rest },
  { words: ['ANALYZE'], feature: 'ANALYZE TABLE', shape: rest },
  { words: ['SYNC'], feature: 'SYNC', shape: () => undefined },
  { words: ['SUBMIT', 'TASK'], feature: 'SUBMIT TASK', shape: rest },
  { words: ['SUBMIT'], feature: 'SUBMIT TASK', shape: rest },
  { words: ['INSTALL', 'PLUGIN', 'FROM'], feature: 'INSTALL PLUGIN', shape: seq(nameOrString, optProps) },
  { words: ['UNINSTALL', 'PLUGIN'], feature: 'UNINSTALL PLUGIN', shape: nameOrString },
  { words: ['HELP'], feature: 'HELP', shape: nameOrString },
  { words: ['ADD', 'SQLBLACKLIST'], feature: 'ADD SQLBLACKLIST', shape: str },
  { words: ['DELETE', 'SQLBLACKLIST'], feature: 'DELETE SQLBLACKLIST', shape: rest },
  { words: ['ADD', 'SQL', 'DIGEST', 'BLACKLIST'], feature: 'ADD SQL DIGEST BLACKLIST', shape: rest },
  { words: ['DELETE', 'SQL', 'DIGEST', 'BLACKLIST'], feature: 'DELETE SQL DIGEST BLACKLIST', shape: rest },
  { words: ['ADD', 'BACKEND', 'BLACKLIST'], feature: 'ADD BACKEND BLACKLIST', shape: rest },
  { words: ['DELETE', 'BACKEND', 'BLACKLIST'], feature: 'DELETE BACKEND BLACKLIST', shape: rest },
  { words: ['ADD', 'COMPUTE', 'NODE', 'BLACKLIST'], feature: 'ADD COMPUTE NODE BLACKLIST', shape: rest },
  {
    words: ['DELETE', 'COMPUTE', 'NODE', 'BLACKLIST'],
    feature: 'DELETE COMPUTE NODE BLACKLIST',
    shape: rest,
  },
  { words: ['CLEAR', 'DATACACHE', 'RULES'], feature: 'CLEAR DATACACHE RULES', shape: () => undefined },
  { words: ['CACHE', 'SELECT'], feature: 'CACHE SELECT', shape: rest },
  { words: ['CALL'], feature: 'CALL', shape: seq(name, typeList) },
  { words: ['TRANSLATE'], feature: 'TRANSLATE', shape: rest },
  { words: ['LOCK', 'TABLES'], feature: 'LOCK TABLES', shape: rest },
  { words: ['UNLOCK', 'TABLES'], feature: 'UNLOCK TABLES', shape: () => undefined },
  { words: ['SUSPEND', 'WAREHOUSE'], feature: 'SUSPEND WAREHOUSE', shape: seq(ifExists, name) },
  { words: ['RESUME', 'WAREHOUSE'], feature: 'RESUME WAREHOUSE', shape: seq(ifExists, name) },
  { words: ['ENABLE', 'BASELINE'], feature: 'ENABLE BASELINE', shape: rest },
  { words: ['DISABLE', 'BASELINE'], feature: 'DISABLE BASELINE', shape: rest },
  { words: ['CLEAN', 'TEMPORARY', 'TABLE'], feature: 'CLEAN TEMPORARY TABLE', shape: rest },
  {
    words: ['EXECUTE', 'AS'],
    feature: 'EXECUTE AS',
    shape: seq(
      opt('EXTERNAL', () => undefined),
      opt('USER', () => undefined),
      user,
      rest,
    ),
  },
  { words: ['TRACE'], feature: 'TRACE', shape: trace },
];

function parseEntry(p: Cursor, entries: readonly Entry[]): AstStatement | undefined {
  const entry = entries.find((e) => p.isWords(...e.words));
  if (!entry) return undefined;
  p.i += entry.words.length;
  entry.shape(p);
  if (!p.atEnd()) {
    p.note('<EOF>');
    p.note("';'");
    p.fail();
  }
  return { kind: 'generic', feature: entry.feature, text: '' };
}

/** A statement led by a word no other module handles. */
export function parseGenericStatement(p: Cursor): AstStatement | undefined {
  return parseEntry(p, ENTRIES);
}

/** A CREATE form without its own node; `start` is the index of CREATE. */
export function parseGenericCreate(p: Cursor, start: number): AstStatement {
  p.i = start;
  const found = parseEntry(
    p,
    ENTRIES.filter((e) => e.words[0] === 'CREATE'),
  );
  if (found) return found;
  p.i = start + 1;
  for (const w of ['TABLE', 'VIEW', 'DATABASE', 'MATERIALIZED', 'USER', 'ROLE']) p.note(`'${w}'`);
  return p.fail();
}

/** A DROP form without its own node (and `DROP PREPARE s`); `start` is the index of DROP. */
export function parseGenericDrop(p: Cursor, start: number): AstStatement {
  p.i = start + 1;
  if (p.acceptWord('PREPARE')) return { kind: 'deallocate', name: p.ident() };
  p.i = start;
  const found = parseEntry(
    p,
    ENTRIES.filter((e) => e.words[0] === 'DROP'),
  );
  if (found) return found;
  p.i = start + 1;
  for (const w of ['TABLE', 'VIEW', 'DATABASE', 'MATERIALIZED', 'USER', 'ROLE']) p.note(`'${w}'`);
  return p.fail();
}

/** After ALTER (cursor at ALTER): the generic ALTER forms. */
export function parseGenericAlter(p: Cursor): AstStatement {
  const found = parseEntry(
    p,
    ENTRIES.filter((e) => e.words[0] === 'ALTER'),
  );
  if (found) return found;
  p.i += 1;
  for (const w of ['TABLE', 'VIEW', 'USER', 'DATABASE', 'MATERIALIZED']) p.note(`'${w}'`);
  return p.fail();
}
