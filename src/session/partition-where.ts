/**
 * `ALTER TABLE … DROP PARTITIONS WHERE cond` (StarRocks 3.4+): the partitions whose key values
 * satisfy cond. cond is written over the partition expressions (`date_trunc('day', dt) < …`) or
 * the partition columns of a column-partitioned table; each occurrence is replaced by the
 * partition's key value, and the condition is evaluated by the normal query compiler over one
 * row per partition, so every StarRocks function the compiler knows can appear in it.
 */
import { partitions as P, type TableEntry } from '../catalog/index.js';
import { compileQuery } from '../codegen/index.js';
import type { EngineConnection } from '../engine/index.js';
import { SqlError } from '../errors/index.js';
import { parseQuery, printExpr, printType, type AstExpr } from '../sql/index.js';
import type { SessionImpl } from './session.js';

function key(e: AstExpr): string {
  return printExpr(e).toLowerCase().replace(/`/g, '');
}

/** Replace every partition expression inside `e` by a reference to its key column `__pk<i>`. */
function substitute(value: unknown, exprs: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => substitute(v, exprs));
  if (value === null || typeof value !== 'object') return value;
  const node = value as { kind?: unknown };
  if (typeof node.kind === 'string') {
    let text: string | null;
    try {
      text = key(node as AstExpr);
    } catch {
      text = null; // not an expression node (order items, window frames …)
    }
    const i = text === null ? -1 : exprs.indexOf(text);
    if (i >= 0) return { kind: 'column', parts: [`__pk${i}`] };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = k === 'pos' ? v : substitute(v, exprs);
  return out;
}

function sqlString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Names of the table's (non-temporary) partitions whose key values satisfy `where`. */
export async function partitionsMatching(
  s: SessionImpl,
  conn: EngineConnection,
  entry: TableEntry,
  where: AstExpr,
): Promise<string[]> {
  const desc = entry.definition.partition;
  const scheme = P.schemeOf(desc, entry.columns);
  if (desc === undefined || scheme === null)
    throw new SqlError('analysis-error', { message: `Table[${entry.name}] is not a partitioned table` });
  const exprs = desc.exprs.map(key);
  const cond = printExpr(substitute(where, exprs) as AstExpr);
  const parts = (await P.listPartitions(conn, entry.id)).filter((p) => !p.temp);
  if (parts.length === 0) return [];
  const rows = parts.map((p) => {
    const values = p.kind === 'list' ? (p.values?.[0] ?? []) : (p.lower ?? []);
    const cols = scheme.keyTypes.map((t, i) => {
      const v = values[i];
      const lit = v === null || v === undefined ? 'NULL' : sqlString(v);
      return `CAST(${lit} AS ${printType(t)}) AS __pk${i}`;
    });
    return `SELECT ${sqlString(p.name)} AS __name, ${cols.join(', ')}`;
  });
  const text = `SELECT __name FROM (${rows.join(' UNION ALL ')}) __parts WHERE ${cond}`;
  const compiled = compileQuery(parseQuery(text), s.compileContext().ctx);
  const { rows: out } = await conn.queryAll(compiled.sql);
  return out.map((r) => String(r[0]));
}
