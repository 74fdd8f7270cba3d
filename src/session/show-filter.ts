/**
 * LIKE and WHERE on SHOW results. LIKE is matched here (MySQL pattern, case rule per object
 * kind). WHERE is evaluated by DuckDB through the normal compiler over the rows as a VALUES
 * relation, so every expression StarRocks allows works with the same semantics as in SELECT.
 */
import { compileQuery } from '../codegen/index.js';
import type { AstExpr, AstLiteral, AstQuery } from '../sql/index.js';
import type { Value } from '../types/index.js';
import type { ColumnMeta } from './api.js';
import { likeRegExp } from './results.js';
import type { SessionImpl } from './session.js';

function literal(v: Value): AstLiteral {
  if (v === null) return { kind: 'null' };
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  if (typeof v === 'number' || typeof v === 'bigint') return { kind: 'number', text: String(v) };
  if (typeof v === 'string') return { kind: 'string', value: v };
  return { kind: 'string', value: Buffer.from(v).toString('utf8') };
}

/** Rows whose `column` matches a LIKE pattern. */
export function filterLike(
  rows: readonly (readonly Value[])[],
  column: number,
  like: string | undefined,
  caseSensitive: boolean,
): (readonly Value[])[] {
  if (like === undefined) return [...rows];
  const re = likeRegExp(like, caseSensitive);
  return rows.filter((r) => re.test(String(r[column] ?? '')));
}

/** Rows satisfying a WHERE expression over the SHOW columns (by name). */
export async function filterWhere(
  s: SessionImpl,
  columns: readonly ColumnMeta[],
  rows: readonly (readonly Value[])[],
  where: AstExpr | undefined,
  signal: AbortSignal,
): Promise<(readonly Value[])[]> {
  if (where === undefined || rows.length === 0) return [...rows];
  const index = '__rockling_row';
  const query: AstQuery = {
    kind: 'query',
    body: {
      kind: 'select',
      distinct: false,
      items: [{ expr: { kind: 'column', parts: [index] } }],
      from: [
        {
          kind: 'values-relation',
          values: { kind: 'values', rows: rows.map((r, i) => [...r.map(literal), literal(i)]) },
          alias: 't',
          columnAliases: [...columns.map((c) => c.name), index],
        },
      ],
      where,
      groupBy: [],
      windows: [],
    },
    orderBy: [],
  };
  const { ctx } = s.compileContext();
  const compiled = compileQuery(query, ctx);
  const result = await s.db.engine.stream(compiled.sql, { signal });
  const keep: (readonly Value[])[] = [];
  for await (const batch of result.batches) {
    for (const r of batch) {
      const row = rows[Number(r[0])];
      if (row !== undefined) keep.push(row);
    }
  }
  return keep;
}
