/** Query nodes: WITH, SELECT, set operations, relations, ORDER BY, LIMIT. */
import type { SourcePos } from '../../errors/index.js';
import type { AstCall, AstExpr, AstName, AstWindowSpec } from './expr.js';

export interface AstOrderItem {
  readonly expr: AstExpr;
  /** null when not written (ASC is the default). */
  readonly direction: 'asc' | 'desc' | null;
  /** null when not written (StarRocks: NULLS FIRST for ASC, NULLS LAST for DESC). */
  readonly nulls: 'first' | 'last' | null;
}

export interface AstLimit {
  readonly count: AstExpr;
  readonly offset?: AstExpr;
}

export interface AstCte {
  readonly name: string;
  readonly columns?: readonly string[];
  readonly query: AstQuery;
}

export interface AstWith {
  readonly recursive: boolean;
  readonly ctes: readonly AstCte[];
}

/** A complete query: `[WITH …] body [ORDER BY …] [LIMIT …]`. */
export interface AstQuery {
  readonly kind: 'query';
  readonly with?: AstWith;
  readonly body: AstQueryBody;
  readonly orderBy: readonly AstOrderItem[];
  readonly limit?: AstLimit;
  readonly pos?: SourcePos;
}

export type AstQueryBody = AstSelect | AstSetOp | AstValues | AstQuery;

export interface AstSelectItem {
  readonly expr: AstExpr;
  readonly alias?: string;
}

export type AstGroupingElement =
  | { readonly kind: 'expr'; readonly expr: AstExpr }
  | { readonly kind: 'rollup'; readonly exprs: readonly AstExpr[] }
  | { readonly kind: 'cube'; readonly exprs: readonly AstExpr[] }
  | { readonly kind: 'grouping-sets'; readonly sets: readonly (readonly AstExpr[])[] };

export interface AstNamedWindow {
  readonly name: string;
  readonly spec: AstWindowSpec;
}

export interface AstSelect {
  readonly kind: 'select';
  readonly distinct: boolean;
  readonly items: readonly AstSelectItem[];
  /** Comma-separated FROM items (each may be a join tree); empty for SELECT without FROM. */
  readonly from: readonly AstRelation[];
  readonly where?: AstExpr;
  readonly groupBy: readonly AstGroupingElement[];
  readonly having?: AstExpr;
  readonly windows: readonly AstNamedWindow[];
  readonly qualify?: AstExpr;
  readonly pos?: SourcePos;
}

export interface AstSetOp {
  readonly kind: 'set-op';
  /** MINUS is parsed as EXCEPT. */
  readonly op: 'union' | 'intersect' | 'except';
  /** UNION ALL → true; UNION / UNION DISTINCT → false. */
  readonly all: boolean;
  readonly left: AstQueryBody;
  readonly right: AstQueryBody;
}

/** `VALUES (…), (…)` as a query body (INSERT … VALUES and `(VALUES …) t(a, b)`). */
export interface AstValues {
  readonly kind: 'values';
  readonly rows: readonly (readonly AstExpr[])[];
}

export type JoinType =
  'inner' | 'left' | 'right' | 'full' | 'cross' | 'left-semi' | 'right-semi' | 'left-anti' | 'right-anti';

/** Time travel: `FOR SYSTEM_TIME AS OF …`, `FOR VERSION AS OF …` (SYSTEM_VERSION accepted). */
export interface AstTemporal {
  readonly kind: 'timestamp' | 'version';
  readonly expr: AstExpr;
}

export interface AstTableRef {
  readonly kind: 'table';
  readonly name: AstName;
  readonly alias?: string;
  readonly partitions?: readonly string[];
  readonly temporalPartitions?: boolean;
  readonly temporal?: AstTemporal;
  /** Bracket hint after the alias: `t [_META_]` (meta scan), `mv [_SYNC_MV_]` (read a sync MV). */
  readonly hint?: string;
  /** `BEFORE 'datetime'`: GTID-based read of a native table as of a time. */
  readonly before?: string;
  readonly pos?: SourcePos;
}
export interface AstDerivedTable {
  readonly kind: 'derived';
  readonly query: AstQuery;
  readonly alias?: string;
  readonly columnAliases?: readonly string[];
  readonly lateral: boolean;
}
export interface AstJoin {
  readonly kind: 'join';
  readonly joinType: JoinType;
  readonly left: AstRelation;
  readonly right: AstRelation;
  readonly on?: AstExpr;
  readonly using?: readonly string[];
  readonly natural: boolean;
  /** `[broadcast]` / `[shuffle]` join hints are ignored but kept for printing. */
  readonly hint?: string;
}
/** `unnest(arr) AS t(x)`, `generate_series(…)`, `TABLE(fn(…))`, `FILES(…)`. */
export interface AstTableFunction {
  readonly kind: 'table-function';
  readonly call: AstCall;
  readonly alias?: string;
  readonly columnAliases?: readonly string[];
}
export interface AstValuesRelation {
  readonly kind: 'values-relation';
  readonly values: AstValues;
  readonly alias?: string;
  readonly columnAliases?: readonly string[];
}

export type AstRelation = AstTableRef | AstDerivedTable | AstJoin | AstTableFunction | AstValuesRelation;
