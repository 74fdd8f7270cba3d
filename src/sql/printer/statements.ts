/** Printers for the non-query statements (DML, DDL dispatch, session, SHOW, accounts). */
import { assertNever } from '../../base/index.js';
import type {
  AstGrantObject,
  AstGrantRole,
  AstInsert,
  AstSetAssignment,
  AstShow,
  AstStatement,
  AstUserIdentity,
} from '../ast/index.js';
import {
  printAlterAction,
  printCreateMv,
  printCreateTable,
  printProperties,
  printViewColumns,
} from './ddl.js';
import { printExpr, printOrderItems } from './expr.js';
import { ident, qname, str } from './quote.js';
import { printLimit, printQuery, printRelation, printTemporal, printValues, printWith } from './query.js';

function identList(names: readonly string[]): string {
  return `(${names.map(ident).join(', ')})`;
}

export function printUser(u: AstUserIdentity): string {
  return u.domain ? `${str(u.name)}@[${str(u.host)}]` : `${str(u.name)}@${str(u.host)}`;
}

function printInsert(s: AstInsert): string {
  let out = `INSERT ${s.overwrite ? 'OVERWRITE' : 'INTO'} `;
  if (s.target.kind === 'table') out += qname(s.target.name.parts);
  else if (s.target.name === 'files') out += `FILES ${printProperties(s.target.properties)}`;
  else out += 'BLACKHOLE()';
  if (s.version) out += ` ${printTemporal(s.version)}`;
  if (s.partitions) {
    out += ` ${s.temporaryPartitions ? 'TEMPORARY ' : ''}PARTITION ${identList(s.partitions)}`;
  }
  if (s.partitionValues) {
    out += ` PARTITION (${s.partitionValues.map((kv) => `${ident(kv.column)} = ${printExpr(kv.value)}`).join(', ')})`;
  }
  if (s.label !== undefined) out += ` WITH LABEL ${ident(s.label)}`;
  if (s.columns) out += ` ${identList(s.columns)}`;
  if (s.properties.length > 0) out += ` PROPERTIES ${printProperties(s.properties)}`;
  const src = s.source;
  const bare = src.body.kind === 'values' && !src.with && src.orderBy.length === 0 && !src.limit;
  out += ` ${bare && src.body.kind === 'values' ? printValues(src.body) : printQuery(src)}`;
  return out;
}

function printGrantee(g: AstGrantRole['grantee']): string {
  return g.kind === 'role' ? `ROLE ${ident(g.role)}` : printUser(g.user);
}

function printGrantObject(o: AstGrantObject): string {
  switch (o.kind) {
    case 'system':
      return 'SYSTEM';
    case 'name': {
      const names = o.names.map((n) => n.parts.map((x) => (x === '*' ? '*' : ident(x))).join('.')).join(', ');
      return o.objectType ? `${o.objectType} ${names}` : names;
    }
    case 'all': {
      const scope = o.inDatabase !== undefined ? ` IN DATABASE ${ident(o.inDatabase)}` : ' IN ALL DATABASES';
      return `ALL ${o.objectType}${scope}`;
    }
    default:
      return assertNever(o, 'grant object');
  }
}

function printSetAssignment(a: AstSetAssignment): string {
  switch (a.kind) {
    case 'system':
      return `${a.scope === 'global' ? 'GLOBAL' : 'SESSION'} ${ident(a.name)} = ${a.value === null ? 'DEFAULT' : printExpr(a.value)}`;
    case 'user':
      return `${printExpr({ kind: 'user-var', name: a.name })} = ${printExpr(a.value)}`;
    case 'names': {
      const collate = a.collation !== undefined ? ` COLLATE ${str(a.collation)}` : '';
      return `NAMES ${a.charset === null ? 'DEFAULT' : str(a.charset)}${collate}`;
    }
    case 'charset':
      return `CHARSET ${a.charset === null ? 'DEFAULT' : str(a.charset)}`;
    case 'password': {
      const forUser = a.user ? ` FOR ${printUser(a.user)}` : '';
      return `PASSWORD${forUser} = ${a.hashed ? str(a.password) : `PASSWORD(${str(a.password)})`}`;
    }
    case 'transaction': {
      const parts: string[] = [];
      if (a.isolation !== undefined) parts.push(`ISOLATION LEVEL ${a.isolation.replace('-', ' ')}`);
      if (a.readOnly !== undefined) parts.push(a.readOnly ? 'READ ONLY' : 'READ WRITE');
      const scope = a.scope === null ? '' : `${a.scope.toUpperCase()} `;
      return `${scope}TRANSACTION ${parts.join(', ')}`;
    }
    default:
      return assertNever(a, 'set assignment');
  }
}

/** SHOW phrases whose object comes right after the phrase. */
const TARGET_FIRST = new Set([
  'create table',
  'create view',
  'create materialized view',
  'create database',
  'create catalog',
  'create routine load',
  'resource group',
  'usage resource group',
  'dictionary',
  'create security integration',
  'create group provider',
]);
const FROM_TABLE = new Set(['columns', 'index', 'partitions', 'temporary partitions', 'data distribution']);

function printShow(s: AstShow): string {
  let out = 'SHOW';
  if (s.all) out += ' ALL';
  if (s.full) out += ' FULL';
  if (s.scope) out += ` ${s.scope.toUpperCase()}`;
  out += ` ${s.what.toUpperCase()}`;
  if (s.path !== undefined) out += s.what === 'load warnings' ? ` ON ${str(s.path)}` : ` ${str(s.path)}`;
  if (s.target) {
    const name = qname(s.target.parts);
    if (TARGET_FIRST.has(s.what)) out += ` ${name}`;
    else if (FROM_TABLE.has(s.what)) out += ` FROM ${name}`;
    else if (s.what === 'tablet')
      out += /^\d+$/.test(s.target.parts[0] ?? '') ? ` ${s.target.parts[0]}` : ` FROM ${name}`;
    else out += ` FOR ${name}`;
  }
  if (s.from) out += s.what === 'snapshot' ? ` ON ${qname(s.from.parts)}` : ` FROM ${qname(s.from.parts)}`;
  if (s.role !== undefined) out += ` FOR ROLE ${ident(s.role)}`;
  if (s.user)
    out +=
      s.what === 'processlist' || s.what === 'property'
        ? ` FOR ${str(s.user.name)}`
        : ` FOR ${printUser(s.user)}`;
  if (s.like !== undefined) out += ` LIKE ${str(s.like)}`;
  if (s.where) out += ` WHERE ${printExpr(s.where)}`;
  if (s.orderBy) out += ` ORDER BY ${printOrderItems(s.orderBy)}`;
  if (s.limit) out += ` ${printLimit(s.limit)}`;
  return out;
}

export function printOtherStatement(s: AstStatement): string {
  switch (s.kind) {
    case 'query':
      return printQuery(s);
    case 'explain': {
      const level = s.level === 'normal' ? '' : `${s.level.toUpperCase()} `;
      return `EXPLAIN ${level}${printOtherStatement(s.statement)}`;
    }
    case 'insert':
      return printInsert(s);
    case 'update': {
      let out = s.with ? `${printWith(s.with)} ` : '';
      out += `UPDATE ${qname(s.table.parts)}${s.alias !== undefined ? ` AS ${ident(s.alias)}` : ''} SET `;
      out += s.assignments.map((a) => `${qname(a.column.split('.'))} = ${printExpr(a.value)}`).join(', ');
      if (s.from.length > 0) out += ` FROM ${s.from.map(printRelation).join(', ')}`;
      if (s.where) out += ` WHERE ${printExpr(s.where)}`;
      return out;
    }
    case 'delete': {
      let out = s.with ? `${printWith(s.with)} ` : '';
      out += `DELETE FROM ${qname(s.table.parts)}`;
      if (s.partitions) out += ` PARTITION ${identList(s.partitions)}`;
      if (s.alias !== undefined) out += ` AS ${ident(s.alias)}`;
      if (s.using.length > 0) out += ` USING ${s.using.map(printRelation).join(', ')}`;
      if (s.where) out += ` WHERE ${printExpr(s.where)}`;
      return out;
    }
    case 'create-database':
      return (
        `CREATE DATABASE ${s.ifNotExists ? 'IF NOT EXISTS ' : ''}${qname(s.name.parts)}` +
        (s.properties.length > 0 ? ` PROPERTIES ${printProperties(s.properties)}` : '')
      );
    case 'drop-database':
      return `DROP DATABASE ${s.ifExists ? 'IF EXISTS ' : ''}${qname(s.name.parts)}${s.force ? ' FORCE' : ''}`;
    case 'create-table':
      return printCreateTable(s);
    case 'drop-table':
      return `DROP ${s.temporary === true ? 'TEMPORARY ' : ''}TABLE ${s.ifExists ? 'IF EXISTS ' : ''}${qname(s.name.parts)}${s.force ? ' FORCE' : ''}`;
    case 'truncate-table':
      return `TRUNCATE TABLE ${qname(s.name.parts)}${s.partitions ? ` PARTITION ${identList(s.partitions)}` : ''}`;
    case 'alter-table':
      return `ALTER TABLE ${qname(s.name.parts)} ${s.actions.map(printAlterAction).join(', ')}`;
    case 'create-view': {
      let out = `CREATE ${s.orReplace ? 'OR REPLACE ' : ''}VIEW ${s.ifNotExists ? 'IF NOT EXISTS ' : ''}${qname(s.name.parts)}`;
      if (s.columns) out += ` ${printViewColumns(s.columns)}`;
      if (s.comment !== undefined) out += ` COMMENT ${str(s.comment)}`;
      if (s.security) out += ` SECURITY ${s.security.toUpperCase()}`;
      return `${out} AS ${printQuery(s.query)}`;
    }
    case 'alter-view':
      return `ALTER VIEW ${qname(s.name.parts)}${s.columns ? ` ${printViewColumns(s.columns)}` : ''} AS ${printQuery(s.query)}`;
    case 'drop-view':
      return `DROP VIEW ${s.ifExists ? 'IF EXISTS ' : ''}${qname(s.name.parts)}`;
    case 'create-materialized-view':
      return printCreateMv(s);
    default:
      return printSessionStatement(s);
  }
}

function printSessionStatement(s: AstStatement): string {
  switch (s.kind) {
    case 'use':
      if (s.db === undefined) return `USE ${str(`catalog ${s.catalog ?? ''}`)}`;
      return `USE ${s.catalog !== undefined ? `${ident(s.catalog)}.` : ''}${ident(s.db)}`;
    case 'set-catalog':
      return `SET CATALOG ${ident(s.catalog)}`;
    case 'set':
      return `SET ${s.assignments.map(printSetAssignment).join(', ')}`;
    case 'show':
      return printShow(s);
    case 'describe':
      return `DESC ${qname(s.table.parts)}${s.all ? ' ALL' : ''}`;
    case 'kill':
      return `KILL ${s.queryOnly ? 'QUERY ' : ''}${printExpr(s.id)}`;
    case 'transaction':
      if (s.action === 'begin') return s.label !== undefined ? `BEGIN WITH LABEL ${ident(s.label)}` : 'BEGIN';
      return s.action.toUpperCase();
    case 'prepare':
      return `PREPARE ${ident(s.name)} FROM ${s.source.kind === 'text' ? str(s.source.text) : printExpr({ kind: 'user-var', name: s.source.name })}`;
    case 'execute':
      return `EXECUTE ${ident(s.name)}${s.using.length > 0 ? ` USING ${s.using.map((u) => printExpr({ kind: 'user-var', name: u })).join(', ')}` : ''}`;
    case 'deallocate':
      return `DEALLOCATE PREPARE ${ident(s.name)}`;
    case 'create-user': {
      let out = `CREATE USER ${s.ifNotExists ? 'IF NOT EXISTS ' : ''}${printUser(s.user)}`;
      if (s.password) out += ` IDENTIFIED BY ${s.password.hashed ? 'PASSWORD ' : ''}${str(s.password.value)}`;
      if (s.authPlugin) {
        out += ` IDENTIFIED WITH ${ident(s.authPlugin.plugin)}`;
        if (s.authPlugin.value !== undefined) out += ` AS ${str(s.authPlugin.value)}`;
      }
      if (s.defaultRoles.length > 0) out += ` DEFAULT ROLE ${s.defaultRoles.map(str).join(', ')}`;
      if (s.properties.length > 0) out += ` PROPERTIES ${printProperties(s.properties)}`;
      return out;
    }
    case 'drop-user':
      return `DROP USER ${s.ifExists ? 'IF EXISTS ' : ''}${printUser(s.user)}`;
    case 'alter-user': {
      const head = `ALTER USER ${s.ifExists ? 'IF EXISTS ' : ''}${printUser(s.user)}`;
      if (s.defaultRoles) {
        const roles =
          s.defaultRoles.length === 0
            ? 'NONE'
            : s.defaultRoles[0] === 'ALL'
              ? 'ALL'
              : s.defaultRoles.map(str).join(', ');
        return `${head} DEFAULT ROLE ${roles}`;
      }
      if (s.password)
        return `${head} IDENTIFIED BY ${s.password.hashed ? 'PASSWORD ' : ''}${str(s.password.value)}`;
      if (s.properties.length > 0) return `${head} SET PROPERTIES ${printProperties(s.properties)}`;
      return head;
    }
    case 'grant-privileges':
    case 'revoke-privileges': {
      const grant = s.kind === 'grant-privileges';
      const out = `${grant ? 'GRANT' : 'REVOKE'} ${s.privileges.join(', ')} ON ${printGrantObject(s.object)} ${grant ? 'TO' : 'FROM'} ${printGrantee(s.grantee)}`;
      return s.withGrantOption ? `${out} WITH GRANT OPTION` : out;
    }
    case 'grant-role':
    case 'revoke-role': {
      const grant = s.kind === 'grant-role';
      return `${grant ? 'GRANT' : 'REVOKE'} ${s.roles.map(ident).join(', ')} ${grant ? 'TO' : 'FROM'} ${printGrantee(s.grantee)}`;
    }
    case 'create-role':
      return `CREATE ROLE ${s.ifExistsOrNot ? 'IF NOT EXISTS ' : ''}${s.roles.map(ident).join(', ')}`;
    case 'drop-role':
      return `DROP ROLE ${s.ifExistsOrNot ? 'IF EXISTS ' : ''}${s.roles.map(ident).join(', ')}`;
    case 'generic':
      return s.text;
    default:
      return `/* unprintable ${s.kind} */`;
  }
}
