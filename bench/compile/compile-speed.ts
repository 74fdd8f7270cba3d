/**
 * Compile-speed benchmark: median parse + analyze + plan + generate time per typical query
 * (target ≤ 1 ms). Pure CPU, no DuckDB. Usage: node --import tsx bench/compile/compile-speed.ts [iterations]
 */
import type { CatalogView, TableDescriptor } from '../../src/catalog/index.js';
import type { CompileContext } from '../../src/analyzer/index.js';
import { compileQuery } from '../../src/codegen/index.js';
import { parseQuery } from '../../src/sql/index.js';
import { T, type SqlType } from '../../src/types/index.js';
import { median } from '../common/stats.js';
import { elapsedMs } from '../common/timing.js';

function table(name: string, cols: readonly [string, SqlType][]): TableDescriptor {
  return {
    kind: 'table',
    catalog: 'default_catalog',
    db: 'shop',
    name,
    comment: '',
    storage: { schema: 'shop', table: name },
    columns: cols.map(([n, type]) => ({
      name: n,
      type,
      nullable: true,
      isKey: false,
      defaultValue: null,
      autoIncrement: false,
      comment: '',
    })),
  };
}

const TABLES = [
  table('orders', [
    ['order_id', T.bigint],
    ['customer_id', T.int],
    ['product_id', T.int],
    ['order_date', T.date],
    ['amount', T.decimal(12, 2)],
    ['status', T.varchar(20)],
  ]),
  table('customers', [
    ['customer_id', T.int],
    ['name', T.varchar(100)],
    ['region', T.varchar(20)],
    ['created_at', T.datetime],
  ]),
  table('products', [
    ['product_id', T.int],
    ['category', T.varchar(50)],
    ['price', T.decimal(10, 2)],
  ]),
];

const catalog: CatalogView = {
  databaseExists: (_c, db) => db === 'shop',
  getTable: (_c, db, name) => (db === 'shop' ? (TABLES.find((t) => t.name === name) ?? null) : null),
  listDatabases: () => ['shop'],
  listTables: () => TABLES,
};

const ctx: CompileContext = {
  catalog,
  currentCatalog: 'default_catalog',
  currentDb: 'shop',
  sessionValue: () => undefined,
  userVariable: () => null,
  currentUser: 'root',
  connectionId: 1,
};

const QUERIES: Readonly<Record<string, string>> = {
  point: 'SELECT * FROM orders WHERE order_id = 42',
  filter:
    "SELECT order_id, amount FROM orders WHERE status = 'paid' AND order_date >= '2024-01-01' ORDER BY amount DESC LIMIT 10",
  aggregate:
    "SELECT DATE_FORMAT(order_date, '%Y-%m') AS month, COUNT(*), SUM(amount) FROM orders WHERE order_date >= DATE_SUB(CURRENT_DATE, INTERVAL 12 MONTH) GROUP BY month ORDER BY month",
  join3: `SELECT DATE(o.order_date) AS d, c.region, p.category, COUNT(DISTINCT o.customer_id) AS buyers, AVG(o.amount) AS avg_amount
          FROM orders o JOIN customers c ON o.customer_id = c.customer_id JOIN products p ON o.product_id = p.product_id
          WHERE o.order_date >= CURRENT_DATE - INTERVAL 90 DAY GROUP BY DATE(o.order_date), c.region, p.category`,
  window:
    'SELECT customer_id, order_id, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_date DESC) AS rn FROM orders QUALIFY rn <= 3',
  subquery:
    'SELECT name FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id AND o.amount > (SELECT AVG(amount) FROM orders))',
  cte_union:
    "WITH big AS (SELECT customer_id FROM orders WHERE amount > 100) SELECT customer_id FROM big UNION SELECT customer_id FROM customers WHERE region = 'EU'",
};

const iterations = Number(process.argv[2] ?? 2000);
const rows: [string, number, number][] = [];
for (const [name, sql] of Object.entries(QUERIES)) {
  for (let i = 0; i < 200; i++) compileQuery(parseQuery(sql), ctx); // warm-up (JIT)
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    compileQuery(parseQuery(sql), ctx);
    samples.push(elapsedMs(start));
  }
  const sorted = [...samples].sort((a, b) => a - b);
  rows.push([name, median(samples), sorted[Math.floor(sorted.length * 0.99)]!]);
}
console.log(`compile speed (parse + analyze + plan + generate), ${iterations} iterations per query`);
console.log('query        median ms   p99 ms');
for (const [name, med, p99] of rows)
  console.log(`${name.padEnd(12)} ${med.toFixed(3).padStart(9)} ${p99.toFixed(3).padStart(8)}`);
const worst = Math.max(...rows.map((r) => r[1]));
console.log(`worst median: ${worst.toFixed(3)} ms (target ≤ 1 ms): ${worst <= 1 ? 'OK' : 'OVER TARGET'}`);
