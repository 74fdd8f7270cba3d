/**
 * The statement mix: weighted, parameterised SQL. From `--sql` (weight 1 each) or a YAML file:
 *
 *   statements:
 *     - name: point
 *       weight: 8
 *       sql: SELECT * FROM orders WHERE id = ?
 *       params:
 *         - range: [1, 1000000]            # uniform integer
 *         - values: [new, paid]           # one of
 *         - file: ids.txt                 # one value per line (relative to the mix file)
 *         - query: SELECT id FROM orders LIMIT 10000   # read once from the target
 *     - name: stall
 *       weight: 1
 *       sql: SELECT SLEEP(0.05)
 *
 * `?` placeholders are filled client-side (mysql2 escaping), which StarRocks, Rockling and MySQL
 * all accept, so no server-side prepared statements are needed.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Connection } from 'mysql2/promise';
import { ToolError } from '../common/index.js';

/** One parameter source. */
export type ParamSpec =
  | { readonly range: readonly [number, number] }
  | { readonly values: readonly (string | number)[] }
  | { readonly file: string }
  | { readonly query: string };

/** A statement of the mix as written. */
export interface StatementSpec {
  readonly name: string;
  readonly weight: number;
  readonly sql: string;
  readonly params: readonly ParamSpec[];
}

/** A statement ready to run: parameter drawers resolved. */
export interface Statement {
  readonly name: string;
  readonly weight: number;
  readonly sql: string;
  readonly draw: (rand: () => number) => unknown[];
}

/** Statements from repeated `--sql` flags. */
export function mixFromSql(sqls: readonly string[]): StatementSpec[] {
  return sqls.map((sql, i) => ({
    name: sqls.length === 1 ? 'sql' : `sql${i + 1}`,
    weight: 1,
    sql,
    params: [],
  }));
}

/** Statements from a YAML mix file (paths in `file:` params resolve against the file's folder). */
export function mixFromFile(path: string): StatementSpec[] {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ToolError(`cannot read mix ${path}: ${(error as Error).message}`);
  }
  const list = (doc as { statements?: unknown } | null)?.statements;
  if (!Array.isArray(list) || list.length === 0)
    throw new ToolError(`${path}: needs a non-empty 'statements:' list`);
  return list.map((raw, i) => statementSpec(raw, i, dirname(path), path));
}

function statementSpec(raw: unknown, i: number, base: string, path: string): StatementSpec {
  const s = raw as Record<string, unknown>;
  const where = `${path}: statements[${i}]`;
  if (typeof s['sql'] !== 'string' || s['sql'].trim() === '')
    throw new ToolError(`${where}: 'sql' is required`);
  const weight = s['weight'] === undefined ? 1 : Number(s['weight']);
  if (!(weight > 0)) throw new ToolError(`${where}: weight must be positive`);
  const params = (Array.isArray(s['params']) ? s['params'] : []).map((p: unknown, j: number) =>
    paramSpec(p, `${where}.params[${j}]`, base),
  );
  const placeholders = (s['sql'].match(/\?/g) ?? []).length;
  if (placeholders !== params.length) {
    throw new ToolError(`${where}: ${placeholders} '?' placeholders but ${params.length} params`);
  }
  return { name: typeof s['name'] === 'string' ? s['name'] : `stmt${i + 1}`, weight, sql: s['sql'], params };
}

function paramSpec(raw: unknown, where: string, base: string): ParamSpec {
  const p = raw as Record<string, unknown>;
  const range = p['range'];
  if (Array.isArray(range) && range.length === 2 && range.every((v) => Number.isFinite(Number(v)))) {
    return { range: [Number(range[0]), Number(range[1])] };
  }
  if (Array.isArray(p['values']) && p['values'].length > 0)
    return { values: p['values'] as (string | number)[] };
  if (typeof p['file'] === 'string') return { file: resolve(base, p['file']) };
  if (typeof p['query'] === 'string') return { query: p['query'] };
  throw new ToolError(`${where}: use one of range: [lo, hi], values: [...], file: path, query: SQL`);
}

/** Resolve parameter sources (files, queries against the target) into drawers. */
export async function prepareMix(specs: readonly StatementSpec[], conn: Connection): Promise<Statement[]> {
  const out: Statement[] = [];
  for (const s of specs) {
    const drawers: ((rand: () => number) => unknown)[] = [];
    for (const p of s.params) drawers.push(await drawer(p, conn));
    out.push({ name: s.name, weight: s.weight, sql: s.sql, draw: (rand) => drawers.map((d) => d(rand)) });
  }
  return out;
}

async function drawer(p: ParamSpec, conn: Connection): Promise<(rand: () => number) => unknown> {
  if ('range' in p) {
    const [lo, hi] = p.range;
    return (rand) => lo + Math.floor(rand() * (hi - lo + 1));
  }
  let pool: readonly unknown[];
  if ('values' in p) pool = p.values;
  else if ('file' in p) {
    pool = readFileSync(p.file, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
  } else {
    const [rows] = await conn.query({ sql: p.query, rowsAsArray: true });
    pool = (rows as unknown[][]).map((r) => r[0]);
  }
  if (pool.length === 0) throw new ToolError(`parameter source gave no values: ${JSON.stringify(p)}`);
  return (rand) => pool[Math.floor(rand() * pool.length)];
}

/** Pick a statement by weight. */
export function picker(statements: readonly Statement[]): (rand: () => number) => Statement {
  const total = statements.reduce((s, x) => s + x.weight, 0);
  return (rand) => {
    let r = rand() * total;
    for (const s of statements) {
      r -= s.weight;
      if (r < 0) return s;
    }
    const last = statements[statements.length - 1];
    if (last === undefined) throw new ToolError('empty mix');
    return last;
  };
}
