/**
 * One SELECT block: FROM, WHERE, select list (with `*` expansion), GROUP BY (ordinals, aliases,
 * ROLLUP/CUBE/GROUPING SETS), HAVING (MySQL: may name select aliases), QUALIFY, ORDER BY
 * (aliases first, ordinals) and LIMIT. Aggregate validity is checked by the planner.
 */
import type {
  AstExpr,
  AstGroupingElement,
  AstLimit,
  AstOrderItem,
  AstSelect,
  AstWindowSpec,
} from '../sql/ast/index.js';
import type { BoundExpr, BoundGroupBy, BoundSelect, BoundSelectItem, ColumnInfo } from './bound.js';
import { orderItem } from './bind-call.js';
import { bindExpr, type ExprEnv } from './bind-expr.js';
import { toBoolean } from './bind-operators.js';
import { bindLimit } from './bind-query.js';
import { bindFromList } from './bind-relation.js';
import { analysisError } from './errors.js';
import { exprKey, someExpr } from './expr-walk.js';
import { exprLabel } from './labels.js';
import type { Field, Scope } from './scope.js';
import { isNullable, newColumn, type BindState } from './state.js';

export function bindSelect(
  state: BindState,
  s: AstSelect,
  orderBy: readonly AstOrderItem[],
  limit: AstLimit | undefined,
  outer: Scope,
): BoundSelect {
  const from = bindFromList(state, s.from, outer);
  const scope = outer.child(from.fields);
  const windows = new Map<string, AstWindowSpec>(s.windows.map((w) => [w.name, w.spec]));
  const base: ExprEnv = { scope, clause: 'where clause', allowAgg: false, allowWindow: false, windows };
  const where = s.where === undefined ? null : toBoolean(bindExpr(state, base, s.where));
  const items = bindItems(
    state,
    s,
    { ...base, clause: 'field list', allowAgg: true, allowWindow: true },
    from.fields,
  );
  const aliases = aliasMap(items);
  const groupBy = bindGroupBy(state, s.groupBy, { ...base, clause: 'group statement', aliases }, items);
  const having =
    s.having === undefined
      ? null
      : // MySQL: without GROUP BY a HAVING name means the select alias first (Connector/J's getTables
        // relies on it: `CASE … END AS TABLE_TYPE … HAVING TABLE_TYPE IN (…)`); with GROUP BY, the column.
        toBoolean(
          bindExpr(
            state,
            { ...base, clause: 'having clause', allowAgg: true, aliases, aliasFirst: s.groupBy.length === 0 },
            s.having,
          ),
        );
  const qualify =
    s.qualify === undefined
      ? null
      : toBoolean(
          bindExpr(
            state,
            { ...base, clause: 'qualify clause', allowAgg: true, allowWindow: true, aliases },
            s.qualify,
          ),
        );
  const orderEnv: ExprEnv = {
    ...base,
    clause: 'order clause',
    allowAgg: true,
    allowWindow: true,
    aliases,
    aliasFirst: true,
  };
  const order = orderBy.map((o) => orderItem(ordinalOrExpr(state, orderEnv, o.expr, items, 'ORDER BY'), o));
  if (s.distinct)
    checkDistinctOrder(
      items,
      order.map((o) => o.expr),
    );
  const hasAgg = (e: BoundExpr | null): boolean =>
    e !== null && someExpr(e, (x) => x.kind === 'agg' || x.kind === 'grouping');
  const aggregated =
    groupBy !== null ||
    items.some((i) => hasAgg(i.expr)) ||
    hasAgg(having) ||
    order.some((o) => hasAgg(o.expr));
  return {
    kind: 'select',
    from: from.relation,
    where,
    groupBy,
    aggregated,
    having,
    qualify,
    items,
    distinct: s.distinct,
    orderBy: order,
    limit: bindLimit(state, limit),
    columns: items.map((i) => i.column),
  };
}

function bindItems(
  state: BindState,
  s: AstSelect,
  env: ExprEnv,
  fields: readonly Field[],
): BoundSelectItem[] {
  const out: BoundSelectItem[] = [];
  for (const item of s.items) {
    if (item.expr.kind === 'star') {
      out.push(...expandStar(state, item.expr.qualifier, fields, item.expr.pos));
      continue;
    }
    const expr = bindExpr(state, env, item.expr);
    const name = item.alias ?? exprLabel(item.expr);
    const origin =
      expr.kind === 'column' ? fields.find((f) => f.column.id === expr.id)?.column.origin : undefined;
    out.push({ expr, column: newColumn(state, name, expr.type, isNullable(expr), origin) });
  }
  return out;
}

function expandStar(
  state: BindState,
  qualifier: readonly string[],
  fields: readonly Field[],
  pos: AstExpr['pos'],
): BoundSelectItem[] {
  const matching = fields.filter((f) => {
    if (!f.inStar) return false;
    if (qualifier.length === 0) return true;
    const q = f.qualifier;
    if (q === null || q.table !== qualifier[qualifier.length - 1]) return false;
    return qualifier.length < 2 || q.db === qualifier[qualifier.length - 2];
  });
  if (
    qualifier.length > 0 &&
    matching.length === 0 &&
    !fields.some((f) => f.qualifier?.table === qualifier[qualifier.length - 1])
  ) {
    throw analysisError(`Unknown table '${qualifier.join('.')}'`, pos);
  }
  if (qualifier.length === 0 && fields.length === 0) throw analysisError('No tables used', pos);
  return matching.map((f) => {
    const c = f.column;
    const expr: BoundExpr = f.expr ?? {
      kind: 'column',
      id: c.id,
      type: c.type,
      nullable: c.nullable,
      name: c.name,
    };
    return { expr, column: newColumn(state, f.name, c.type, c.nullable, c.origin) };
  });
}

/** Lower-case output name → expression; a name used twice for different expressions is ambiguous. */
function aliasMap(items: readonly BoundSelectItem[]): Map<string, BoundExpr | 'ambiguous'> {
  const map = new Map<string, BoundExpr | 'ambiguous'>();
  for (const item of items) {
    const key = item.column.name.toLowerCase();
    const prev = map.get(key);
    if (prev === undefined) map.set(key, item.expr);
    else if (prev !== 'ambiguous' && exprKey(prev) !== exprKey(item.expr)) map.set(key, 'ambiguous');
  }
  return map;
}

/** `ORDER BY 2` / `GROUP BY 1` refer to select items; anything else binds as an expression. */
function ordinalOrExpr(
  state: BindState,
  env: ExprEnv,
  e: AstExpr,
  items: readonly BoundSelectItem[],
  clause: 'ORDER BY' | 'GROUP BY',
): BoundExpr {
  if (e.kind === 'number' && /^\d+$/.test(e.text)) {
    const item = items[Number(e.text) - 1];
    if (item === undefined) {
      const where = clause === 'ORDER BY' ? 'select list' : 'select list';
      throw analysisError(
        `${clause === 'ORDER BY' ? 'ORDER BY' : 'Group by'} position ${e.text} is not in ${where}`,
        e.pos,
      );
    }
    if (clause === 'GROUP BY' && someExpr(item.expr, (x) => x.kind === 'agg' || x.kind === 'window')) {
      throw analysisError(`GROUP BY position ${e.text} refers to an aggregate`, e.pos);
    }
    return item.expr;
  }
  return bindExpr(state, env, e);
}

function bindGroupBy(
  state: BindState,
  elements: readonly AstGroupingElement[],
  env: ExprEnv,
  items: readonly BoundSelectItem[],
): BoundGroupBy | null {
  if (elements.length === 0) return null;
  const keys: BoundExpr[] = [];
  const keyIndex = new Map<string, number>();
  const key = (e: AstExpr): number => {
    const b = ordinalOrExpr(state, env, e, items, 'GROUP BY');
    const k = exprKey(b);
    let i = keyIndex.get(k);
    if (i === undefined) {
      i = keys.length;
      keys.push(b);
      keyIndex.set(k, i);
    }
    return i;
  };
  let sets: number[][] = [[]];
  let hasSets = false;
  for (const el of elements) {
    let alternatives: number[][];
    switch (el.kind) {
      case 'expr':
        alternatives = [[key(el.expr)]];
        break;
      case 'rollup': {
        const ks = el.exprs.map(key);
        alternatives = ks.map((_, i) => ks.slice(0, ks.length - i)).concat([[]]);
        hasSets = true;
        break;
      }
      case 'cube': {
        const ks = el.exprs.map(key);
        alternatives = [];
        for (let mask = (1 << ks.length) - 1; mask >= 0; mask--)
          alternatives.push(ks.filter((_, i) => (mask & (1 << (ks.length - 1 - i))) !== 0));
        hasSets = true;
        break;
      }
      case 'grouping-sets':
        alternatives = el.sets.map((set) => set.map(key));
        hasSets = true;
        break;
    }
    sets = sets.flatMap((s) => alternatives.map((a) => [...s, ...a.filter((x) => !s.includes(x))]));
  }
  return { keys, sets: hasSets ? sets : null };
}

/** StarRocks: with SELECT DISTINCT every ORDER BY expression must be in the select list. */
function checkDistinctOrder(items: readonly BoundSelectItem[], order: readonly BoundExpr[]): void {
  const selected = new Set(items.map((i) => exprKey(i.expr)));
  for (const o of order) {
    if (!selected.has(exprKey(o))) {
      throw analysisError('for SELECT DISTINCT, ORDER BY expressions must appear in select list');
    }
  }
}

export type { ColumnInfo };
