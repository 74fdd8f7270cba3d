/**
 * information_schema.be_tablets: one row per tablet — every partition × bucket of a table (an
 * auto-bucketed partition counts as one) on the single BE. Only tables the user holds a privilege
 * on are listed, as in StarRocks. Rockling keeps no per-tablet sizes, so row counts and sizes are
 * 0 (as partitions_meta's); versions follow the partition's visible version.
 */
import { INFO_SCHEMA_STORAGE } from '../catalog/index.js';
import type { EngineConnection, EngineParam } from '../engine/index.js';
import type { Value } from '../types/index.js';
import { BACKEND_ID } from './show-cluster.js';
import type { SessionImpl } from './session.js';
import { tableVisibility } from './table-visibility.js';
import { isHiddenName } from './temp-tables.js';

const IS = INFO_SCHEMA_STORAGE;
const TABLETS_SQL = `SELECT pm.DB_NAME, pm.TABLE_NAME, tc.TABLE_ID, pm.PARTITION_ID, GREATEST(pm.BUCKETS, 1),
    pm.VISIBLE_VERSION, tc.TABLE_MODEL, CAST(epoch(t.CREATE_TIME) AS BIGINT)
  FROM ${IS}.partitions_meta pm
  JOIN ${IS}.tables_config tc ON tc.TABLE_SCHEMA = pm.DB_NAME AND tc.TABLE_NAME = pm.TABLE_NAME
  LEFT JOIN ${IS}.tables t ON t.TABLE_SCHEMA = pm.DB_NAME AND t.TABLE_NAME = pm.TABLE_NAME
  WHERE pm.PARTITION_NAME <> '$shadow_automatic_partition'
  ORDER BY tc.TABLE_ID, pm.PARTITION_ID`;

/** StarRocks' KeysType names in be_tablets.TYPE. */
const KEYS_TYPE: Readonly<Record<string, string>> = {
  DUP_KEYS: 'DUP',
  UNIQUE_KEYS: 'UNIQUE',
  AGG_KEYS: 'AGG',
  PRIMARY_KEYS: 'PRIMARY',
};

/** Tablet ids: the partition id with the bucket index below it (unique per partition and bucket). */
const BUCKETS_PER_PARTITION = 1024n;

/** An integer column's value as bigint (NULL as 0). */
function big(v: Value | undefined): bigint {
  return v === null || v === undefined ? 0n : BigInt(String(v));
}

/** The be_tablets rows the session may see. */
export async function beTabletRows(s: SessionImpl, conn: EngineConnection): Promise<EngineParam[][]> {
  const visible = tableVisibility(s);
  const { rows } = await conn.queryAll(TABLETS_SQL);
  const out: EngineParam[][] = [];
  for (const r of rows) {
    const [db, table, tableId, partitionId, buckets, version, model, created] = r;
    if (typeof db !== 'string' || typeof table !== 'string') continue;
    if (isHiddenName(table) || !visible(db, table)) continue;
    for (let b = 0n; b < big(buckets); b++) {
      out.push([
        BigInt(BACKEND_ID),
        big(tableId),
        big(partitionId),
        big(partitionId) * BUCKETS_PER_PARTITION + b,
        1n,
        big(version),
        0n,
        1n,
        0n,
        0n,
        0n,
        big(created),
        'RUNNING',
        KEYS_TYPE[String(model)] ?? 'UNKNOWN',
        '',
        0n,
        0n,
        0n,
        'HDD',
        0n,
      ]);
    }
  }
  return out;
}
