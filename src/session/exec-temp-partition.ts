/**
 * Temporary partitions: their rows live in a side storage table (`t<id>_tmp`, created with the
 * first temporary partition, dropped with the last) so queries on the table never see them.
 * ADD/DROP TEMPORARY PARTITION, INSERT INTO … TEMPORARY PARTITION (…), and REPLACE PARTITION (…)
 * WITH TEMPORARY PARTITION (…) — which moves the rows and swaps the metadata in one transaction.
 */
import { partitions as P, type TableEntry } from '../catalog/index.js';
import { quoteIdent, quoteQualified, quoteString } from '../codegen/index.js';
import type { EngineConnection } from '../engine/index.js';
import { SqlError } from '../errors/index.js';
import type { AstAlterAction, AstPartitionDef } from '../sql/index.js';

function analysis(message: string): SqlError {
  return new SqlError('analysis-error', { message });
}

function mainOf(entry: TableEntry): string {
  const st = entry.storage;
  if (st === undefined) throw new SqlError('internal-error', { message: 'table without storage' });
  return quoteQualified(st.schema, st.table);
}

/** The side storage of a table's temporary partitions. */
export function sideOf(entry: TableEntry): string {
  const st = entry.storage;
  if (st === undefined) throw new SqlError('internal-error', { message: 'table without storage' });
  return quoteQualified(st.schema, `${st.table}_tmp`);
}

function columnList(entry: TableEntry): string {
  return entry.columns.map((c) => quoteIdent(c.name)).join(', ');
}

function schemeOf(entry: TableEntry): P.PartitionScheme {
  const scheme = P.schemeOf(entry.definition.partition, entry.columns);
  if (scheme === null) throw analysis(`Table[${entry.name}] is not a partitioned table`);
  return scheme;
}

function named(parts: readonly P.PartitionRow[], names: readonly string[], temp: boolean): P.PartitionRow[] {
  return names.map((n) => {
    const p = parts.find((x) => x.temp === temp && x.name.toLowerCase() === n.toLowerCase());
    if (p === undefined)
      throw analysis(temp ? `Temp partition[${n}] does not exist` : `Partition '${n}' does not exist`);
    return p;
  });
}

async function dropSideIfUnused(conn: EngineConnection, entry: TableEntry): Promise<void> {
  const left = (await P.listPartitions(conn, entry.id)).some((p) => p.temp);
  if (!left) await conn.execute(`DROP TABLE IF EXISTS ${sideOf(entry)}`);
}

export async function addTemporaryPartition(
  conn: EngineConnection,
  entry: TableEntry,
  def: AstPartitionDef,
): Promise<void> {
  const scheme = schemeOf(entry);
  const parts = await P.listPartitions(conn, entry.id);
  await P.insertPartitions(conn, P.partitionsFromDefs(scheme, entry.id, [def], parts, true));
  await conn.execute(
    `CREATE TABLE IF NOT EXISTS ${sideOf(entry)} AS SELECT ${columnList(entry)} FROM ${mainOf(entry)} LIMIT 0`,
  );
}

export async function dropTemporaryPartitions(
  conn: EngineConnection,
  entry: TableEntry,
  names: readonly string[],
  ifExists: boolean,
): Promise<void> {
  const scheme = schemeOf(entry);
  const parts = await P.listPartitions(conn, entry.id);
  const chosen = named(
    parts,
    names.filter((n) => !ifExists || parts.some((p) => p.temp && p.name.toLowerCase() === n.toLowerCase())),
    true,
  );
  if (chosen.length === 0) return;
  await conn.execute(`DELETE FROM ${sideOf(entry)} WHERE ${P.membershipSql(scheme, chosen)}`);
  for (const p of chosen) await P.deletePartition(conn, entry.id, p.id);
  await dropSideIfUnused(conn, entry);
}

/**
 * INSERT INTO t TEMPORARY PARTITION (…): the rows go to the side table here; the source handed
 * back to the table writer is empty.
 */
export async function insertIntoTemporary(
  conn: EngineConnection,
  entry: TableEntry,
  source: string,
  names: readonly string[],
  overwrite: boolean,
): Promise<string> {
  const scheme = schemeOf(entry);
  const chosen = named(await P.listPartitions(conn, entry.id), names, true);
  const member = P.membershipSql(scheme, chosen);
  const cols = columnList(entry);
  if (overwrite) await conn.execute(`DELETE FROM ${sideOf(entry)} WHERE ${member}`);
  const aliased = `SELECT * FROM (${source}) AS __p(${cols})`;
  await conn.execute(
    `INSERT INTO ${sideOf(entry)} (${cols}) SELECT * FROM (${aliased}) AS __g WHERE CASE WHEN ${member} THEN true ELSE error(${quoteString(P.OUT_OF_RANGE_MARKER)}) END`,
  );
  return `SELECT * FROM (${source}) AS __none WHERE false`;
}

type Replace = Extract<AstAlterAction, { kind: 'replace-partition' }>;

/** REPLACE PARTITION (p…) WITH TEMPORARY PARTITION (tp…): rows and metadata swap atomically. */
export async function replaceWithTemporary(
  conn: EngineConnection,
  entry: TableEntry,
  a: Replace,
): Promise<void> {
  const scheme = schemeOf(entry);
  const parts = await P.listPartitions(conn, entry.id);
  const olds = named(parts, a.partitions, false);
  const temps = named(parts, a.temporaryPartitions, true);
  const cols = columnList(entry);
  await conn.execute(`DELETE FROM ${mainOf(entry)} WHERE ${P.membershipSql(scheme, olds)}`);
  const tempMember = P.membershipSql(scheme, temps);
  await conn.execute(
    `INSERT INTO ${mainOf(entry)} (${cols}) SELECT ${cols} FROM ${sideOf(entry)} WHERE ${tempMember}`,
  );
  await conn.execute(`DELETE FROM ${sideOf(entry)} WHERE ${tempMember}`);
  for (const p of olds) await P.deletePartition(conn, entry.id, p.id);
  // StarRocks: with as many temporary partitions as replaced ones, they take the old names.
  const keepTempNames =
    a.properties.some(
      (p) => p.key.toLowerCase() === 'use_temp_partition_name' && p.value.toLowerCase() === 'true',
    ) || olds.length !== temps.length;
  for (const [i, t] of temps.entries())
    await P.promotePartition(conn, entry.id, t.id, keepTempNames ? t.name : (olds[i] as P.PartitionRow).name);
  await dropSideIfUnused(conn, entry);
}

/** Row counts of temporary partitions (SHOW TEMPORARY PARTITIONS). */
export async function temporaryRowCounts(
  conn: EngineConnection,
  entry: TableEntry,
  parts: readonly P.PartitionRow[],
): Promise<number[]> {
  const scheme = schemeOf(entry);
  if (parts.length === 0) return [];
  const items = parts.map((p) => `count(*) FILTER (WHERE ${P.partitionPredicate(scheme, p)})`);
  const { rows } = await conn.queryAll(`SELECT ${items.join(', ')} FROM ${sideOf(entry)}`);
  return parts.map((_, i) => Number(rows[0]?.[i] ?? 0));
}
