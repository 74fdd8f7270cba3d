/**
 * `node --import tsx bench/ssb/generated-sql.ts [out.md]`: the DuckDB SQL Rockling generates for
 * each SSB query, next to the query text, so a slow query's plan can be compared with DuckDB's
 * own plan of the original text (EXPLAIN on both). Runs an in-process database with the SSB
 * tables created by StarRocks DDL and no rows (the generated text does not depend on the data).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../src/session/index.js';
import { queriesFor } from './queries.js';
import { ALL_TABLES, starRocksDdl } from './schema.js';

/** Generated SQL per query key (`multi:Q1.1` …). */
export async function generatedSql(): Promise<Map<string, string>> {
  const db = await openDatabase({ dataDir: ':memory:' });
  const s = await db.openSession({ user: 'root', host: '127.0.0.1', database: null, connectionId: 1 });
  const drain = async (sql: string): Promise<void> => {
    for await (const r of s.query(sql)) if (r.kind === 'rows') for await (const b of r.batches) void b;
  };
  const out = new Map<string, string>();
  try {
    await drain('CREATE DATABASE ssb');
    await s.useDatabase('ssb');
    for (const t of ALL_TABLES) await drain(starRocksDdl(t));
    // The engine is the one place SQL reaches DuckDB: record what the query path sends it.
    const engine = (db as unknown as { engine: { stream: (sql: string, o?: unknown) => Promise<unknown> } })
      .engine;
    const original = engine.stream.bind(engine);
    let last = '';
    engine.stream = (sql: string, o?: unknown) => {
      last = sql;
      return original(sql, o);
    };
    for (const q of queriesFor(['multi', 'flat'])) {
      last = '';
      await drain(q.sql);
      out.set(`${q.schema}:${q.id}`, last);
    }
  } finally {
    await s.close();
    await db.close();
  }
  return out;
}

async function main(): Promise<void> {
  const sql = await generatedSql();
  const md = ['# SSB queries: the DuckDB SQL Rockling generates\n'];
  for (const q of queriesFor(['multi', 'flat'])) {
    md.push(
      `## ${q.schema} ${q.id}\n`,
      '```sql',
      q.sql,
      '```\n',
      '```sql',
      sql.get(`${q.schema}:${q.id}`) ?? '',
      '```\n',
    );
  }
  const path = process.argv[2] ?? '/dev/stdout';
  writeFileSync(path, md.join('\n'));
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
