/**
 * Random tables with NULLs and edge values, drawn from small value pools so that joins match,
 * groups repeat and comparisons hit equal values. Identical for the same seed.
 */
import { Rng } from '../../bench/common/prng.js';
import { dateDays, decText, dtMicros, type OT, type OV, TY } from './model.js';

export interface ColumnDef {
  readonly name: string;
  /** StarRocks DDL type. */
  readonly sr: string;
  /** DuckDB DDL type (the reference database). */
  readonly duck: string;
  readonly t: OT;
  readonly nullable: boolean;
}

export interface TableData {
  readonly name: string;
  readonly columns: readonly ColumnDef[];
  readonly rows: readonly Readonly<Record<string, OV>>[];
}

const c = (name: string, sr: string, duck: string, t: OT, nullable = true): ColumnDef => ({
  name,
  sr,
  duck,
  t,
  nullable,
});

const INT_COLS = {
  id: c('id', 'INT', 'INTEGER', TY.int, false),
  a: c('a', 'INT', 'INTEGER', TY.int),
  k: c('k', 'INT', 'INTEGER', TY.int),
  b: c('b', 'BIGINT', 'BIGINT', TY.bigint),
  c: c('c', 'TINYINT', 'TINYINT', TY.tinyint),
};
const d = c('d', 'DECIMAL(10,2)', 'DECIMAL(10,2)', TY.dec(10, 2));
const e = c('e', 'DECIMAL(18,4)', 'DECIMAL(18,4)', TY.dec(18, 4));
const f = c('f', 'DOUBLE', 'DOUBLE', TY.dbl);
const s = c('s', 'VARCHAR(20)', 'VARCHAR', TY.str);
const u = c('u', 'VARCHAR(20)', 'VARCHAR', TY.str);
const dt = c('dt', 'DATE', 'DATE', TY.date);
const ts = c('ts', 'DATETIME', 'TIMESTAMP', TY.dt);
const bo = c('bo', 'BOOLEAN', 'BOOLEAN', TY.bool);

/** Table layouts: t1 wide, t2 and t3 narrower join partners. */
export const LAYOUT: Readonly<Record<string, readonly ColumnDef[]>> = {
  t1: [INT_COLS.id, INT_COLS.a, INT_COLS.b, INT_COLS.c, d, e, f, s, u, dt, ts, bo],
  t2: [INT_COLS.id, INT_COLS.k, INT_COLS.a, d, s, dt],
  t3: [INT_COLS.id, INT_COLS.k, s],
};
const ROW_COUNTS: Readonly<Record<string, number>> = { t1: 40, t2: 30, t3: 12 };

export const STRINGS = [
  'a',
  'ab',
  'abc',
  'b',
  'B',
  '',
  ' x ',
  'x_y',
  '12',
  '3.5',
  '-7',
  '2024-01-05',
  'hello world',
  '%a',
  'héllo',
  'a,b,c',
];
export const DATES = [
  '2024-01-01',
  '2024-01-31',
  '2024-02-29',
  '2023-12-31',
  '2024-03-15',
  '2000-02-28',
  '1999-12-31',
  '2024-12-31',
];
export const DATETIMES = [
  '2024-01-01 00:00:00',
  '2024-01-31 23:59:59',
  '2024-02-29 12:30:00.250000',
  '2023-12-31 08:15:30',
  '2024-03-15 18:00:00',
  '2000-02-28 23:00:00.000001',
  '1999-12-31 23:59:59',
];
const DOUBLES = [0, 0.5, -1.25, 3, 1e10, 0.0025, 0.1, 123.456, -7, 2.5];
const INT_EDGES = [2147483647n, -2147483648n];
const BIGINT_EDGES = [9223372036854775807n, -9223372036854775808n, 4611686018427387904n];

function value(rng: Rng, col: ColumnDef, rowId: number): OV {
  if (col.name === 'id') return BigInt(rowId);
  if (col.nullable && rng.int(0, 99) < 18) return null;
  switch (col.name) {
    case 'a':
    case 'k':
      return rng.int(0, 99) < 4 ? rng.pick(INT_EDGES) : BigInt(rng.int(-3, 6));
    case 'b':
      return rng.int(0, 99) < 5 ? rng.pick(BIGINT_EDGES) : BigInt(rng.int(-10, 10));
    case 'c':
      return rng.pick([-128n, -1n, 0n, 1n, 2n, 3n, 127n]);
    case 'd':
      return BigInt(rng.pick([rng.int(-99999, 99999), rng.int(-500, 500), 150, 0, 100]));
    case 'e':
      return BigInt(rng.int(-99999999, 99999999)) * BigInt(rng.pick([1, 1, 10, 1000]));
    case 'f':
      return rng.pick(DOUBLES);
    case 's':
    case 'u':
      return rng.pick(STRINGS);
    case 'dt':
      return dateDays(rng.pick(DATES));
    case 'ts':
      return dtMicros(rng.pick(DATETIMES));
    case 'bo':
      return rng.int(0, 1) === 1;
    default:
      throw new Error(`no generator for column ${col.name}`);
  }
}

/** The three tables for a seed. */
export function generateTables(seed: number): TableData[] {
  return Object.entries(LAYOUT).map(([name, columns], i) => {
    const rng = new Rng(seed, i);
    const rows = [];
    for (let r = 1; r <= (ROW_COUNTS[name] ?? 10); r++) {
      const row: Record<string, OV> = {};
      for (const col of columns) row[col.name] = value(rng, col, r);
      rows.push(row);
    }
    return { name, columns, rows };
  });
}

/** A value as a SQL literal both StarRocks and DuckDB accept in INSERT … VALUES. */
export function literal(v: OV, t: OT): string {
  if (v === null) return 'NULL';
  switch (t.k) {
    case 'int':
      return String(v);
    case 'dec':
      return decText(v as bigint, t.s);
    case 'dbl':
      return String(v);
    case 'str':
      return `'${(v as string).replace(/'/g, "''")}'`;
    case 'date':
      return `'${new Date((v as number) * 86_400_000).toISOString().slice(0, 10)}'`;
    case 'dt':
      return `'${dtLiteral(v as bigint)}'`;
    case 'bool':
      return v === true ? 'TRUE' : 'FALSE';
  }
}

function dtLiteral(micros: bigint): string {
  const ms = Number(micros / 1000n);
  const frac = (micros % 1_000_000n).toString().padStart(6, '0');
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}.${frac}`;
}

/** StarRocks DDL + INSERT for a table (duplicate key model, one bucket). */
export function starrocksSetup(t: TableData): string[] {
  const cols = t.columns.map((col) => `${col.name} ${col.sr}${col.nullable ? '' : ' NOT NULL'}`);
  return [
    `CREATE TABLE ${t.name} (${cols.join(', ')}) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1 PROPERTIES ('replication_num' = '1')`,
    `INSERT INTO ${t.name} VALUES ${rowsSql(t)}`,
  ];
}

/** DuckDB DDL + INSERT for the same table in `schema`. */
export function duckSetup(t: TableData, schema: string): string[] {
  const cols = t.columns.map((col) => `${col.name} ${col.duck}${col.nullable ? '' : ' NOT NULL'}`);
  return [
    `CREATE TABLE ${schema}.${t.name} (${cols.join(', ')})`,
    `INSERT INTO ${schema}.${t.name} VALUES ${rowsSql(t)}`,
  ];
}

function rowsSql(t: TableData): string {
  return t.rows
    .map((r) => `(${t.columns.map((col) => literal(r[col.name] ?? null, col.t)).join(', ')})`)
    .join(', ');
}
