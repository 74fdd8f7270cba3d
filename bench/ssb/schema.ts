/**
 * The SSB tables as StarRocks' SSB guide creates them (multi-table star schema with an INT
 * YYYYMMDD order date, plus the denormalised `lineorder_flat` with DATE columns), and the
 * same columns as DuckDB tables. One column list feeds the StarRocks DDL, the DuckDB DDL, the
 * generator's file layout and the INSERT fallback, so they cannot drift apart.
 */

/** Table names; the generator writes `<name>.tbl` for each. */
export type TableName = 'customer' | 'supplier' | 'part' | 'dates' | 'lineorder' | 'lineorder_flat';

/** The five star-schema tables, in load order, and the flat table. */
export const MULTI_TABLES: readonly TableName[] = ['dates', 'customer', 'supplier', 'part', 'lineorder'];
export const FLAT_TABLES: readonly TableName[] = ['lineorder_flat'];
export const ALL_TABLES: readonly TableName[] = [...MULTI_TABLES, ...FLAT_TABLES];

/** A column: its name as StarRocks' guide spells it and its StarRocks type. */
export interface Column {
  readonly name: string;
  /** e.g. 'int(11)', 'tinyint(4)', 'varchar(26)', 'date'. */
  readonly type: string;
}

function cols(spec: string): Column[] {
  return spec
    .trim()
    .split(/\s*,\s*/)
    .map((pair) => {
      const [name, type] = pair.split(/\s+/);
      if (name === undefined || type === undefined) throw new Error(`bad column spec '${pair}'`);
      return { name, type };
    });
}

const LINEORDER = cols(`
  lo_orderkey int(11), lo_linenumber int(11), lo_custkey int(11), lo_partkey int(11),
  lo_suppkey int(11), lo_orderdate int(11), lo_orderpriority varchar(16), lo_shippriority int(11),
  lo_quantity int(11), lo_extendedprice int(11), lo_ordtotalprice int(11), lo_discount int(11),
  lo_revenue int(11), lo_supplycost int(11), lo_tax int(11), lo_commitdate int(11),
  lo_shipmode varchar(11)`);

const CUSTOMER = cols(`
  c_custkey int(11), c_name varchar(26), c_address varchar(41), c_city varchar(11),
  c_nation varchar(16), c_region varchar(13), c_phone varchar(16), c_mktsegment varchar(11)`);

const SUPPLIER = cols(`
  s_suppkey int(11), s_name varchar(26), s_address varchar(26), s_city varchar(11),
  s_nation varchar(16), s_region varchar(13), s_phone varchar(16)`);

const PART = cols(`
  p_partkey int(11), p_name varchar(23), p_mfgr varchar(7), p_category varchar(8),
  p_brand varchar(10), p_color varchar(12), p_type varchar(26), p_size int(11),
  p_container varchar(11)`);

const DATES = cols(`
  d_datekey int(11), d_date varchar(20), d_dayofweek varchar(10), d_month varchar(11),
  d_year int(11), d_yearmonthnum int(11), d_yearmonth varchar(9), d_daynuminweek int(11),
  d_daynuminmonth int(11), d_daynuminyear int(11), d_monthnuminyear int(11),
  d_weeknuminyear int(11), d_sellingseason varchar(14), d_lastdayinweekfl int(11),
  d_lastdayinmonthfl int(11), d_holidayfl int(11), d_weekdayfl int(11)`);

const FLAT = cols(`
  LO_ORDERDATE date, LO_ORDERKEY int(11), LO_LINENUMBER tinyint(4), LO_CUSTKEY int(11),
  LO_PARTKEY int(11), LO_SUPPKEY int(11), LO_ORDERPRIORITY varchar(100), LO_SHIPPRIORITY tinyint(4),
  LO_QUANTITY tinyint(4), LO_EXTENDEDPRICE int(11), LO_ORDTOTALPRICE int(11), LO_DISCOUNT tinyint(4),
  LO_REVENUE int(11), LO_SUPPLYCOST int(11), LO_TAX tinyint(4), LO_COMMITDATE date,
  LO_SHIPMODE varchar(100), C_NAME varchar(100), C_ADDRESS varchar(100), C_CITY varchar(100),
  C_NATION varchar(100), C_REGION varchar(100), C_PHONE varchar(100), C_MKTSEGMENT varchar(100),
  S_NAME varchar(100), S_ADDRESS varchar(100), S_CITY varchar(100), S_NATION varchar(100),
  S_REGION varchar(100), S_PHONE varchar(100), P_NAME varchar(100), P_MFGR varchar(100),
  P_CATEGORY varchar(100), P_BRAND varchar(100), P_COLOR varchar(100), P_TYPE varchar(100),
  P_SIZE tinyint(4), P_CONTAINER varchar(100)`);

/** Columns of each table, in file order. */
export const COLUMNS: Readonly<Record<TableName, readonly Column[]>> = {
  customer: CUSTOMER,
  supplier: SUPPLIER,
  part: PART,
  dates: DATES,
  lineorder: LINEORDER,
  lineorder_flat: FLAT,
};

/** Key, partitioning and bucketing clauses from StarRocks' SSB guide (single-replica). */
const PHYSICAL: Readonly<Record<TableName, string>> = {
  lineorder: [
    'DUPLICATE KEY(`lo_orderkey`)',
    'PARTITION BY RANGE(`lo_orderdate`) (',
    '  PARTITION p1 VALUES [("-2147483648"), ("19930101")),',
    '  PARTITION p2 VALUES [("19930101"), ("19940101")),',
    '  PARTITION p3 VALUES [("19940101"), ("19950101")),',
    '  PARTITION p4 VALUES [("19950101"), ("19960101")),',
    '  PARTITION p5 VALUES [("19960101"), ("19970101")),',
    '  PARTITION p6 VALUES [("19970101"), ("19980101")),',
    '  PARTITION p7 VALUES [("19980101"), ("19990101")))',
    'DISTRIBUTED BY HASH(`lo_orderkey`) BUCKETS 48',
  ].join('\n'),
  customer: 'DUPLICATE KEY(`c_custkey`)\nDISTRIBUTED BY HASH(`c_custkey`) BUCKETS 12',
  supplier: 'DUPLICATE KEY(`s_suppkey`)\nDISTRIBUTED BY HASH(`s_suppkey`) BUCKETS 12',
  part: 'DUPLICATE KEY(`p_partkey`)\nDISTRIBUTED BY HASH(`p_partkey`) BUCKETS 12',
  dates: 'DUPLICATE KEY(`d_datekey`)\nDISTRIBUTED BY HASH(`d_datekey`) BUCKETS 1',
  lineorder_flat: [
    'DUPLICATE KEY(`LO_ORDERDATE`, `LO_ORDERKEY`)',
    'PARTITION BY RANGE(`LO_ORDERDATE`)',
    '(START ("1992-01-01") END ("1999-01-01") EVERY (INTERVAL 1 YEAR))',
    'DISTRIBUTED BY HASH(`LO_ORDERKEY`) BUCKETS 48',
  ].join('\n'),
};

/** CREATE TABLE for StarRocks (and so for Rockling), as the SSB guide writes it. */
export function starRocksDdl(table: TableName): string {
  const body = COLUMNS[table].map((c) => `  \`${c.name}\` ${c.type} NOT NULL COMMENT ""`).join(',\n');
  return `CREATE TABLE IF NOT EXISTS \`${table}\` (\n${body}\n) ENGINE=OLAP\n${PHYSICAL[table]}\nPROPERTIES ("replication_num" = "1")`;
}

/** The DuckDB type for a StarRocks column type. */
export function duckDbType(starRocksType: string): string {
  const base = starRocksType.replace(/\(.*\)$/, '').toLowerCase();
  switch (base) {
    case 'tinyint':
      return 'TINYINT';
    case 'smallint':
      return 'SMALLINT';
    case 'int':
      return 'INTEGER';
    case 'bigint':
      return 'BIGINT';
    case 'date':
      return 'DATE';
    case 'varchar':
      return 'VARCHAR';
    default:
      throw new Error(`no DuckDB mapping for StarRocks type ${starRocksType}`);
  }
}

/** CREATE TABLE for DuckDB with the same columns and types, NOT NULL like the StarRocks DDL. */
export function duckDbDdl(table: TableName): string {
  const body = COLUMNS[table]
    .map((c) => `  ${c.name.toLowerCase()} ${duckDbType(c.type)} NOT NULL`)
    .join(',\n');
  return `CREATE TABLE ${table} (\n${body}\n)`;
}

/** The maximum length of a varchar column, or undefined for other types. */
export function varcharLength(type: string): number | undefined {
  const m = /^varchar\((\d+)\)$/i.exec(type);
  return m === null ? undefined : Number(m[1]);
}
