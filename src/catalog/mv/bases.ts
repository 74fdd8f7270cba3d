/** The base tables an MV's query reads (`db.table`, CTE names excluded), from its AST. */
import type { AstQuery } from '../../sql/index.js';

function walk(node: unknown, ctes: Set<string>, out: string[][]): void {
  if (Array.isArray(node)) {
    for (const x of node) walk(x, ctes, out);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  const w = o['with'] as { ctes?: { name: string }[] } | undefined;
  if (o['kind'] === 'query' && w?.ctes !== undefined) for (const c of w.ctes) ctes.add(c.name);
  const name = o['name'] as { parts?: unknown } | undefined;
  if (o['kind'] === 'table' && Array.isArray(name?.parts)) {
    const parts = name.parts.map(String);
    if (!(parts.length === 1 && ctes.has(parts[0] as string))) out.push(parts);
  }
  for (const v of Object.values(o)) if (typeof v === 'object') walk(v, ctes, out);
}

/** Table references of a statement AST as name parts (any node of kind 'table' with a name). */
export function tableReferences(ast: unknown): string[][] {
  const out: string[][] = [];
  walk(ast, new Set(), out);
  return out;
}

/** `db.table` of each default-catalog base table of the query (`db` defaults to the MV's). */
export function baseTables(query: AstQuery, defaultDb: string): string[] {
  const out = new Set<string>();
  for (const parts of tableReferences(query)) {
    if (parts.length === 3 && parts[0] !== 'default_catalog') continue;
    const name = parts[parts.length - 1] as string;
    const db = parts.length >= 2 ? (parts[parts.length - 2] as string) : defaultDb;
    out.add(`${db}.${name}`);
  }
  return [...out];
}
