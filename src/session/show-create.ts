/**
 * SHOW CREATE TABLE / VIEW / DATABASE in StarRocks' canonical form (what SQLAlchemy's inspector
 * and StarRocks tools parse): backquoted names, `int(11)`-style types, `NULL`/`NOT NULL`,
 * `COMMENT ""` on every column, `ENGINE=OLAP `, the key clause, DISTRIBUTED BY, and the
 * PROPERTIES block sorted by key with StarRocks' defaults filled in.
 */
import {
  partitions as P,
  typeSql,
  type ColumnDescriptor,
  type DatabaseEntry,
  type TableEntry,
} from '../catalog/index.js';
import type { Engine } from '../engine/index.js';
import {
  printExpr,
  type AstPartitionDef,
  type AstPartitionDesc,
  type AstPartitionValue,
} from '../sql/index.js';
import { displayName, isTempName } from './temp-tables.js';

function bq(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

function dq(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** One column as SHOW CREATE TABLE prints it (with its two-space indent). */
export function columnLine(c: ColumnDescriptor): string {
  let line = `  ${bq(c.name)} ${typeSql(c.type)}`;
  if (c.aggType !== undefined) line += ` ${c.aggType.toUpperCase()}`;
  line += c.nullable ? ' NULL' : ' NOT NULL';
  if (c.autoIncrement) line += ' AUTO_INCREMENT';
  if (c.defaultValue !== null) {
    line +=
      c.defaultValue === 'CURRENT_TIMESTAMP'
        ? ' DEFAULT CURRENT_TIMESTAMP'
        : ` DEFAULT ${dq(c.defaultValue)}`;
  }
  return `${line} COMMENT ${dq(c.comment)}`;
}

const KEYS_WORD = {
  duplicate: 'DUPLICATE',
  aggregate: 'AGGREGATE',
  unique: 'UNIQUE',
  primary: 'PRIMARY',
} as const;

function partitionValue(v: AstPartitionValue): string {
  if (v.kind === 'maxvalue') return 'MAXVALUE';
  if (v.kind === 'string' || v.kind === 'typed-string') return dq(v.value);
  if (v.kind === 'number') return dq(v.text);
  return printExpr(v);
}

function partitionDef(d: AstPartitionDef): string {
  switch (d.kind) {
    case 'less-than':
      return `PARTITION ${bq(d.name)} VALUES LESS THAN (${d.values.map(partitionValue).join(', ')})`;
    case 'fixed-range':
      return `PARTITION ${bq(d.name)} VALUES [(${d.lower.map(partitionValue).join(', ')}), (${d.upper.map(partitionValue).join(', ')}))`;
    case 'list':
      return `PARTITION ${bq(d.name)} VALUES IN (${d.values.map((vs) => (vs.length === 1 ? partitionValue(vs[0]!) : `(${vs.map(partitionValue).join(', ')})`)).join(', ')})`;
    case 'batch':
      return `START (${partitionValue(d.start)}) END (${partitionValue(d.end)}) EVERY (${printExpr(d.every)})`;
  }
}

/**
 * A range table's partitions as StarRocks prints them: the current ones (added, dropped, created
 * by the dynamic scheduler) in key order, each as `[lower, upper)`, MINVALUE as the type's minimum.
 */
function rangeDefs(t: TableEntry, rows: readonly P.PartitionRow[]): string[] | null {
  const scheme = P.schemeOf(t.definition.partition, t.columns);
  if (scheme === null || scheme.kind !== 'range') return null;
  const types = scheme.keyTypes;
  const tuple = (vs: readonly (string | null)[] | null, which: 'min' | 'max'): string =>
    `(${types
      .map((ty, i) => {
        const v = vs?.[i] ?? null;
        if (v !== null) return dq(v);
        return which === 'min' ? dq(P.extremeText(ty, 'min')) : 'MAXVALUE';
      })
      .join(', ')})`;
  return rows
    .filter((r) => !r.temp && r.kind === 'range')
    .sort((a, b) => P.compareTuple(types, a.lower ?? [], b.lower ?? [], 'min'))
    .map((r) => `PARTITION ${r.name} VALUES [${tuple(r.lower, 'min')}, ${tuple(r.upper, 'max')})`);
}

function partitionClause(p: AstPartitionDesc, current: readonly string[] | null): string {
  const exprs = p.exprs
    .map((e) => (e.kind === 'column' && e.parts.length === 1 ? bq(e.parts[0] as string) : printExpr(e)))
    .join(', ');
  if (p.kind === 'expr') return `PARTITION BY ${exprs}`;
  const defs = (p.kind === 'range' && current !== null ? current : p.partitions.map(partitionDef)).join(
    ',\n',
  );
  return `PARTITION BY ${p.kind.toUpperCase()}(${exprs})\n(${defs})`;
}

/** StarRocks' properties as SHOW CREATE TABLE prints them: written ones plus defaults, sorted. */
function properties(t: TableEntry): [string, string][] {
  const props = new Map<string, string>([
    ['compression', 'LZ4'],
    ['fast_schema_evolution', 'true'],
    ['replicated_storage', 'true'],
    ['replication_num', '1'],
  ]);
  if (t.definition.distribution === undefined || t.definition.distribution.kind === 'random')
    props.set('bucket_size', '4294967296');
  if (t.keysType === 'primary') props.set('enable_persistent_index', 'true');
  for (const { key, value } of t.definition.properties)
    props.set(key, key === 'compression' ? value.toUpperCase() : value);
  return [...props].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function distributionClause(t: TableEntry): string {
  const d = t.definition.distribution;
  if (d === undefined) return 'DISTRIBUTED BY RANDOM';
  const head =
    d.kind === 'hash' ? `DISTRIBUTED BY HASH(${d.columns.map(bq).join(', ')})` : 'DISTRIBUTED BY RANDOM';
  return d.buckets === null ? head : `${head} BUCKETS ${d.buckets} `;
}

/** `CREATE TABLE …` text of a table, with its current range partitions read from the store. */
export async function showCreateTableText(engine: Engine, t: TableEntry): Promise<string> {
  if (t.definition.partition?.kind !== 'range') return showCreateTable(t);
  const rows = await engine.withConnection((conn) => P.listPartitions(conn, t.id));
  return showCreateTable(t, rows);
}

/** `CREATE TABLE …` text of a table (`rows`: its partitions, for range tables). */
export function showCreateTable(t: TableEntry, rows?: readonly P.PartitionRow[]): string {
  const def = t.definition;
  const lines = t.columns.map(columnLine);
  for (const i of def.indexes) {
    lines.push(
      `  INDEX ${bq(i.name)} (${i.columns.map(bq).join(', ')}) USING ${(i.using ?? 'BITMAP').toUpperCase()}${i.comment !== undefined ? ` COMMENT '${i.comment}'` : ''}`,
    );
  }
  const temp = isTempName(t.name) ? 'TEMPORARY ' : '';
  let out = `CREATE ${temp}TABLE ${bq(displayName(t.name))} (\n${lines.join(',\n')}\n) ENGINE=${def.engine} \n`;
  if (def.keys !== undefined)
    out += `${KEYS_WORD[def.keys.type]} KEY(${def.keys.columns.map(bq).join(', ')})\n`;
  if (t.comment !== '') out += `COMMENT ${dq(t.comment)}\n`;
  if (def.partition !== undefined)
    out += `${partitionClause(def.partition, rows === undefined ? null : rangeDefs(t, rows))}\n`;
  out += `${distributionClause(t)}\n`;
  if (def.orderBy !== undefined) out += `ORDER BY(${def.orderBy.map(bq).join(', ')})\n`;
  out += `PROPERTIES (\n${properties(t)
    .map(([k, v]) => `${dq(k)} = ${dq(v)}`)
    .join(',\n')}\n);`;
  return out;
}

/** `CREATE VIEW …` text of a view. */
export function showCreateView(t: TableEntry): string {
  const cols = t.columns
    .map((c) => (c.comment !== '' ? `${bq(c.name)} COMMENT ${dq(c.comment)}` : bq(c.name)))
    .join(', ');
  const comment = t.comment !== '' ? ` COMMENT ${dq(t.comment)}` : '';
  return `CREATE VIEW ${bq(t.name)} (${cols})${comment} AS ${t.viewQueryText ?? ''};`;
}

export function showCreateDatabase(db: DatabaseEntry): string {
  if (db.properties.length === 0) return `CREATE DATABASE ${bq(db.name)}`;
  const props = db.properties.map((p) => `${dq(p.key)} = ${dq(p.value)}`).join(',\n');
  return `CREATE DATABASE ${bq(db.name)}\nPROPERTIES (${props})`;
}
