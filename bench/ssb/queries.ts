/**
 * The 13 SSB queries, Q1.1–Q4.3, on both schemas, as StarRocks' SSB guide writes them:
 * star-schema joins against `dates`/`customer`/`supplier`/`part`, and single-table versions on
 * `lineorder_flat`. Both systems run the same text (StarRocks SQL that DuckDB also accepts).
 *
 * Two deliberate differences from the SSB paper, inherited from the guide: the multi-table
 * Q1.x sum lo_revenue (the paper sums lo_extendedprice * lo_discount, as the flat Q1.x do), and
 * the flat Q1.3 filters ISO weekofyear(lo_orderdate) = 6 where the multi-table Q1.3 uses SSB's
 * d_weeknuminyear. So only Q2.1–Q4.2 give the same answers on both schemas.
 */

/** Which schema a query runs on. */
export type Schema = 'multi' | 'flat';

/** One benchmark query. */
export interface SsbQuery {
  /** 'Q1.1' … 'Q4.3'. */
  readonly id: string;
  readonly schema: Schema;
  readonly sql: string;
}

const JOIN_DATES = 'join dates on lo_orderdate = d_datekey';
const JOIN_CUSTOMER = 'join customer on lo_custkey = c_custkey';
const JOIN_SUPPLIER = 'join supplier on lo_suppkey = s_suppkey';
const JOIN_PART = 'join part on lo_partkey = p_partkey';

function q(id: string, schema: Schema, lines: readonly string[]): SsbQuery {
  return { id, schema, sql: lines.join('\n') };
}

const Q3_TAIL = ['order by d_year asc, lo_revenue desc'];

/** The star-schema queries. */
export const MULTI_QUERIES: readonly SsbQuery[] = [
  q('Q1.1', 'multi', [
    'select sum(lo_revenue) as revenue',
    `from lineorder ${JOIN_DATES}`,
    'where d_year = 1993 and lo_discount between 1 and 3 and lo_quantity < 25',
  ]),
  q('Q1.2', 'multi', [
    'select sum(lo_revenue) as revenue',
    `from lineorder ${JOIN_DATES}`,
    'where d_yearmonthnum = 199401 and lo_discount between 4 and 6 and lo_quantity between 26 and 35',
  ]),
  q('Q1.3', 'multi', [
    'select sum(lo_revenue) as revenue',
    `from lineorder ${JOIN_DATES}`,
    'where d_weeknuminyear = 6 and d_year = 1994',
    '  and lo_discount between 5 and 7 and lo_quantity between 26 and 35',
  ]),
  ...(
    [
      ['Q2.1', "p_category = 'MFGR#12' and s_region = 'AMERICA'"],
      ['Q2.2', "p_brand between 'MFGR#2221' and 'MFGR#2228' and s_region = 'ASIA'"],
      ['Q2.3', "p_brand = 'MFGR#2239' and s_region = 'EUROPE'"],
    ] as const
  ).map(([id, where]) =>
    q(id, 'multi', [
      'select sum(lo_revenue) as lo_revenue, d_year, p_brand',
      `from lineorder ${JOIN_DATES} ${JOIN_PART} ${JOIN_SUPPLIER}`,
      `where ${where}`,
      'group by d_year, p_brand',
      'order by d_year, p_brand',
    ]),
  ),
  q('Q3.1', 'multi', [
    'select c_nation, s_nation, d_year, sum(lo_revenue) as lo_revenue',
    `from lineorder ${JOIN_DATES} ${JOIN_CUSTOMER} ${JOIN_SUPPLIER}`,
    "where c_region = 'ASIA' and s_region = 'ASIA' and d_year >= 1992 and d_year <= 1997",
    'group by c_nation, s_nation, d_year',
    ...Q3_TAIL,
  ]),
  ...(
    [
      [
        'Q3.2',
        "c_nation = 'UNITED STATES' and s_nation = 'UNITED STATES' and d_year >= 1992 and d_year <= 1997",
      ],
      [
        'Q3.3',
        "(c_city = 'UNITED KI1' or c_city = 'UNITED KI5') and (s_city = 'UNITED KI1' or s_city = 'UNITED KI5')" +
          ' and d_year >= 1992 and d_year <= 1997',
      ],
      [
        'Q3.4',
        "(c_city = 'UNITED KI1' or c_city = 'UNITED KI5') and (s_city = 'UNITED KI1' or s_city = 'UNITED KI5')" +
          " and d_yearmonth = 'Dec1997'",
      ],
    ] as const
  ).map(([id, where]) =>
    q(id, 'multi', [
      'select c_city, s_city, d_year, sum(lo_revenue) as lo_revenue',
      `from lineorder ${JOIN_DATES} ${JOIN_CUSTOMER} ${JOIN_SUPPLIER}`,
      `where ${where}`,
      'group by c_city, s_city, d_year',
      ...Q3_TAIL,
    ]),
  ),
  q('Q4.1', 'multi', [
    'select d_year, c_nation, sum(lo_revenue) - sum(lo_supplycost) as profit',
    `from lineorder ${JOIN_DATES} ${JOIN_CUSTOMER} ${JOIN_SUPPLIER} ${JOIN_PART}`,
    "where c_region = 'AMERICA' and s_region = 'AMERICA' and (p_mfgr = 'MFGR#1' or p_mfgr = 'MFGR#2')",
    'group by d_year, c_nation',
    'order by d_year, c_nation',
  ]),
  q('Q4.2', 'multi', [
    'select d_year, s_nation, p_category, sum(lo_revenue) - sum(lo_supplycost) as profit',
    `from lineorder ${JOIN_DATES} ${JOIN_CUSTOMER} ${JOIN_SUPPLIER} ${JOIN_PART}`,
    "where c_region = 'AMERICA' and s_region = 'AMERICA' and (d_year = 1997 or d_year = 1998)",
    "  and (p_mfgr = 'MFGR#1' or p_mfgr = 'MFGR#2')",
    'group by d_year, s_nation, p_category',
    'order by d_year, s_nation, p_category',
  ]),
  q('Q4.3', 'multi', [
    'select d_year, s_city, p_brand, sum(lo_revenue) - sum(lo_supplycost) as profit',
    `from lineorder ${JOIN_DATES} ${JOIN_CUSTOMER} ${JOIN_SUPPLIER} ${JOIN_PART}`,
    "where c_region = 'AMERICA' and s_nation = 'UNITED STATES' and (d_year = 1997 or d_year = 1998)",
    "  and p_category = 'MFGR#14'",
    'group by d_year, s_city, p_brand',
    'order by d_year, s_city, p_brand',
  ]),
];

const YEAR_RANGE_92_97 = "lo_orderdate >= '1992-01-01' and lo_orderdate <= '1997-12-31'";
const KI_CITIES = "c_city in ('UNITED KI1', 'UNITED KI5') and s_city in ('UNITED KI1', 'UNITED KI5')";

function flatQ3(id: string, where: string): SsbQuery {
  return q(id, 'flat', [
    'select c_city, s_city, year(lo_orderdate) as year, sum(lo_revenue) as revenue',
    'from lineorder_flat',
    `where ${where}`,
    'group by c_city, s_city, year',
    'order by year asc, revenue desc',
  ]);
}

function flatQ2(id: string, where: string): SsbQuery {
  return q(id, 'flat', [
    'select sum(lo_revenue), year(lo_orderdate) as year, p_brand',
    'from lineorder_flat',
    `where ${where}`,
    'group by year, p_brand',
    'order by year, p_brand',
  ]);
}

/** The single-table queries on `lineorder_flat`. */
export const FLAT_QUERIES: readonly SsbQuery[] = [
  q('Q1.1', 'flat', [
    'select sum(lo_extendedprice * lo_discount) as revenue',
    'from lineorder_flat',
    "where lo_orderdate >= '1993-01-01' and lo_orderdate <= '1993-12-31'",
    '  and lo_discount between 1 and 3 and lo_quantity < 25',
  ]),
  q('Q1.2', 'flat', [
    'select sum(lo_extendedprice * lo_discount) as revenue',
    'from lineorder_flat',
    "where lo_orderdate >= '1994-01-01' and lo_orderdate <= '1994-01-31'",
    '  and lo_discount between 4 and 6 and lo_quantity between 26 and 35',
  ]),
  q('Q1.3', 'flat', [
    'select sum(lo_extendedprice * lo_discount) as revenue',
    'from lineorder_flat',
    "where weekofyear(lo_orderdate) = 6 and lo_orderdate >= '1994-01-01' and lo_orderdate <= '1994-12-31'",
    '  and lo_discount between 5 and 7 and lo_quantity between 26 and 35',
  ]),
  flatQ2('Q2.1', "p_category = 'MFGR#12' and s_region = 'AMERICA'"),
  flatQ2('Q2.2', "p_brand >= 'MFGR#2221' and p_brand <= 'MFGR#2228' and s_region = 'ASIA'"),
  flatQ2('Q2.3', "p_brand = 'MFGR#2239' and s_region = 'EUROPE'"),
  q('Q3.1', 'flat', [
    'select c_nation, s_nation, year(lo_orderdate) as year, sum(lo_revenue) as revenue',
    'from lineorder_flat',
    `where c_region = 'ASIA' and s_region = 'ASIA' and ${YEAR_RANGE_92_97}`,
    'group by c_nation, s_nation, year',
    'order by year asc, revenue desc',
  ]),
  flatQ3('Q3.2', `c_nation = 'UNITED STATES' and s_nation = 'UNITED STATES' and ${YEAR_RANGE_92_97}`),
  flatQ3('Q3.3', `${KI_CITIES} and ${YEAR_RANGE_92_97}`),
  flatQ3('Q3.4', `${KI_CITIES} and lo_orderdate >= '1997-12-01' and lo_orderdate <= '1997-12-31'`),
  q('Q4.1', 'flat', [
    'select year(lo_orderdate) as year, c_nation, sum(lo_revenue - lo_supplycost) as profit',
    'from lineorder_flat',
    "where c_region = 'AMERICA' and s_region = 'AMERICA' and p_mfgr in ('MFGR#1', 'MFGR#2')",
    'group by year, c_nation',
    'order by year asc, c_nation asc',
  ]),
  q('Q4.2', 'flat', [
    'select year(lo_orderdate) as year, s_nation, p_category, sum(lo_revenue - lo_supplycost) as profit',
    'from lineorder_flat',
    "where c_region = 'AMERICA' and s_region = 'AMERICA'",
    "  and lo_orderdate >= '1997-01-01' and lo_orderdate <= '1998-12-31' and p_mfgr in ('MFGR#1', 'MFGR#2')",
    'group by year, s_nation, p_category',
    'order by year asc, s_nation asc, p_category asc',
  ]),
  q('Q4.3', 'flat', [
    'select year(lo_orderdate) as year, s_city, p_brand, sum(lo_revenue - lo_supplycost) as profit',
    'from lineorder_flat',
    "where s_nation = 'UNITED STATES' and lo_orderdate >= '1997-01-01' and lo_orderdate <= '1998-12-31'",
    "  and p_category = 'MFGR#14'",
    'group by year, s_city, p_brand',
    'order by year asc, s_city asc, p_brand asc',
  ]),
];

/** Queries of the chosen schemas, multi-table first. */
export function queriesFor(schemas: readonly Schema[]): SsbQuery[] {
  return [
    ...(schemas.includes('multi') ? MULTI_QUERIES : []),
    ...(schemas.includes('flat') ? FLAT_QUERIES : []),
  ];
}

/** Query ids whose multi-table and flat versions must return the same rows (see module doc). */
export const CROSS_SCHEMA_EQUAL: readonly string[] = [
  'Q2.1',
  'Q2.2',
  'Q2.3',
  'Q3.1',
  'Q3.2',
  'Q3.3',
  'Q3.4',
  'Q4.1',
  'Q4.2',
];
