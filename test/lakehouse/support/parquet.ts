/**
 * Parquet fixtures for lakehouse tests, written by an in-memory DuckDB (tests may use DuckDB
 * directly; only product code under src/ is limited to src/engine).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/** Write the rows of `selectSql` to a Parquet file (parent folders created). */
export async function writeParquet(path: string, selectSql: string): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    await conn.run(`COPY (${selectSql}) TO '${path.replace(/'/g, "''")}' (FORMAT parquet)`);
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

/**
 * The seed's Hive table ods.user_profile as `count` deterministic rows starting at `from`; ids
 * alternate in sign so `abs(user_id) % 52` spreads over every bucket.
 */
export function userProfileSql(from: number, count: number): string {
  return `SELECT CASE WHEN i % 2 = 0 THEN i ELSE -i END::BIGINT AS user_id,
      ['sh', 'bj', 'gz', 'sz'][1 + i % 4] AS city,
      'tag' || (i % 7) AS tag,
      (i % 2)::TINYINT AS gender,
      (18 + i % 50)::SMALLINT AS age,
      TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (i) MINUTE AS register_time,
      TIMESTAMP '2025-06-01 12:00:00' + INTERVAL (i) SECOND AS last_active_time
    FROM range(${from}, ${from + count}) t(i)`;
}

/** Hive columns of ods.user_profile (as the metastore declares them). */
export const USER_PROFILE_COLUMNS = [
  { name: 'user_id', type: 'bigint' },
  { name: 'city', type: 'string' },
  { name: 'tag', type: 'string' },
  { name: 'gender', type: 'tinyint' },
  { name: 'age', type: 'smallint' },
  { name: 'register_time', type: 'timestamp' },
  { name: 'last_active_time', type: 'timestamp' },
] as const;
