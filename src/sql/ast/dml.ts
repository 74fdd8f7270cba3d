/** DML nodes: INSERT, UPDATE, DELETE. */
import type { AstExpr, AstName } from './expr.js';
import type { AstProperties } from './ddl.js';
import type { AstQuery, AstRelation, AstTemporal, AstWith } from './query.js';

export interface AstInsert {
  readonly kind: 'insert';
  readonly overwrite: boolean;
  /** `INSERT INTO t`, or `INSERT INTO FILES(…)` / `BLACKHOLE()` (target kind 'function'). */
  readonly target:
    | { readonly kind: 'table'; readonly name: AstName }
    | { readonly kind: 'function'; readonly name: string; readonly properties: AstProperties };
  readonly version?: AstTemporal;
  readonly partitions?: readonly string[];
  /** `PARTITION (col = value, …)`: target partitions of an expression-partitioned table by value. */
  readonly partitionValues?: readonly { readonly column: string; readonly value: AstExpr }[];
  readonly temporaryPartitions?: boolean;
  readonly label?: string;
  readonly columns?: readonly string[];
  /** `INSERT INTO t BY NAME SELECT …`: source columns match target columns by name. */
  readonly byName?: boolean;
  readonly properties: AstProperties;
  /** `VALUES …` arrives as a query whose body kind is 'values'. */
  readonly source: AstQuery;
}

export interface AstAssignment {
  readonly column: string;
  readonly value: AstExpr;
}

export interface AstUpdate {
  readonly kind: 'update';
  readonly with?: AstWith;
  readonly table: AstName;
  readonly alias?: string;
  readonly assignments: readonly AstAssignment[];
  readonly from: readonly AstRelation[];
  readonly where?: AstExpr;
}

export interface AstDelete {
  readonly kind: 'delete';
  readonly with?: AstWith;
  readonly table: AstName;
  readonly alias?: string;
  readonly partitions?: readonly string[];
  readonly using: readonly AstRelation[];
  readonly where?: AstExpr;
}
