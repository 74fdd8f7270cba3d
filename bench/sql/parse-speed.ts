/**
 * Parse speed of typical queries: median and p99 time of tokenize+parse per statement, and of
 * print. Target: parsing well under 0.3 ms for typical BI queries (parse+analyze+generate ≤ 1 ms).
 * Usage: node --import tsx bench/sql/parse-speed.ts [iterations]
 */
import { performance } from 'node:perf_hooks';
import { parseStatements, printStatement } from '../../src/sql/index.js';

const QUERIES: Record<string, string> = {
  point: 'SELECT * FROM orders WHERE order_id = 12345',
  tableau: `SELECT DATE(order_date) as order_date, u.user_region, p.product_category, COUNT(*) as order_count,
    SUM(o.amount) as total_revenue, COUNT(DISTINCT o.user_id) as unique_customers, AVG(o.amount) as avg_order_value
    FROM orders o JOIN users u ON o.user_id = u.user_id JOIN products p ON o.product_id = p.product_id
    WHERE o.order_date >= CURRENT_DATE - INTERVAL 90 DAY GROUP BY DATE(o.order_date), u.user_region, p.product_category`,
  superset: `SELECT DATE_FORMAT(order_date, '%Y-%m') as order_month, user_region, SUM(amount) as monthly_revenue,
    COUNT(DISTINCT user_id) as monthly_active_users, COUNT(*) as monthly_orders FROM orders o
    JOIN users u ON o.user_id = u.user_id WHERE order_date >= DATE_SUB(CURRENT_DATE, INTERVAL 12 MONTH)
    GROUP BY DATE_FORMAT(order_date, '%Y-%m'), user_region ORDER BY order_month DESC, user_region`,
  window: `WITH r AS (SELECT user_id, amount, row_number() OVER (PARTITION BY user_id ORDER BY amount DESC) rn,
    sum(amount) OVER (PARTITION BY user_id ORDER BY order_date ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) running
    FROM orders WHERE amount > 0) SELECT user_id, max(running) FROM r WHERE rn <= 3 GROUP BY user_id HAVING count(*) > 1
    ORDER BY 2 DESC LIMIT 100`,
  ddl: `CREATE TABLE monitoring_metrics (metric_time DATETIME, metric_name VARCHAR(100), metric_value DOUBLE, tags JSON)
    ENGINE=OLAP DUPLICATE KEY(metric_time, metric_name) PARTITION BY RANGE(metric_time) ()
    DISTRIBUTED BY HASH(metric_name) BUCKETS 16`,
  jdbcProbe: `SELECT @@session.auto_increment_increment AS auto_increment_increment, @@character_set_client AS character_set_client,
    @@character_set_connection AS character_set_connection, @@character_set_results AS character_set_results,
    @@character_set_server AS character_set_server, @@collation_server AS collation_server, @@init_connect AS init_connect,
    @@interactive_timeout AS interactive_timeout, @@license AS license, @@lower_case_table_names AS lower_case_table_names,
    @@max_allowed_packet AS max_allowed_packet, @@net_write_timeout AS net_write_timeout, @@sql_mode AS sql_mode,
    @@system_time_zone AS system_time_zone, @@time_zone AS time_zone, @@transaction_isolation AS transaction_isolation,
    @@wait_timeout AS wait_timeout`,
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

function measure(fn: () => void, iterations: number): { median: number; p99: number } {
  for (let i = 0; i < Math.min(200, iterations); i++) fn();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

const iterations = Number(process.argv[2] ?? 2000);
console.log(`sql parse speed, ${iterations} iterations per query (ms)`);
console.log('query       chars   parse-median  parse-p99   print-median');
for (const [name, sql] of Object.entries(QUERIES)) {
  const parse = measure(() => void parseStatements(sql), iterations);
  const ast = parseStatements(sql)[0]?.statement;
  if (!ast) throw new Error(`no statement in ${name}`);
  const print = measure(() => void printStatement(ast), iterations);
  console.log(
    `${name.padEnd(11)} ${String(sql.length).padStart(5)}   ${parse.median.toFixed(4).padStart(10)}  ${parse.p99
      .toFixed(4)
      .padStart(9)}   ${print.median.toFixed(4).padStart(10)}`,
  );
}
