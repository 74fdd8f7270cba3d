/** Users, roles, GRANT and REVOKE (privileges and roles, incl. legacy `SELECT_PRIV` names). */
import type {
  AstGrantObject,
  AstGrantPrivileges,
  AstGrantRole,
  AstName,
  AstStatement,
  AstUserIdentity,
} from '../../ast/index.js';
import type { Cursor } from '../cursor.js';
import { genericRest } from './explain.js';
import {
  parseIfExists,
  parseIfNotExists,
  parseOptionalComment,
  parseOptionalProperties,
  parseUser,
} from './common.js';

type Grantee = AstGrantRole['grantee'];

/** After CREATE: USER / ROLE; undefined when neither. */
export function parseAccountCreate(p: Cursor): AstStatement | undefined {
  if (p.isWords('ROLE', 'MAPPING')) return undefined;
  if (p.acceptWord('USER')) {
    const ifNotExists = parseIfNotExists(p);
    const user = parseUser(p);
    const auth = parseAuthOption(p);
    let defaultRoles: string[] = [];
    if (p.acceptWords('DEFAULT', 'ROLE')) defaultRoles = parseRoleList(p);
    return {
      kind: 'create-user',
      ifNotExists,
      user,
      ...auth,
      defaultRoles,
      properties: parseOptionalProperties(p),
    };
  }
  if (p.acceptWord('ROLE')) {
    const ifExistsOrNot = parseIfNotExists(p);
    const roles = parseRoleList(p);
    parseOptionalComment(p);
    return { kind: 'create-role', ifExistsOrNot, roles };
  }
  return undefined;
}

/** After DROP: USER / ROLE; undefined when neither. */
export function parseAccountDrop(p: Cursor): AstStatement | undefined {
  if (p.isWords('ROLE', 'MAPPING')) return undefined;
  if (p.acceptWord('USER')) {
    const ifExists = parseIfExists(p);
    return { kind: 'drop-user', ifExists, user: parseUser(p) };
  }
  if (p.acceptWord('ROLE')) {
    const ifExistsOrNot = parseIfExists(p);
    return { kind: 'drop-role', ifExistsOrNot, roles: parseRoleList(p) };
  }
  return undefined;
}

/** After `ALTER USER`. */
export function parseAlterUser(p: Cursor): AstStatement {
  const ifExists = parseIfExists(p);
  const user = parseUser(p);
  if (p.acceptWords('DEFAULT', 'ROLE')) {
    let defaultRoles: string[];
    if (p.acceptWord('NONE')) defaultRoles = [];
    else if (p.acceptWord('ALL')) defaultRoles = ['ALL'];
    else defaultRoles = parseRoleList(p);
    return { kind: 'alter-user', ifExists, user, defaultRoles, properties: [] };
  }
  if (p.acceptWord('SET')) {
    return { kind: 'alter-user', ifExists, user, properties: parseOptionalProperties(p) };
  }
  const auth = parseAuthOption(p);
  return {
    kind: 'alter-user',
    ifExists,
    user,
    ...(auth.password ? { password: auth.password } : {}),
    properties: [],
  };
}

function parseAuthOption(p: Cursor): {
  password?: { value: string; hashed: boolean };
  authPlugin?: { plugin: string; value?: string };
} {
  if (!p.acceptWord('IDENTIFIED')) return {};
  if (p.acceptWord('BY')) {
    const hashed = p.acceptWord('PASSWORD');
    return { password: { value: p.string(), hashed } };
  }
  p.expectWord('WITH');
  const plugin = p.identOrString();
  if (p.acceptWord('BY') || p.acceptWord('AS')) return { authPlugin: { plugin, value: p.string() } };
  return { authPlugin: { plugin } };
}

export function parseRoleList(p: Cursor): string[] {
  const out = [p.identOrString()];
  while (p.acceptOp(',')) out.push(p.identOrString());
  return out;
}

/** GRANT … / REVOKE … */
export function parseGrantRevoke(p: Cursor): AstStatement {
  const grant = p.next().upper === 'GRANT';
  const toWord = grant ? 'TO' : 'FROM';
  if (!hasOnBeforeTo(p, toWord)) {
    const roles = parseRoleList(p);
    p.expectWord(toWord);
    if (p.isWords('EXTERNAL', 'GROUP'))
      return genericRest(p, grant ? 'GRANT ROLE TO GROUP' : 'REVOKE ROLE FROM GROUP');
    return { kind: grant ? 'grant-role' : 'revoke-role', roles, grantee: parseGrantee(p) };
  }
  const privileges = parsePrivileges(p);
  p.expectWord('ON');
  if (p.isWord('FUNCTION') || p.isWords('GLOBAL', 'FUNCTION') || p.isWords('EXTERNAL', 'USER')) {
    return genericRest(p, grant ? 'GRANT' : 'REVOKE');
  }
  // `IMPERSONATE ON USER 'u'@'h'`: the object is a user identity (host ignored, like its grantee).
  const object: AstGrantObject = p.acceptWord('USER')
    ? { kind: 'name', objectType: 'USER', names: [{ parts: [parseUser(p).name] }] }
    : parseGrantObject(p);
  p.expectWord(toWord);
  const grantee = parseGrantee(p);
  const withGrantOption = grant && p.acceptWords('WITH', 'GRANT', 'OPTION');
  const node: AstGrantPrivileges = {
    kind: grant ? 'grant-privileges' : 'revoke-privileges',
    privileges,
    object,
    grantee,
    withGrantOption,
  };
  return node;
}

function hasOnBeforeTo(p: Cursor, toWord: string): boolean {
  for (let k = 0; ; k++) {
    const t = p.peek(k);
    if (t.kind === 'eof' || (t.kind === 'op' && t.value === ';')) return false;
    if (t.kind === 'word' && t.upper === 'ON') return true;
    if (t.kind === 'word' && t.upper === toWord) return false;
  }
}

/** `SELECT, INSERT`, `ALL [PRIVILEGES]`, `CREATE TABLE`, `SELECT_PRIV` … */
function parsePrivileges(p: Cursor): string[] {
  const out: string[] = [];
  do {
    const words: string[] = [];
    while (!p.isOp(',') && !p.isWord('ON') && !p.atEnd()) {
      const t = p.next();
      if (t.kind !== 'word' && t.kind !== 'quoted-ident') p.fail();
      words.push(/_PRIV$/i.test(t.value) ? t.value : t.upper);
    }
    if (words.length === 0) {
      p.note('a privilege');
      p.fail();
    }
    const text = words.join(' ');
    out.push(text === 'ALL PRIVILEGES' ? 'ALL' : text);
  } while (p.acceptOp(','));
  return out;
}

const OBJECT_TYPES = [
  ['MATERIALIZED', 'VIEW'],
  ['RESOURCE', 'GROUP'],
  ['STORAGE', 'VOLUME'],
  ['FAILOVER', 'GROUP'],
  ['CATALOG'],
  ['DATABASE'],
  ['RESOURCE'],
  ['TABLE'],
  ['VIEW'],
  ['WAREHOUSE'],
  ['PIPE'],
];

function parseGrantObject(p: Cursor): AstGrantObject {
  if (p.acceptWord('SYSTEM')) return { kind: 'system' };
  if (p.acceptWord('ALL')) {
    const words: string[] = [];
    while (!p.isWord('IN') && !p.isWord('TO') && !p.isWord('FROM') && !p.atEnd()) words.push(p.next().upper);
    const objectType = words.join(' ');
    if (p.acceptWord('IN')) {
      if (p.acceptWords('ALL', 'DATABASES')) return { kind: 'all', objectType };
      p.expectWord('DATABASE');
      return { kind: 'all', objectType, inDatabase: p.identOrString() };
    }
    return { kind: 'all', objectType };
  }
  let objectType: string | undefined;
  for (const words of OBJECT_TYPES) {
    // A type word followed by TO/FROM/',' is itself the object name (`ON table TO u`).
    if (
      p.isWords(...words) &&
      !['TO', 'FROM'].some((w) => p.isWord(w, words.length)) &&
      !p.isOp('.', words.length)
    ) {
      p.i += words.length;
      objectType = words.join(' ');
      break;
    }
  }
  const names: AstName[] = [];
  do names.push({ parts: parsePrivObjectName(p) });
  while (p.acceptOp(','));
  return objectType ? { kind: 'name', objectType, names } : { kind: 'name', names };
}

function parsePrivObjectName(p: Cursor): string[] {
  const parts = [starOrName(p)];
  while (p.acceptOp('.')) parts.push(starOrName(p));
  return parts;
}

function starOrName(p: Cursor): string {
  if (p.acceptOp('*')) return '*';
  return p.identOrString();
}

function parseGrantee(p: Cursor): Grantee {
  if (p.acceptWord('ROLE')) return { kind: 'role', role: p.identOrString() };
  p.acceptWord('USER');
  const user: AstUserIdentity = parseUser(p);
  return { kind: 'user', user };
}
