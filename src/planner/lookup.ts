/**
 * What the plan alone proves about a query's size, for the engine to run it cheaply:
 * - `maxRows`: an upper bound on the rows (LIMIT n, a global aggregate, VALUES, an equality on
 *   every key column of a table whose model keeps one row per key). Small results are read in
 *   one call instead of streamed. A wrong bound costs memory, never a wrong answer.
 * - `batchableLookup`: a point lookup (`SELECT … FROM keyed_table WHERE key = constant …`) written
 *   as `key IN (constant)`, so that concurrent lookups of the same shape can share one query that
 *   lists all their keys; each lookup then takes the rows whose key is its own.
 */
import type { BoundExpr, LiteralValue } from '../analyzer/index.js';
import type { SqlType } from '../types/index.js';
import type { LogicalFilter, LogicalPlan, LogicalScan } from './logical.js';

/** The most rows `plan` can yield, or null when nothing bounds it. */
export function maxRows(plan: LogicalPlan): number | null {
  switch (plan.kind) {
    case 'one-row':
      return 1;
    case 'values':
      return plan.rows.length;
    case 'limit': {
      const below = maxRows(plan.input);
      return below === null ? plan.count : Math.min(below, plan.count);
    }
    case 'aggregate':
      return plan.keys.length === 0 && plan.groupingSets === null ? 1 : maxRows(plan.input);
    case 'filter': {
      const keys = plan.input.kind === 'scan' ? keyIds(plan.input) : null;
      if (keys !== null) {
        const pinned = new Set(conjuncts(plan.predicate).flatMap((c) => pinnedColumn(c) ?? []));
        if ([...keys].every((id) => pinned.has(id))) return 1;
      }
      return maxRows(plan.input);
    }
    case 'project':
    case 'sort':
    case 'window':
    case 'distinct':
    case 'with':
      return maxRows(plan.input);
    case 'scan':
    case 'table-function':
    case 'cte-ref':
    case 'join':
    case 'set-op':
      return null;
  }
}

/** A point lookup several sessions' executions can share one query for. */
export interface BatchableLookup {
  /** The plan with the key equality written as `key IN (constant)`. */
  readonly plan: LogicalPlan;
  /** The constant the key equals; a shared query lists every lookup's constant in the IN. */
  readonly constant: BoundExpr;
  /** The constant's value as text: a lookup's rows are those whose key output reads the same. */
  readonly keyText: string;
  /** Position of the key column among the plan's output columns. */
  readonly keyOutput: number;
  /**
   * The key's type when the query does not select the key: the plan then yields it as one more
   * column, last, which the rows lose again once routed.
   */
  readonly hiddenKey: SqlType | null;
}

/**
 * `[Project] → Filter → Scan` of a table with a one-column key that keeps one row per key, the
 * filter fixing the key to an integer or string literal of the key's own kind, and the key among
 * the output columns; otherwise null.
 */
export function batchableLookup(plan: LogicalPlan): BatchableLookup | null {
  const filter = plan.kind === 'project' ? plan.input : plan;
  if (filter.kind !== 'filter' || filter.input.kind !== 'scan') return null;
  const keys = keyIds(filter.input);
  const keyId = keys?.size === 1 ? [...keys][0] : undefined;
  if (keyId === undefined) return null;
  let keyOutput =
    plan.kind === 'project'
      ? plan.items.findIndex((i) => i.expr.kind === 'column' && i.expr.id === keyId)
      : plan.columns.findIndex((c) => c.id === keyId);
  const key = filter.input.columns.find((c) => c.id === keyId);
  let top = plan;
  let hiddenKey: SqlType | null = null;
  if (keyOutput < 0 && plan.kind === 'project' && key !== undefined) {
    const expr: BoundExpr = { kind: 'column', id: key.id, type: key.type, nullable: false, name: key.name };
    top = { ...plan, items: [...plan.items, { column: key, expr }], columns: [...plan.columns, key] };
    keyOutput = plan.items.length;
    hiddenKey = key.type;
  }
  if (keyOutput < 0) return null;
  for (const c of conjuncts(filter.predicate)) {
    if (pinnedColumn(c) !== keyId || c.kind !== 'op') continue;
    const [a, b] = c.args as [BoundExpr, BoundExpr];
    const [column, constant] = a.kind === 'column' ? [a, b] : [b, a];
    const keyText = sameKindLiteral(constant, column.type);
    if (keyText === null) return null;
    const inList: BoundExpr = {
      kind: 'in-list',
      operand: column,
      list: [constant],
      not: false,
      type: c.type,
      nullable: c.nullable,
    };
    const rewritten: LogicalFilter = { ...filter, predicate: replaceConjunct(filter.predicate, c, inList) };
    return {
      plan: top.kind === 'project' ? { ...top, input: rewritten } : rewritten,
      constant,
      keyText,
      keyOutput,
      hiddenKey,
    };
  }
  return null;
}

/** Column ids of the scanned table's key when its model keeps one row per key; else null. */
function keyIds(scan: LogicalScan): Set<number> | null {
  const t = scan.table;
  if (scan.before !== undefined || t.keysType === undefined || t.keysType === 'duplicate') return null;
  const ids = new Set<number>();
  for (const [i, c] of t.columns.entries()) {
    if (!c.isKey) continue;
    const id = scan.columns[i]?.id;
    if (c.nullable || id === undefined) return null;
    ids.add(id);
  }
  return ids.size === 0 ? null : ids;
}

function conjuncts(e: BoundExpr): BoundExpr[] {
  return e.kind === 'op' && e.op === 'and' ? e.args.flatMap(conjuncts) : [e];
}

function replaceConjunct(e: BoundExpr, target: BoundExpr, by: BoundExpr): BoundExpr {
  if (e === target) return by;
  if (e.kind !== 'op' || e.op !== 'and') return e;
  return { ...e, args: e.args.map((a) => replaceConjunct(a, target, by)) };
}

/** The column a `column = constant` conjunct fixes to one value. */
function pinnedColumn(e: BoundExpr): number | null {
  if (e.kind !== 'op' || e.op !== 'eq' || e.args.length !== 2) return null;
  const [a, b] = e.args as [BoundExpr, BoundExpr];
  if (a.kind === 'column' && isConstant(b)) return a.id;
  if (b.kind === 'column' && isConstant(a)) return b.id;
  return null;
}

function isConstant(e: BoundExpr): boolean {
  if (e.kind === 'literal' || e.kind === 'param') return true;
  return e.kind === 'cast' && isConstant(e.operand);
}

const INTEGER_KINDS = new Set<SqlType['kind']>(['tinyint', 'smallint', 'int', 'bigint', 'largeint']);
const STRING_KINDS = new Set<SqlType['kind']>(['char', 'varchar', 'string']);

/**
 * The canonical text of an integer literal compared with an integer key or a string literal
 * compared with a string key (possibly cast to the key's type), i.e. the text the key's own value
 * renders as exactly when they are equal; null for anything else.
 */
function sameKindLiteral(e: BoundExpr, keyType: SqlType): string | null {
  const inner = e.kind === 'cast' && e.type.kind === keyType.kind ? e.operand : e;
  if (inner.kind !== 'literal') return null;
  const v: LiteralValue = inner.value;
  if (v.kind === 'int' && INTEGER_KINDS.has(keyType.kind)) return String(v.value);
  if (v.kind === 'string' && STRING_KINDS.has(keyType.kind)) return v.value;
  return null;
}
