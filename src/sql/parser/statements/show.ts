/**
 * SHOW statements → one AstShow node. The phrase table maps StarRocks' SHOW forms to the
 * normalised `what` and says which object clause follows the phrase.
 */
import type { AstShow, AstStatement } from '../../ast/index.js';
import type { Cursor } from '../cursor.js';
import { parseOrderItems } from '../expressions/order.js';
import { parseExpr } from '../expressions/pratt.js';
import { parseName, parseUser } from './common.js';
import { genericRest } from './explain.js';
import { parseLimit } from './query.js';
import { parsePartitionNameList } from './relations.js';

/** What follows the phrase: a target name, FROM db, FROM table [FROM db], FOR job, … */
type ObjectClause =
  | 'none'
  | 'target' // SHOW CREATE TABLE t
  | 'from-db' // [FROM|IN db]
  | 'from-table' // FROM|IN t [FROM|IN db]
  | 'for-job' // [FOR [db.]job] [FROM db]
  | 'grants' // [FOR [USER] u | FOR ROLE r]
  | 'proc' // 'path'
  | 'tablet' // n | FROM t [PARTITION …]
  | 'on-repo' // ON repo
  | 'for-user' // [FOR user]
  | 'for-string' // [FOR 'x']
  | 'name'; // [name]

interface Phrase {
  readonly words: readonly string[];
  readonly what: string;
  readonly object: ObjectClause;
}

const P = (words: string, what: string, object: ObjectClause): Phrase => ({
  words: words.split(' '),
  what,
  object,
});

/** Longest phrases first within a shared prefix; matching takes the first full match. */
const PHRASES: readonly Phrase[] = [
  P('CREATE MATERIALIZED VIEW', 'create materialized view', 'target'),
  P('CREATE ROUTINE LOAD', 'create routine load', 'target'),
  P('CREATE TABLE', 'create table', 'target'),
  P('CREATE VIEW', 'create view', 'target'),
  P('CREATE DATABASE', 'create database', 'target'),
  P('CREATE SCHEMA', 'create database', 'target'),
  P('CREATE CATALOG', 'create catalog', 'target'),
  P('CREATE EXTERNAL CATALOG', 'create catalog', 'target'),
  P('ROUTINE LOAD TASK', 'routine load task', 'from-db'),
  P('ROUTINE LOAD', 'routine load', 'for-job'),
  P('STREAM LOAD', 'stream load', 'for-job'),
  P('LOAD WARNINGS', 'load warnings', 'from-db'),
  P('LOAD', 'load', 'from-db'),
  P('DATABASES', 'databases', 'from-db'),
  P('SCHEMAS', 'databases', 'from-db'),
  P('TABLE STATUS', 'table status', 'from-db'),
  P('TABLES', 'tables', 'from-db'),
  P('COLUMNS', 'columns', 'from-table'),
  P('FIELDS', 'columns', 'from-table'),
  P('INDEXES', 'index', 'from-table'),
  P('INDEX', 'index', 'from-table'),
  P('KEYS', 'index', 'from-table'),
  P('KEY', 'index', 'from-table'),
  P('VARIABLES', 'variables', 'none'),
  P('STATUS', 'status', 'none'),
  P('PROCESSLIST', 'processlist', 'for-string'),
  P('PARTITIONS', 'partitions', 'from-table'),
  P('TEMPORARY PARTITIONS', 'temporary partitions', 'from-table'),
  P('GRANTS', 'grants', 'grants'),
  P('ROLES', 'roles', 'none'),
  P('USERS', 'users', 'none'),
  P('USER', 'users', 'none'),
  P('AUTHENTICATION', 'authentication', 'for-user'),
  P('CATALOGS', 'catalogs', 'none'),
  P('MATERIALIZED VIEWS', 'materialized views', 'from-db'),
  P('DATA DISTRIBUTION', 'data distribution', 'from-table'),
  P('DATA', 'data', 'from-db'),
  P('BACKENDS', 'backends', 'none'),
  P('FRONTENDS', 'frontends', 'none'),
  P('COMPUTE NODES', 'compute nodes', 'none'),
  P('BROKER', 'broker', 'none'),
  P('PROC', 'proc', 'proc'),
  P('CHARSET', 'charset', 'none'),
  P('CHAR SET', 'charset', 'none'),
  P('CHARACTER SET', 'charset', 'none'),
  P('COLLATION', 'collation', 'none'),
  P('ENGINES', 'engines', 'none'),
  P('WARNINGS', 'warnings', 'none'),
  P('ERRORS', 'errors', 'none'),
  P('PLUGINS', 'plugins', 'none'),
  P('EVENTS', 'events', 'from-db'),
  P('TRIGGERS', 'triggers', 'from-db'),
  P('PROCEDURE STATUS', 'procedure status', 'none'),
  P('FUNCTION STATUS', 'function status', 'none'),
  P('FUNCTIONS', 'functions', 'from-db'),
  P('OPEN TABLES', 'open tables', 'none'),
  P('PRIVILEGES', 'privileges', 'none'),
  P('EXPORT', 'export', 'from-db'),
  P('DELETE', 'delete', 'from-db'),
  P('ALTER TABLE COLUMN', 'alter table column', 'from-db'),
  P('ALTER TABLE ROLLUP', 'alter table rollup', 'from-db'),
  P('ALTER TABLE OPTIMIZE', 'alter table optimize', 'from-db'),
  P('ALTER MATERIALIZED VIEW', 'alter materialized view', 'from-db'),
  P('DYNAMIC PARTITION TABLES', 'dynamic partition tables', 'from-db'),
  P('TEMPORARY TABLES', 'temporary tables', 'from-db'),
  P('TABLETS', 'tablet', 'tablet'),
  P('TABLET', 'tablet', 'tablet'),
  P('TRANSACTION', 'transaction', 'from-db'),
  P('RESOURCES', 'resources', 'none'),
  P('RESOURCE GROUPS', 'resource groups', 'none'),
  P('RESOURCE GROUP', 'resource group', 'name'),
  P('USAGE RESOURCE GROUPS', 'usage resource groups', 'none'),
  P('USAGE RESOURCE GROUP', 'usage resource group', 'name'),
  P('REPOSITORIES', 'repositories', 'none'),
  P('SNAPSHOT', 'snapshot', 'on-repo'),
  P('BACKUP', 'backup', 'from-db'),
  P('RESTORE', 'restore', 'from-db'),
  P('PROFILELIST', 'profilelist', 'none'),
  P('RUNNING QUERIES', 'running queries', 'none'),
  P('PROPERTY', 'property', 'for-string'),
  P('PROPERTIES', 'property', 'for-string'),
  P('AUTHORS', 'authors', 'none'),
  P('SQLBLACKLIST', 'sqlblacklist', 'none'),
  P('WHITELIST', 'whitelist', 'none'),
  P('BACKEND BLACKLIST', 'backend blacklist', 'none'),
  P('COMPUTE NODE BLACKLIST', 'compute node blacklist', 'none'),
  P('ANALYZE JOB', 'analyze job', 'none'),
  P('ANALYZE STATUS', 'analyze status', 'none'),
  P('ANALYZE', 'analyze', 'none'),
  P('STATS META', 'stats meta', 'none'),
  P('MULTIPLE COLUMNS STATS META', 'multiple columns stats meta', 'none'),
  P('HISTOGRAM META', 'histogram meta', 'none'),
  P('WAREHOUSES', 'warehouses', 'none'),
  P('STORAGE VOLUMES', 'storage volumes', 'none'),
  P('PIPES', 'pipes', 'from-db'),
  P('DICTIONARY', 'dictionary', 'name'),
  P('FILE', 'file', 'from-db'),
  P('DATACACHE RULES', 'datacache rules', 'none'),
  P('FAILPOINTS', 'failpoints', 'none'),
  P('BASELINE', 'baseline', 'none'),
  P('PLAN ADVISOR', 'plan advisor', 'none'),
  P('SECURITY INTEGRATIONS', 'security integrations', 'none'),
  P('GROUP PROVIDERS', 'group providers', 'none'),
  P('ROLE MAPPINGS', 'role mappings', 'none'),
  P('SQL DIGEST BLACKLIST', 'sql digest blacklist', 'none'),
  P('CREATE SECURITY INTEGRATION', 'create security integration', 'target'),
  P('CREATE GROUP PROVIDER', 'create group provider', 'target'),
  P('MASKING POLICIES', 'masking policies', 'from-db'),
  P('ROW ACCESS POLICIES', 'row access policies', 'from-db'),
  P('PASSWORD POLICIES', 'password policies', 'none'),
  P('NODES', 'nodes', 'none'),
  P('CLUSTERS', 'clusters', 'none'),
  P('CNGROUPS', 'clusters', 'none'),
  P('FAILOVER GROUPS', 'failover groups', 'none'),
];

export function parseShow(p: Cursor): AstStatement {
  p.expectWord('SHOW');
  let full = false;
  let all = false;
  let scope: 'global' | 'session' | undefined;
  while (true) {
    if (p.isWord('FULL') && !p.isOp('(', 1)) full = p.acceptWord('FULL');
    else if (p.isWord('ALL') && !p.isWord('IN', 1)) all = p.acceptWord('ALL');
    else if (p.isWord('GLOBAL')) scope = (p.next(), 'global');
    else if (p.isWord('SESSION') || p.isWord('LOCAL')) scope = (p.next(), 'session');
    else if (p.isWord('VERBOSE') || p.isWord('BUILTIN')) p.next();
    else break;
  }
  if (p.isWords('BASELINE', 'ON')) return genericRest(p, 'SHOW BASELINE');
  const phrase = PHRASES.find((ph) => p.isWords(...ph.words));
  if (!phrase) {
    for (const w of ['DATABASES', 'TABLES', 'VARIABLES', 'COLUMNS', 'CREATE']) p.note(`'${w}'`);
    return p.fail();
  }
  p.i += phrase.words.length;
  const show: { -readonly [K in keyof AstShow]: AstShow[K] } = { kind: 'show', what: phrase.what, full, all };
  if (scope) show.scope = scope;
  parseObjectClause(p, phrase.object, show);
  if (p.acceptWord('LIKE')) show.like = p.string();
  if (p.acceptWord('WHERE')) show.where = parseExpr(p);
  if (p.acceptWords('ORDER', 'BY')) show.orderBy = parseOrderItems(p);
  if (p.isWord('LIMIT')) show.limit = parseLimit(p);
  return show;
}

function fromOrIn(p: Cursor): boolean {
  return p.acceptWord('FROM') || p.acceptWord('IN');
}

function parseObjectClause(
  p: Cursor,
  object: ObjectClause,
  show: { -readonly [K in keyof AstShow]: AstShow[K] },
): void {
  switch (object) {
    case 'none':
      // `SHOW RESOURCE GROUPS ALL` (ALL after the phrase).
      if (show.what === 'resource groups' && p.acceptWord('ALL')) show.all = true;
      return;
    case 'target':
      show.target = parseName(p);
      return;
    case 'from-db':
      if (fromOrIn(p)) show.from = parseName(p);
      else if (show.what === 'load warnings' && p.acceptWord('ON')) show.path = p.string();
      return;
    case 'from-table':
      if (!fromOrIn(p)) {
        p.note("'FROM'");
        p.fail();
      }
      show.target = parseName(p);
      if (fromOrIn(p)) show.from = parseName(p);
      if (p.isWord('PARTITION') || p.isWord('PARTITIONS')) {
        p.next();
        parsePartitionNameList(p);
      }
      return;
    case 'for-job':
      if (p.acceptWord('FOR')) show.target = parseName(p);
      if (p.acceptWord('FROM')) show.from = parseName(p);
      return;
    case 'grants':
      if (!p.acceptWord('FOR')) return;
      if (p.acceptWord('ROLE')) show.role = p.identOrString();
      else {
        p.acceptWord('USER');
        show.user = parseUser(p);
      }
      return;
    case 'proc':
      show.path = p.string();
      return;
    case 'tablet':
      if (p.peek().kind === 'number') show.target = { parts: [p.next().value] };
      else {
        p.expectWord('FROM');
        show.target = parseName(p);
        if (p.isWord('PARTITION') || p.isWord('PARTITIONS')) {
          p.next();
          parsePartitionNameList(p);
        }
      }
      return;
    case 'on-repo':
      p.expectWord('ON');
      show.from = parseName(p);
      return;
    case 'for-user':
      if (p.acceptWord('FOR')) show.user = parseUser(p);
      return;
    case 'for-string':
      if (p.acceptWord('FOR')) show.user = { name: p.string(), host: '%' };
      return;
    case 'name':
      if (p.isIdent()) show.target = parseName(p);
      return;
  }
}
