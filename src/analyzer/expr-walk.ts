/** Generic traversal of bound expressions (children, search, rewrite, structural keys). */
import type { BoundExpr, BoundOrderItem } from './bound.js';

/** Direct child expressions (subquery bodies are not entered: they are separate scopes). */
export function children(e: BoundExpr): readonly BoundExpr[] {
  switch (e.kind) {
    case 'literal':
    case 'column':
    case 'param':
      return [];
    case 'cast':
      return [e.operand];
    case 'op':
    case 'call':
    case 'grouping':
    case 'array':
      return e.kind === 'array' ? e.items : e.args;
    case 'lambda':
      return [e.body];
    case 'agg':
      return [...e.args, ...e.orderBy.map((o) => o.expr), ...(e.separator === null ? [] : [e.separator])];
    case 'window':
      return [...e.args, ...e.partitionBy, ...e.orderBy.map((o) => o.expr), ...frameOffsets(e)];
    case 'case':
      return [...e.whens.flatMap((w) => [w.when, w.then]), ...(e.else === null ? [] : [e.else])];
    case 'in-list':
      return [e.operand, ...e.list];
    case 'subquery':
      return e.operand === null ? [] : [e.operand];
    case 'map':
      return e.entries.flatMap((x) => [x.key, x.value]);
    case 'subscript':
      return [e.operand, e.index];
  }
}

function frameOffsets(e: BoundExpr & { kind: 'window' }): BoundExpr[] {
  const out: BoundExpr[] = [];
  for (const b of e.frame === null ? [] : [e.frame.start, e.frame.end]) if ('offset' in b) out.push(b.offset);
  return out;
}

/** True when `pred` holds for `e` or any descendant (not entering subqueries). */
export function someExpr(e: BoundExpr, pred: (x: BoundExpr) => boolean): boolean {
  if (pred(e)) return true;
  return children(e).some((c) => someExpr(c, pred));
}

/**
 * Rewrite bottom-up: `fn` may replace a node (returning non-undefined stops descent into it);
 * otherwise children are rewritten and the node rebuilt.
 */
export function mapExpr(e: BoundExpr, fn: (x: BoundExpr) => BoundExpr | undefined): BoundExpr {
  const replaced = fn(e);
  if (replaced !== undefined) return replaced;
  const m = (x: BoundExpr): BoundExpr => mapExpr(x, fn);
  const mo = (o: BoundOrderItem): BoundOrderItem => ({ ...o, expr: m(o.expr) });
  switch (e.kind) {
    case 'literal':
    case 'column':
    case 'param':
      return e;
    case 'cast':
      return { ...e, operand: m(e.operand) };
    case 'op':
    case 'call':
    case 'grouping':
      return { ...e, args: e.args.map(m) } as BoundExpr;
    case 'array':
      return { ...e, items: e.items.map(m) };
    case 'lambda':
      return { ...e, body: m(e.body) };
    case 'agg':
      return {
        ...e,
        args: e.args.map(m),
        orderBy: e.orderBy.map(mo),
        separator: e.separator === null ? null : m(e.separator),
      };
    case 'window':
      return { ...e, args: e.args.map(m), partitionBy: e.partitionBy.map(m), orderBy: e.orderBy.map(mo) };
    case 'case':
      return {
        ...e,
        whens: e.whens.map((w) => ({ when: m(w.when), then: m(w.then) })),
        else: e.else === null ? null : m(e.else),
      };
    case 'in-list':
      return { ...e, operand: m(e.operand), list: e.list.map(m) };
    case 'subquery':
      return e.operand === null ? e : { ...e, operand: m(e.operand) };
    case 'map':
      return { ...e, entries: e.entries.map((x) => ({ key: m(x.key), value: m(x.value) })) };
    case 'subscript':
      return { ...e, operand: m(e.operand), index: m(e.index) };
  }
}

/**
 * A structural key: equal keys mean the same computation (column refs compare by id; names and
 * nullability are ignored). Subqueries are keyed by identity, so two subqueries never merge.
 */
export function exprKey(e: BoundExpr): string {
  return JSON.stringify(e, (k, v: unknown) => {
    if (typeof v === 'bigint') return `${v}n`;
    if (v instanceof Uint8Array) return Array.from(v).join(',');
    if (k === 'query') return subqueryId(v as object);
    if (k === 'name' || k === 'nullable') return undefined;
    return v;
  });
}

const subqueryIds = new WeakMap<object, number>();
let nextSubqueryId = 1;
function subqueryId(q: object): string {
  let id = subqueryIds.get(q);
  if (id === undefined) {
    id = nextSubqueryId++;
    subqueryIds.set(q, id);
  }
  return `#q${id}`;
}
