/**
 * Run StarRocks SQL through the differential targets and print the compiled DuckDB SQL and rows.
 *   node --import tsx test/differential/try-sql.ts "<sql>" ["<sql>" …]
 */
import { generateTables } from './data.js';
import { Targets } from './targets.js';

const targets = await Targets.create(generateTables(1));
try {
  for (const sql of process.argv.slice(2)) {
    console.log(`> ${sql}`);
    try {
      const r = await targets.direct(sql);
      console.log(`  duckdb: ${r.duckSql}`);
      console.log(`  types:  ${r.types.map((t) => JSON.stringify(t)).join(' ')}`);
      for (const row of r.rows.slice(0, 10)) console.log(`  ${JSON.stringify(row)}`);
    } catch (error) {
      console.log(`  error: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
} finally {
  await targets.close();
}
