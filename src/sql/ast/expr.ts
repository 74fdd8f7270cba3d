/**
 * Expression nodes of the StarRocks AST. Readonly plain data with a `kind` tag; the parser builds
 * them, the printer prints them back, the analyzer binds them. No node holds a function or class.
 */
import type { SourcePos } from '../../errors/index.js';
import type { SqlType } from '../../types/index.js';
import type { AstOrderItem, AstQuery } from './query.js';

/** Every node may carry the position of its first token (for error messages). */
interface Positioned {
  readonly pos?: SourcePos;
}

/** A possibly qualified name: `t`, `db.t`, `catalog.db.t`, `t.col`. Case as written. */
export interface AstName {
  readonly parts: readonly string[];
}

export type AstLiteral =
  | { readonly kind: 'null'; readonly pos?: SourcePos }
  | { readonly kind: 'bool'; readonly value: boolean; readonly pos?: SourcePos }
  /** Numeric literal as written: `12`, `-` is a unary op; `1.50`, `1e3`, `0x1F` kept as text. */
  | { readonly kind: 'number'; readonly text: string; readonly pos?: SourcePos }
  | { readonly kind: 'string'; readonly value: string; readonly pos?: SourcePos }
  /** `X'4142'` (VARBINARY literal): the hex digits as written. */
  | { readonly kind: 'binary-literal'; readonly hex: string; readonly pos?: SourcePos }
  /** `DATE '2024-01-01'`, `DATETIME '…'`, `TIMESTAMP '…'`. */
  | {
      readonly kind: 'typed-string';
      readonly type: 'date' | 'datetime' | 'timestamp';
      readonly value: string;
      readonly pos?: SourcePos;
    };

export type IntervalUnit =
  | 'microsecond'
  | 'millisecond'
  | 'second'
  | 'minute'
  | 'hour'
  | 'day'
  | 'week'
  | 'month'
  | 'quarter'
  | 'year';

export type BinaryOp =
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | 'div'
  | '='
  | '<=>'
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'and'
  | 'or'
  | 'xor'
  | '&'
  | '|'
  | '^'
  | '<<'
  | '>>'
  | '||';

export type UnaryOp = '-' | '+' | 'not' | '~';

export interface AstColumnRef extends Positioned {
  readonly kind: 'column';
  /** `col`, `t.col`, `db.t.col` (also struct field paths, resolved by the binder). */
  readonly parts: readonly string[];
}
export interface AstStar extends Positioned {
  readonly kind: 'star';
  /** `*` (empty) or `t.*` / `db.t.*`. */
  readonly qualifier: readonly string[];
}
export interface AstParam extends Positioned {
  readonly kind: 'param';
  /** 0-based index of the `?` in statement text order. */
  readonly index: number;
}
export interface AstUserVar extends Positioned {
  readonly kind: 'user-var';
  readonly name: string;
}
export interface AstSystemVar extends Positioned {
  readonly kind: 'system-var';
  readonly name: string;
  /** `@@global.x` → global, `@@session.x` / `@@local.x` → session, `@@x` → null. */
  readonly scope: 'global' | 'session' | null;
}
export interface AstUnary extends Positioned {
  readonly kind: 'unary';
  readonly op: UnaryOp;
  readonly operand: AstExpr;
}
export interface AstBinary extends Positioned {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly left: AstExpr;
  readonly right: AstExpr;
}
export interface AstLike extends Positioned {
  readonly kind: 'like';
  readonly op: 'like' | 'regexp';
  readonly not: boolean;
  readonly operand: AstExpr;
  readonly pattern: AstExpr;
  readonly escape?: AstExpr;
}
export interface AstIs extends Positioned {
  readonly kind: 'is';
  readonly not: boolean;
  readonly operand: AstExpr;
  readonly test: 'null' | 'true' | 'false' | 'unknown';
}
export interface AstBetween extends Positioned {
  readonly kind: 'between';
  readonly not: boolean;
  readonly operand: AstExpr;
  readonly low: AstExpr;
  readonly high: AstExpr;
}
export interface AstInList extends Positioned {
  readonly kind: 'in-list';
  readonly not: boolean;
  readonly operand: AstExpr;
  readonly list: readonly AstExpr[];
}
export interface AstInSubquery extends Positioned {
  readonly kind: 'in-subquery';
  readonly not: boolean;
  readonly operand: AstExpr;
  readonly query: AstQuery;
}
export interface AstExists extends Positioned {
  readonly kind: 'exists';
  readonly not: boolean;
  readonly query: AstQuery;
}
export interface AstScalarSubquery extends Positioned {
  readonly kind: 'subquery';
  readonly query: AstQuery;
}

/** Window specification of `f(...) OVER (...)` or a named window. */
export interface AstWindowSpec {
  /** `OVER w` or `OVER (w ORDER BY …)` refers to a named window from the WINDOW clause. */
  readonly baseName?: string;
  readonly partitionBy: readonly AstExpr[];
  readonly orderBy: readonly AstOrderItem[];
  readonly frame?: AstWindowFrame;
}
export interface AstWindowFrame {
  readonly unit: 'rows' | 'range';
  readonly start: AstFrameBound;
  /** Absent for the short form `ROWS UNBOUNDED PRECEDING` (end = CURRENT ROW). */
  readonly end?: AstFrameBound;
}
export type AstFrameBound =
  | { readonly kind: 'unbounded-preceding' }
  | { readonly kind: 'preceding'; readonly offset: AstExpr }
  | { readonly kind: 'current-row' }
  | { readonly kind: 'following'; readonly offset: AstExpr }
  | { readonly kind: 'unbounded-following' };

/**
 * A function call, aggregate or window function. `name` keeps qualification (`db.fn`) and the
 * case as written. Syntax-special forms are normalised by the parser to plain calls where
 * StarRocks treats them so (`POSITION(a IN b)` → `position(a, b)`, `TRIM(LEADING x FROM y)` →
 * `ltrim(y, x)`, `SUBSTRING(x FROM a FOR b)` → `substring(x, a, b)`, `CHAR(…)`, `CURRENT_DATE`
 * without parentheses → `current_date()`).
 */
export interface AstCall extends Positioned {
  readonly kind: 'call';
  readonly name: readonly string[];
  readonly args: readonly AstExpr[];
  readonly distinct: boolean;
  /** `count(*)`. */
  readonly star: boolean;
  /** `group_concat(x ORDER BY y SEPARATOR ',')`, `array_agg(x ORDER BY y)`. */
  readonly orderBy?: readonly AstOrderItem[];
  readonly separator?: AstExpr;
  readonly over?: AstWindowSpec;
  /** `IGNORE NULLS` for lead/lag/first_value/last_value. */
  readonly ignoreNulls?: boolean;
  /** Aggregate `FILTER (WHERE cond)`. */
  readonly filter?: AstExpr;
}
export interface AstCast extends Positioned {
  readonly kind: 'cast';
  readonly operand: AstExpr;
  readonly type: SqlType;
  /** `CONVERT(x, SIGNED)` / `CAST(x AS UNSIGNED)` kept for printing; semantics follow `type`. */
  readonly spelling?: 'signed' | 'unsigned';
}
export interface AstCase extends Positioned {
  readonly kind: 'case';
  readonly operand?: AstExpr;
  readonly whens: readonly { readonly when: AstExpr; readonly then: AstExpr }[];
  readonly else?: AstExpr;
}
export interface AstInterval extends Positioned {
  readonly kind: 'interval';
  readonly value: AstExpr;
  readonly unit: IntervalUnit;
}
/** `EXTRACT(YEAR FROM x)`. */
export interface AstExtract extends Positioned {
  readonly kind: 'extract';
  readonly unit: IntervalUnit;
  readonly operand: AstExpr;
}
/** `(x, y) -> x + y` for array functions. */
export interface AstLambda extends Positioned {
  readonly kind: 'lambda';
  readonly params: readonly string[];
  readonly body: AstExpr;
}
/** `[1, 2, 3]` / `ARRAY<INT>[…]`. */
export interface AstArray extends Positioned {
  readonly kind: 'array';
  readonly elementType?: SqlType;
  readonly items: readonly AstExpr[];
}
/** `map{k: v, …}` / `MAP<…>{…}`. */
export interface AstMap extends Positioned {
  readonly kind: 'map';
  readonly entries: readonly { readonly key: AstExpr; readonly value: AstExpr }[];
  /** The written `MAP<K, V>` type of `MAP<K, V>{…}` (a map type), when given. */
  readonly type?: SqlType;
}
/** `a[i]` (array element, 1-based; map lookup). */
export interface AstSubscript extends Positioned {
  readonly kind: 'subscript';
  readonly operand: AstExpr;
  readonly index: AstExpr;
}
/** `expr.field` on a non-column expression: `row(a).col1`, `arr[1].name` (struct field access). */
export interface AstDereference extends Positioned {
  readonly kind: 'dereference';
  readonly operand: AstExpr;
  readonly field: string;
}
/** `json_col -> '$.path'`. */
export interface AstArrow extends Positioned {
  readonly kind: 'arrow';
  readonly operand: AstExpr;
  readonly path: AstExpr;
}
/** `(a, b)` row constructor, used by `(a, b) IN (…)` and multi-column partitions. */
export interface AstRow extends Positioned {
  readonly kind: 'row';
  readonly items: readonly AstExpr[];
}
/** `x COLLATE name` — StarRocks ignores collations; kept for printing. */
export interface AstCollate extends Positioned {
  readonly kind: 'collate';
  readonly operand: AstExpr;
  readonly collation: string;
}
/** `DEFAULT` in INSERT VALUES or SET. */
export interface AstDefault extends Positioned {
  readonly kind: 'default';
}

export type AstExpr =
  | AstLiteral
  | AstColumnRef
  | AstStar
  | AstParam
  | AstUserVar
  | AstSystemVar
  | AstUnary
  | AstBinary
  | AstLike
  | AstIs
  | AstBetween
  | AstInList
  | AstInSubquery
  | AstExists
  | AstScalarSubquery
  | AstCall
  | AstCast
  | AstCase
  | AstInterval
  | AstExtract
  | AstLambda
  | AstArray
  | AstMap
  | AstSubscript
  | AstDereference
  | AstArrow
  | AstRow
  | AstCollate
  | AstDefault;

export type AstExprKind = AstExpr['kind'];
