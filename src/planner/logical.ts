/**
 * The logical plan: relational operators over column ids. Expressions are bound expressions
 * whose aggregates and window calls have been replaced by references to the columns the
 * Aggregate / Window operators produce. Subqueries inside expressions stay bound queries and
 * are planned when the code generator or EXPLAIN reaches them.
 */
import type { TableDescriptor } from '../catalog/index.js';
import type { BoundExpr, BoundOrderItem, ColumnInfo } from '../analyzer/index.js';
import type { JoinType } from '../sql/ast/index.js';

export interface PlanItem {
  readonly column: ColumnInfo;
  readonly expr: BoundExpr;
}

interface Node {
  /** Output columns, in order. */
  readonly columns: readonly ColumnInfo[];
}

export interface LogicalScan extends Node {
  readonly kind: 'scan';
  readonly table: TableDescriptor;
  /** Time travel: the rows as of this datetime text (session time zone). */
  readonly before?: string;
}
export interface LogicalValues extends Node {
  readonly kind: 'values';
  readonly rows: readonly (readonly BoundExpr[])[];
}
export interface LogicalOneRow extends Node {
  readonly kind: 'one-row';
}
export interface LogicalTableFunction extends Node {
  readonly kind: 'table-function';
  readonly name: 'unnest' | 'generate_series';
  readonly args: readonly BoundExpr[];
}
export interface LogicalCteRef extends Node {
  readonly kind: 'cte-ref';
  readonly cteId: number;
}
export interface LogicalJoin extends Node {
  readonly kind: 'join';
  readonly joinType: JoinType;
  readonly left: LogicalPlan;
  readonly right: LogicalPlan;
  readonly condition: BoundExpr | null;
}
export interface LogicalFilter extends Node {
  readonly kind: 'filter';
  readonly input: LogicalPlan;
  readonly predicate: BoundExpr;
}
export interface LogicalAggregate extends Node {
  readonly kind: 'aggregate';
  readonly input: LogicalPlan;
  readonly keys: readonly PlanItem[];
  /** Aggregate calls (`agg` nodes) and GROUPING() calls, over the input's columns. */
  readonly aggregates: readonly PlanItem[];
  /** GROUPING SETS as key indexes; null for a plain GROUP BY. */
  readonly groupingSets: readonly (readonly number[])[] | null;
}
export interface LogicalWindow extends Node {
  readonly kind: 'window';
  readonly input: LogicalPlan;
  /** `window` nodes over the input's columns; output = input columns + these. */
  readonly windows: readonly PlanItem[];
}
export interface LogicalProject extends Node {
  readonly kind: 'project';
  readonly input: LogicalPlan;
  readonly items: readonly PlanItem[];
}
export interface LogicalDistinct extends Node {
  readonly kind: 'distinct';
  readonly input: LogicalPlan;
}
export interface LogicalSort extends Node {
  readonly kind: 'sort';
  readonly input: LogicalPlan;
  /** Keys may reference the input's columns or (directly below a Project) the Project's input. */
  readonly keys: readonly BoundOrderItem[];
}
export interface LogicalLimit extends Node {
  readonly kind: 'limit';
  readonly input: LogicalPlan;
  readonly count: number;
  readonly offset: number;
}
export interface LogicalSetOp extends Node {
  readonly kind: 'set-op';
  readonly op: 'union' | 'intersect' | 'except';
  readonly all: boolean;
  readonly left: LogicalPlan;
  readonly right: LogicalPlan;
}
export interface LogicalWith extends Node {
  readonly kind: 'with';
  readonly ctes: readonly { readonly id: number; readonly name: string; readonly plan: LogicalPlan }[];
  readonly input: LogicalPlan;
}

export type LogicalPlan =
  | LogicalScan
  | LogicalValues
  | LogicalOneRow
  | LogicalTableFunction
  | LogicalCteRef
  | LogicalJoin
  | LogicalFilter
  | LogicalAggregate
  | LogicalWindow
  | LogicalProject
  | LogicalDistinct
  | LogicalSort
  | LogicalLimit
  | LogicalSetOp
  | LogicalWith;

export type LogicalKind = LogicalPlan['kind'];
