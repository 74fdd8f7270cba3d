/**
 * The bound tree: the AST with every name resolved to a column id or catalog object, every
 * expression typed with StarRocks' rules and every implicit cast made explicit. Plain data.
 *
 * Column ids are unique within one compilation; a column reference is `{ kind: 'column', id }`,
 * so the planner and code generator never look at user-written names again.
 */
import type { TableDescriptor } from '../catalog/index.js';
import type { JoinType } from '../sql/ast/index.js';
import type { SqlType } from '../types/index.js';
import type { FunctionResolution } from './functions/types.js';

/** A column produced by a relation or an operator. */
export interface ColumnInfo {
  readonly id: number;
  /** Output name (as StarRocks labels the column). */
  readonly name: string;
  readonly type: SqlType;
  readonly nullable: boolean;
  /** Where the column comes from unchanged, for result metadata (orgName/table/db). */
  readonly origin?: { readonly db: string; readonly table: string; readonly column: string };
}

/** Literal values in canonical text form (numbers as exact text, temporals normalised). */
export type LiteralValue =
  | { readonly kind: 'null' }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'int'; readonly value: bigint }
  | { readonly kind: 'decimal'; readonly text: string }
  | { readonly kind: 'double'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'date'; readonly text: string }
  | { readonly kind: 'datetime'; readonly text: string }
  | { readonly kind: 'bytes'; readonly value: Uint8Array };

/** Operators the code generator has fixed templates for. */
export type OperatorName =
  | 'add'
  | 'subtract'
  | 'multiply'
  | 'divide'
  | 'mod'
  | 'int-divide'
  | 'bit-and'
  | 'bit-or'
  | 'bit-xor'
  | 'bit-not'
  | 'shift-left'
  | 'shift-right'
  | 'eq'
  | 'ne'
  | 'lt'
  | 'le'
  | 'gt'
  | 'ge'
  | 'null-safe-eq'
  | 'and'
  | 'or'
  | 'xor'
  | 'not'
  | 'is-null'
  | 'is-not-null'
  | 'is-true'
  | 'is-false'
  | 'is-not-true'
  | 'is-not-false'
  | 'like'
  | 'regexp'
  | 'concat';

export interface BoundOrderItem {
  readonly expr: BoundExpr;
  readonly descending: boolean;
  /** Always explicit: StarRocks defaults are NULLS FIRST for ASC and NULLS LAST for DESC. */
  readonly nullsFirst: boolean;
}

export interface BoundFrame {
  readonly unit: 'rows' | 'range';
  readonly start: BoundFrameBound;
  readonly end: BoundFrameBound;
}
export type BoundFrameBound =
  | { readonly kind: 'unbounded-preceding' | 'current-row' | 'unbounded-following' }
  | { readonly kind: 'preceding' | 'following'; readonly offset: BoundExpr };

export type BoundExpr =
  | { readonly kind: 'literal'; readonly value: LiteralValue; readonly type: SqlType }
  | {
      readonly kind: 'column';
      readonly id: number;
      readonly type: SqlType;
      readonly nullable: boolean;
      readonly name: string;
    }
  | { readonly kind: 'param'; readonly index: number; readonly type: SqlType }
  | { readonly kind: 'cast'; readonly operand: BoundExpr; readonly type: SqlType; readonly nullable: boolean }
  | {
      readonly kind: 'op';
      readonly op: OperatorName;
      readonly args: readonly BoundExpr[];
      readonly type: SqlType;
      readonly nullable: boolean;
      /** BIGINT +,-,* whose operands are BIGINT: wrap on overflow like StarRocks' C++ arithmetic. */
      readonly wrap?: boolean;
    }
  | {
      /** `(x, y) -> body` argument of a higher-order function; parameters are column ids. */
      readonly kind: 'lambda';
      readonly params: readonly ColumnInfo[];
      readonly body: BoundExpr;
      readonly type: SqlType;
    }
  | {
      readonly kind: 'call';
      readonly fn: FunctionResolution;
      readonly args: readonly BoundExpr[];
      readonly type: SqlType;
      readonly nullable: boolean;
    }
  | {
      readonly kind: 'agg';
      readonly fn: FunctionResolution;
      readonly args: readonly BoundExpr[];
      readonly distinct: boolean;
      readonly orderBy: readonly BoundOrderItem[];
      readonly separator: BoundExpr | null;
      readonly type: SqlType;
      readonly nullable: boolean;
    }
  | {
      readonly kind: 'window';
      readonly fn: FunctionResolution;
      readonly args: readonly BoundExpr[];
      readonly distinct: boolean;
      readonly partitionBy: readonly BoundExpr[];
      readonly orderBy: readonly BoundOrderItem[];
      readonly frame: BoundFrame | null;
      readonly ignoreNulls: boolean;
      readonly type: SqlType;
      readonly nullable: boolean;
    }
  | { readonly kind: 'grouping'; readonly args: readonly BoundExpr[]; readonly type: SqlType }
  | {
      readonly kind: 'case';
      readonly whens: readonly { readonly when: BoundExpr; readonly then: BoundExpr }[];
      readonly else: BoundExpr | null;
      readonly type: SqlType;
      readonly nullable: boolean;
    }
  | {
      readonly kind: 'in-list';
      readonly operand: BoundExpr;
      readonly list: readonly BoundExpr[];
      readonly not: boolean;
      readonly type: SqlType;
      readonly nullable: boolean;
    }
  | {
      readonly kind: 'subquery';
      readonly mode: 'scalar' | 'exists' | 'in';
      readonly query: BoundQuery;
      /** IN: the left operand, already cast to `compareType`. */
      readonly operand: BoundExpr | null;
      readonly compareType: SqlType | null;
      readonly not: boolean;
      readonly type: SqlType;
      readonly nullable: boolean;
    }
  | { readonly kind: 'array'; readonly items: readonly BoundExpr[]; readonly type: SqlType }
  | {
      readonly kind: 'map';
      readonly entries: readonly { readonly key: BoundExpr; readonly value: BoundExpr }[];
      readonly type: SqlType;
    }
  | {
      readonly kind: 'subscript';
      readonly operand: BoundExpr;
      readonly index: BoundExpr;
      readonly type: SqlType;
      readonly nullable: boolean;
    };

export type BoundExprKind = BoundExpr['kind'];

/** FROM-clause relations. Every relation lists the columns it makes visible. */
export type BoundRelation =
  | {
      readonly kind: 'table';
      readonly table: TableDescriptor;
      /** Column ids in table order, for every column of the table. */
      readonly columns: readonly ColumnInfo[];
      /** `FROM t BEFORE 'datetime'`: the rows as of that moment (session time zone). */
      readonly before?: string;
    }
  | { readonly kind: 'subquery'; readonly query: BoundQuery; readonly columns: readonly ColumnInfo[] }
  | { readonly kind: 'cte-ref'; readonly cteId: number; readonly columns: readonly ColumnInfo[] }
  | {
      readonly kind: 'values';
      readonly rows: readonly (readonly BoundExpr[])[];
      readonly columns: readonly ColumnInfo[];
    }
  | {
      readonly kind: 'table-function';
      readonly name: 'unnest' | 'generate_series';
      readonly args: readonly BoundExpr[];
      readonly columns: readonly ColumnInfo[];
    }
  | {
      readonly kind: 'join';
      readonly joinType: JoinType;
      readonly left: BoundRelation;
      readonly right: BoundRelation;
      readonly condition: BoundExpr | null;
      readonly columns: readonly ColumnInfo[];
    }
  | { readonly kind: 'one-row'; readonly columns: readonly ColumnInfo[] };

export interface BoundGroupBy {
  /** Distinct grouping expressions. */
  readonly keys: readonly BoundExpr[];
  /** GROUPING SETS as lists of key indexes; null for a plain GROUP BY. */
  readonly sets: readonly (readonly number[])[] | null;
}

export interface BoundSelectItem {
  readonly expr: BoundExpr;
  readonly column: ColumnInfo;
}

/** One SELECT block with everything that binds in its scope (ORDER BY and LIMIT included). */
export interface BoundSelect {
  readonly kind: 'select';
  readonly from: BoundRelation;
  readonly where: BoundExpr | null;
  readonly groupBy: BoundGroupBy | null;
  /** True when the block aggregates (GROUP BY, aggregate functions or HAVING with aggregates). */
  readonly aggregated: boolean;
  readonly having: BoundExpr | null;
  readonly qualify: BoundExpr | null;
  readonly items: readonly BoundSelectItem[];
  readonly distinct: boolean;
  readonly orderBy: readonly BoundOrderItem[];
  readonly limit: BoundLimit | null;
  readonly columns: readonly ColumnInfo[];
}

export interface BoundLimit {
  readonly count: number;
  readonly offset: number;
}

export interface BoundSetOp {
  readonly kind: 'set-op';
  readonly op: 'union' | 'intersect' | 'except';
  readonly all: boolean;
  readonly left: BoundQuery;
  readonly right: BoundQuery;
  readonly orderBy: readonly BoundOrderItem[];
  readonly limit: BoundLimit | null;
  readonly columns: readonly ColumnInfo[];
}

export interface BoundCte {
  readonly id: number;
  readonly name: string;
  readonly query: BoundQuery;
}

/** A query: CTE definitions it introduces plus its body. */
export type BoundQuery = BoundSelect | BoundSetOp | BoundWith;

export interface BoundWith {
  readonly kind: 'with';
  readonly ctes: readonly BoundCte[];
  readonly body: BoundQuery;
  readonly columns: readonly ColumnInfo[];
}
