/**
 * lineorder_flat built inside the system from the loaded star schema, as StarRocks' SSB
 * flat-table guide does (INSERT INTO lineorder_flat SELECT … FROM lineorder JOIN customer,
 * supplier, part). Used when the generator did not write the flat file (`flat: 'insert'`); the
 * rows are the same as the generated file's, because the generator derives each flat row from
 * the same lineorder row and dimension rows.
 */
import { COLUMNS } from './schema.js';

/** Which SQL dialect to write: StarRocks (sent to Rockling) or DuckDB (run directly). */
export type Dialect = 'starrocks' | 'duckdb';

/** The multi-table column a flat column comes from (the flat name lower-cased, by table prefix). */
function source(flatColumn: string, dialect: Dialect): string {
  const name = flatColumn.toLowerCase();
  if (name === 'lo_orderdate' || name === 'lo_commitdate') {
    // The star schema keeps dates as YYYYMMDD integers, the flat table as DATE.
    return dialect === 'duckdb'
      ? `make_date(l.${name} // 10000, (l.${name} // 100) % 100, l.${name} % 100)`
      : `str_to_date(CAST(l.${name} AS VARCHAR), '%Y%m%d')`;
  }
  const alias = name.startsWith('lo_') ? 'l' : name.charAt(0);
  return `${alias}.${name}`;
}

/** INSERT INTO lineorder_flat SELECT … over lineorder and its customer, supplier and part rows. */
export function flatInsertSql(dialect: Dialect): string {
  const cols = COLUMNS.lineorder_flat.map((c) => c.name);
  const target = dialect === 'duckdb' ? cols.map((c) => c.toLowerCase()) : cols.map((c) => `\`${c}\``);
  const select = cols.map((c) => `  ${source(c, dialect)}`).join(',\n');
  return [
    `INSERT INTO lineorder_flat (${target.join(', ')})`,
    `SELECT\n${select}`,
    'FROM lineorder l',
    'INNER JOIN customer c ON c.c_custkey = l.lo_custkey',
    'INNER JOIN supplier s ON s.s_suppkey = l.lo_suppkey',
    'INNER JOIN part p ON p.p_partkey = l.lo_partkey',
  ].join('\n');
}
