/** DDL printers: databases, CREATE TABLE clauses, views, materialized views, ALTER TABLE. */
import { assertNever } from '../../base/index.js';
import type {
  AstAlterAction,
  AstColumnDef,
  AstCreateMaterializedView,
  AstCreateTable,
  AstDistribution,
  AstIndexDef,
  AstLiteral,
  AstMvRefresh,
  AstPartitionDef,
  AstPartitionDesc,
  AstPartitionValue,
  AstProperties,
  AstViewColumn,
} from '../ast/index.js';
import { printExpr } from './expr.js';
import { dstr, ident, qname, str } from './quote.js';
import { printQuery } from './query.js';
import { printType } from './type.js';

export function printProperties(props: AstProperties): string {
  return `(${props.map((kv) => `${dstr(kv.key)} = ${dstr(kv.value)}`).join(', ')})`;
}

function identList(names: readonly string[]): string {
  return `(${names.map(ident).join(', ')})`;
}

export function printColumnDef(c: AstColumnDef): string {
  let s = `${ident(c.name)} ${printType(c.type)}`;
  if (c.key === true) s += ' KEY';
  if (c.aggType) s += ` ${c.aggType.toUpperCase()}`;
  if (c.nullable === true) s += ' NULL';
  if (c.nullable === false) s += ' NOT NULL';
  if (c.default) {
    const d = c.default;
    s += ` DEFAULT ${d.kind === 'null' ? 'NULL' : d.kind === 'current-timestamp' ? 'CURRENT_TIMESTAMP' : printExpr(d.value)}`;
  }
  if (c.autoIncrement) s += ' AUTO_INCREMENT';
  if (c.generated) s += ` AS ${printExpr(c.generated)}`;
  if (c.comment !== undefined) s += ` COMMENT ${str(c.comment)}`;
  return s;
}

export function printIndexDef(i: AstIndexDef): string {
  let s = `INDEX ${ident(i.name)} ${identList(i.columns)}`;
  if (i.using) s += ` USING ${i.using}`;
  if (i.using && i.properties.length > 0) s += ` ${printProperties(i.properties)}`;
  if (i.comment !== undefined) s += ` COMMENT ${str(i.comment)}`;
  return s;
}

function printLiteral(v: AstLiteral | AstPartitionValue): string {
  return v.kind === 'maxvalue' ? 'MAXVALUE' : printExpr(v);
}

export function printPartitionDef(d: AstPartitionDef): string {
  switch (d.kind) {
    case 'batch':
      return `START (${printLiteral(d.start)}) END (${printLiteral(d.end)}) EVERY (${printExpr(d.every)})`;
    case 'less-than': {
      const only = d.values[0];
      const bound =
        d.values.length === 1 && only?.kind === 'maxvalue'
          ? 'MAXVALUE'
          : `(${d.values.map(printLiteral).join(', ')})`;
      return `PARTITION ${d.ifNotExists ? 'IF NOT EXISTS ' : ''}${ident(d.name)} VALUES LESS THAN ${bound}${partProps(d.properties)}`;
    }
    case 'fixed-range':
      return (
        `PARTITION ${d.ifNotExists ? 'IF NOT EXISTS ' : ''}${ident(d.name)} VALUES ` +
        `[(${d.lower.map(printLiteral).join(', ')}), (${d.upper.map(printLiteral).join(', ')}))${partProps(d.properties)}`
      );
    case 'list': {
      const single = d.values.every((v) => v.length === 1);
      const values = single
        ? d.values.map((v) => printLiteral(v[0] as AstLiteral)).join(', ')
        : d.values.map((v) => `(${v.map(printLiteral).join(', ')})`).join(', ');
      return `PARTITION ${d.ifNotExists ? 'IF NOT EXISTS ' : ''}${ident(d.name)} VALUES IN (${values})${partProps(d.properties)}`;
    }
    default:
      return assertNever(d, 'partition definition');
  }
}

function partProps(props: AstProperties): string {
  return props.length > 0 ? ` ${printProperties(props)}` : '';
}

export function printPartitionDesc(d: AstPartitionDesc): string {
  const exprs = d.exprs.map(printExpr).join(', ');
  switch (d.kind) {
    case 'range':
      return `PARTITION BY RANGE(${exprs}) (${d.partitions.map(printPartitionDef).join(', ')})`;
    case 'list':
      return `PARTITION BY LIST(${exprs}) (${d.partitions.map(printPartitionDef).join(', ')})`;
    case 'expr':
      return `PARTITION BY ${exprs}`;
    default:
      return assertNever(d, 'partition');
  }
}

export function printDistribution(d: AstDistribution): string {
  const buckets = d.buckets !== null ? ` BUCKETS ${d.buckets}` : '';
  return d.kind === 'hash'
    ? `DISTRIBUTED BY HASH${identList(d.columns)}${buckets}`
    : `DISTRIBUTED BY RANDOM${buckets}`;
}

export function printCreateTable(t: AstCreateTable): string {
  let s = `CREATE ${t.temporary ? 'TEMPORARY ' : ''}${t.external ? 'EXTERNAL ' : ''}TABLE `;
  s += `${t.ifNotExists ? 'IF NOT EXISTS ' : ''}${qname(t.name.parts)}`;
  const elems = [...t.columns.map(printColumnDef), ...t.indexes.map(printIndexDef)];
  if (elems.length > 0) s += ` (${elems.join(', ')})`;
  else if (t.columnNames) s += ` ${identList(t.columnNames)}`;
  if (t.engine !== undefined) s += ` ENGINE = ${ident(t.engine)}`;
  if (t.keys) s += ` ${t.keys.type.toUpperCase()} KEY${identList(t.keys.columns)}`;
  if (t.comment !== undefined) s += ` COMMENT ${str(t.comment)}`;
  if (t.partition) s += ` ${printPartitionDesc(t.partition)}`;
  if (t.distribution) s += ` ${printDistribution(t.distribution)}`;
  if (t.orderBy) s += ` ORDER BY${identList(t.orderBy)}`;
  if (t.rollups.length > 0)
    s += ` ROLLUP (${t.rollups.map((r) => `${ident(r.name)} ${identList(r.columns)}`).join(', ')})`;
  if (t.properties.length > 0) s += ` PROPERTIES ${printProperties(t.properties)}`;
  if (t.like) s += ` LIKE ${qname(t.like.parts)}`;
  if (t.asQuery) s += ` AS ${printQuery(t.asQuery)}`;
  return s;
}

export function printViewColumns(cols: readonly AstViewColumn[]): string {
  return `(${cols.map((c) => (c.comment !== undefined ? `${ident(c.name)} COMMENT ${str(c.comment)}` : ident(c.name))).join(', ')})`;
}

function printRefresh(r: AstMvRefresh): string {
  let s = `REFRESH ${r.deferred ? 'DEFERRED ' : ''}${r.mode.toUpperCase()}`;
  if (r.start) s += ` START (${printExpr(r.start)})`;
  if (r.every) s += ` EVERY (${printExpr(r.every)})`;
  return s;
}

export function printCreateMv(m: AstCreateMaterializedView): string {
  let s = `CREATE MATERIALIZED VIEW ${m.ifNotExists ? 'IF NOT EXISTS ' : ''}${qname(m.name.parts)}`;
  if (m.columns) s += ` ${printViewColumns(m.columns)}`;
  if (m.comment !== undefined) s += ` COMMENT ${str(m.comment)}`;
  if (m.partition) s += ` ${printPartitionDesc(m.partition)}`;
  if (m.distribution) s += ` ${printDistribution(m.distribution)}`;
  if (m.orderBy) s += ` ORDER BY${identList(m.orderBy)}`;
  if (m.refresh) s += ` ${printRefresh(m.refresh)}`;
  if (m.properties.length > 0) s += ` PROPERTIES ${printProperties(m.properties)}`;
  return `${s} AS ${printQuery(m.query)}`;
}

function partitionNames(names: readonly string[]): string {
  return identList(names);
}

export function printAlterAction(a: AstAlterAction): string {
  switch (a.kind) {
    case 'add-column':
      return `ADD COLUMN ${printColumnDef(a.column)}${printPosition(a.position)}`;
    case 'add-columns':
      return `ADD COLUMN (${a.columns.map(printColumnDef).join(', ')})`;
    case 'drop-column':
      return `DROP COLUMN ${ident(a.column)}`;
    case 'modify-column':
      return `MODIFY COLUMN ${printColumnDef(a.column)}${printPosition(a.position)}`;
    case 'rename-column':
      return `RENAME COLUMN ${ident(a.from)} TO ${ident(a.to)}`;
    case 'reorder-columns':
      return `ORDER BY ${identList(a.columns)}`;
    case 'rename-table':
      return `RENAME ${ident(a.to)}`;
    case 'swap-with':
      return `SWAP WITH ${ident(a.other)}`;
    case 'comment':
      return `COMMENT = ${str(a.comment)}`;
    case 'set-properties':
      return `SET ${printProperties(a.properties)}`;
    case 'order-by':
      return `ORDER BY ${identList(a.columns)}`;
    case 'distribution':
      return a.partitions === undefined
        ? printDistribution(a.distribution)
        : `PARTITIONS ${partitionNames(a.partitions)} ${printDistribution(a.distribution)}`;
    case 'add-partition': {
      const dist = a.distribution ? ` ${printDistribution(a.distribution)}` : '';
      const kw = a.partition.kind === 'batch' ? 'PARTITIONS ' : '';
      return `ADD ${a.temporary ? 'TEMPORARY ' : ''}${kw}${printPartitionDef(a.partition)}${dist}`;
    }
    case 'drop-partition': {
      if (a.all === true) return 'DROP ALL TEMPORARY PARTITIONS';
      if (a.where !== undefined)
        return `DROP ${a.temporary ? 'TEMPORARY ' : ''}PARTITIONS WHERE ${printExpr(a.where)}${a.force ? ' FORCE' : ''}`;
      const head = `DROP ${a.temporary ? 'TEMPORARY ' : ''}`;
      const ifExists = a.ifExists ? 'IF EXISTS ' : '';
      const body =
        a.names.length === 1
          ? `PARTITION ${ifExists}${ident(a.names[0] as string)}`
          : `PARTITIONS ${ifExists}${partitionNames(a.names)}`;
      return `${head}${body}${a.force ? ' FORCE' : ''}`;
    }
    case 'truncate-partition':
      return `TRUNCATE PARTITION ${partitionNames(a.names)}`;
    case 'replace-partition': {
      const props = a.properties.length > 0 ? ` PROPERTIES ${printProperties(a.properties)}` : '';
      return `REPLACE PARTITION ${partitionNames(a.partitions)} WITH TEMPORARY PARTITION ${partitionNames(a.temporaryPartitions)}${props}`;
    }
    case 'rename-partition':
      return `RENAME PARTITION ${ident(a.from)} ${ident(a.to)}`;
    case 'modify-partition':
      return `MODIFY PARTITION ${a.names === '*' ? '(*)' : partitionNames(a.names)} SET ${printProperties(a.properties)}`;
    case 'add-index':
      return `ADD ${printIndexDef(a.index)}`;
    case 'drop-index':
      return `DROP INDEX ${ident(a.name)}`;
    case 'add-rollup':
      return `ADD ROLLUP ${ident(a.name)} ${identList(a.columns)}`;
    case 'drop-rollup':
      return `DROP ROLLUP ${ident(a.name)}`;
    case 'compact':
      return a.partitions ? `COMPACT ${partitionNames(a.partitions)}` : 'COMPACT';
    default:
      return assertNever(a, 'alter action');
  }
}

function printPosition(pos: { kind: 'first' } | { kind: 'after'; column: string } | undefined): string {
  if (!pos) return '';
  return pos.kind === 'first' ? ' FIRST' : ` AFTER ${ident(pos.column)}`;
}
