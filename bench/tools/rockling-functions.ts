/**
 * Which of the SQL functions `rockling validate` hashes with does a server support, and do they
 * give MySQL's answers? Runs each probe against a Rockling started from the sources and a
 * throwaway MariaDB, and prints the differences.
 *   node --import tsx bench/tools/rockling-functions.ts
 */
import { createConnection, type Connection } from 'mysql2/promise';
import { startMariaDb, startRockling } from '../../src/testing/index.js';

const PROBES = [
  "MD5('abc')",
  "CONV('ff', 16, 10)",
  "CONV(SUBSTRING(MD5('abc'), 1, 15), 16, 10)",
  "CAST(CONV(SUBSTRING(MD5('abc'), 1, 15), 16, 10) AS LARGEINT)",
  "CAST('648541476951500027' AS LARGEINT)",
  "SUBSTRING('abcdef', 2, 3)",
  "CONCAT(LENGTH('café'), ':', 'café')",
  "COALESCE(CONCAT(LENGTH(NULL), ':', NULL), 'N')",
  'CAST(12.3400 * 10000 AS DECIMAL(38, 0))',
  "DATE_FORMAT(CAST('2024-01-02 03:04:05.123456' AS DATETIME), '%Y-%m-%d %H:%i:%s.%f')",
  "DATE_FORMAT(CAST('2024-01-02' AS DATE), '%Y-%m-%d')",
  "HEX('ab')",
  'FLOOR(LOG10(ABS(-1234.5)))',
  'ROUND(1234.5678 / POW(10, 3 - 14))',
  '(1000 - 1) DIV 32',
  "RTRIM('ab  ')",
  'CAST(1 = 1 AS TINYINT)',
];

async function run(conn: Connection, sql: string): Promise<string> {
  try {
    const [rows] = await conn.query({ sql: `SELECT ${sql} AS v`, rowsAsArray: true });
    return String((rows as unknown[][])[0]?.[0]);
  } catch (error) {
    return `ERROR ${error instanceof Error ? error.message : String(error)}`;
  }
}

const rk = await startRockling();
const db = await startMariaDb();
try {
  const r = await createConnection({
    host: rk.host,
    port: rk.port,
    user: 'root',
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  const m = await createConnection({
    host: db.host,
    port: db.port,
    user: 'root',
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  for (const p of PROBES) {
    const [a, b] = [
      await run(r, p),
      await run(m, p.replace('AS LARGEINT', 'AS UNSIGNED').replace('AS TINYINT', 'AS SIGNED')),
    ];
    console.log(`${a === b ? 'same' : 'DIFF'}  ${p}\n      rockling: ${a}\n      mariadb:  ${b}`);
  }
  await r.end();
  await m.end();
} finally {
  await db.stop();
  await rk.stop();
}
