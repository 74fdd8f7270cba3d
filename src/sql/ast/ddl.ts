/** DDL nodes: databases, tables (StarRocks clauses), views, ALTER TABLE actions. */
import type { SourcePos } from '../../errors/index.js';
import type { SqlType } from '../../types/index.js';
import type { AstExpr, AstLiteral, AstName } from './expr.js';
import type { AstOrderItem, AstQuery } from './query.js';

/** `PROPERTIES ("k" = "v", …)`, in written order; keys as written. */
export type AstProperties = readonly { readonly key: string; readonly value: string }[];

export type KeysType = 'duplicate' | 'aggregate' | 'unique' | 'primary';

export type AggregateType =
  | 'sum'
  | 'max'
  | 'min'
  | 'replace'
  | 'replace_if_not_null'
  | 'hll_union'
  | 'bitmap_union'
  | 'percentile_union';

export type AstColumnDefault =
  | { readonly kind: 'value'; readonly value: AstExpr }
  | { readonly kind: 'current-timestamp' }
  | { readonly kind: 'null' };

export interface AstColumnDef {
  readonly name: string;
  readonly type: SqlType;
  /** Aggregate function of a value column in an AGGREGATE KEY table. */
  readonly aggType?: AggregateType;
  /** true: NULL written; false: NOT NULL written; null: not written (model decides). */
  readonly nullable: boolean | null;
  readonly default?: AstColumnDefault;
  readonly autoIncrement: boolean;
  /** Generated column: `col type AS expr`. */
  readonly generated?: AstExpr;
  readonly comment?: string;
  readonly pos?: SourcePos;
  /** `KEY` written after the type (ALTER TABLE ADD COLUMN … KEY). */
  readonly key?: true;
  /** Start of the definition's last token (StarRocks' "to line …, column …" in errors). */
  readonly endPos?: SourcePos;
}

export interface AstIndexDef {
  readonly name: string;
  readonly columns: readonly string[];
  /** `USING BITMAP` / `USING GIN` / `USING NGRAMBF` … */
  readonly using?: string;
  readonly comment?: string;
  readonly properties: AstProperties;
}

/** One partition bound value: a literal or MAXVALUE. */
export type AstPartitionValue = AstLiteral | { readonly kind: 'maxvalue' };

export type AstPartitionDef =
  /** `PARTITION p VALUES LESS THAN ("2024-01-01")` / `LESS THAN MAXVALUE`. */
  | {
      readonly kind: 'less-than';
      readonly name: string;
      readonly ifNotExists: boolean;
      readonly values: readonly AstPartitionValue[];
      readonly properties: AstProperties;
    }
  /** `PARTITION p VALUES [("a"), ("b"))`. */
  | {
      readonly kind: 'fixed-range';
      readonly name: string;
      readonly ifNotExists: boolean;
      readonly lower: readonly AstPartitionValue[];
      readonly upper: readonly AstPartitionValue[];
      readonly properties: AstProperties;
    }
  /** `START ("…") END ("…") EVERY (INTERVAL 1 DAY | n)`. */
  | { readonly kind: 'batch'; readonly start: AstLiteral; readonly end: AstLiteral; readonly every: AstExpr }
  /** `PARTITION p VALUES IN ("a", "b")` or multi-column `IN (("a", 1), ("b", 2))`. */
  | {
      readonly kind: 'list';
      readonly name: string;
      readonly ifNotExists: boolean;
      readonly values: readonly (readonly AstLiteral[])[];
      readonly properties: AstProperties;
    };

export type AstPartitionDesc =
  /** `PARTITION BY RANGE (cols | expr) (defs…)`; defs may be empty as in the seeds. */
  | {
      readonly kind: 'range';
      readonly exprs: readonly AstExpr[];
      readonly partitions: readonly AstPartitionDef[];
    }
  /** `PARTITION BY LIST (cols) (defs…)`. */
  | {
      readonly kind: 'list';
      readonly exprs: readonly AstExpr[];
      readonly partitions: readonly AstPartitionDef[];
    }
  /** Expression partitioning: `PARTITION BY date_trunc('day', dt)`, `PARTITION BY (c1, c2)`, `PARTITION BY c1, c2`. */
  | { readonly kind: 'expr'; readonly exprs: readonly AstExpr[] };

export type AstDistribution =
  | { readonly kind: 'hash'; readonly columns: readonly string[]; readonly buckets: number | null }
  | { readonly kind: 'random'; readonly buckets: number | null };

export interface AstCreateTable {
  readonly kind: 'create-table';
  readonly temporary: boolean;
  readonly external: boolean;
  readonly ifNotExists: boolean;
  readonly name: AstName;
  readonly columns: readonly AstColumnDef[];
  readonly indexes: readonly AstIndexDef[];
  readonly engine?: string;
  readonly keys?: { readonly type: KeysType; readonly columns: readonly string[] };
  readonly comment?: string;
  readonly partition?: AstPartitionDesc;
  readonly distribution?: AstDistribution;
  readonly orderBy?: readonly string[];
  readonly rollups: readonly { readonly name: string; readonly columns: readonly string[] }[];
  readonly properties: AstProperties;
  /** CTAS: `CREATE TABLE t [...] AS SELECT …`. */
  readonly asQuery?: AstQuery;
  /** CTAS column names written without types: `CREATE TABLE t (a, b) AS SELECT …`. */
  readonly columnNames?: readonly string[];
  /** `CREATE TABLE t LIKE src`. */
  readonly like?: AstName;
}

export interface AstCreateDatabase {
  readonly kind: 'create-database';
  readonly ifNotExists: boolean;
  readonly name: AstName;
  readonly properties: AstProperties;
}
export interface AstDropDatabase {
  readonly kind: 'drop-database';
  readonly ifExists: boolean;
  readonly name: AstName;
  readonly force: boolean;
}
export interface AstDropTable {
  readonly kind: 'drop-table';
  readonly ifExists: boolean;
  readonly name: AstName;
  readonly force: boolean;
  /** `DROP TEMPORARY TABLE`. */
  readonly temporary?: true;
}
export interface AstTruncateTable {
  readonly kind: 'truncate-table';
  readonly name: AstName;
  readonly partitions?: readonly string[];
}

export interface AstViewColumn {
  readonly name: string;
  readonly comment?: string;
}
export interface AstCreateView {
  readonly kind: 'create-view';
  readonly orReplace: boolean;
  readonly ifNotExists: boolean;
  readonly name: AstName;
  readonly columns?: readonly AstViewColumn[];
  readonly comment?: string;
  readonly security?: 'none' | 'invoker';
  readonly query: AstQuery;
  /** The query's original text, as SHOW CREATE VIEW and information_schema.views show it. */
  readonly queryText: string;
}
export interface AstAlterView {
  readonly kind: 'alter-view';
  readonly name: AstName;
  readonly columns?: readonly AstViewColumn[];
  readonly query: AstQuery;
  readonly queryText: string;
}
export interface AstDropView {
  readonly kind: 'drop-view';
  readonly ifExists: boolean;
  readonly name: AstName;
}

/** Position of a column in ADD/MODIFY COLUMN. */
export type AstColumnPosition =
  { readonly kind: 'first' } | { readonly kind: 'after'; readonly column: string };

export type AstAlterAction =
  | { readonly kind: 'add-column'; readonly column: AstColumnDef; readonly position?: AstColumnPosition }
  | { readonly kind: 'add-columns'; readonly columns: readonly AstColumnDef[] }
  | { readonly kind: 'drop-column'; readonly column: string }
  | { readonly kind: 'modify-column'; readonly column: AstColumnDef; readonly position?: AstColumnPosition }
  | { readonly kind: 'rename-column'; readonly from: string; readonly to: string }
  | { readonly kind: 'reorder-columns'; readonly columns: readonly string[] }
  | { readonly kind: 'rename-table'; readonly to: string }
  | { readonly kind: 'swap-with'; readonly other: string }
  | { readonly kind: 'comment'; readonly comment: string }
  | { readonly kind: 'set-properties'; readonly properties: AstProperties }
  | { readonly kind: 'order-by'; readonly columns: readonly string[] }
  | {
      readonly kind: 'distribution';
      readonly distribution: AstDistribution;
      /** `PARTITIONS (p1, …) DISTRIBUTED BY …`: only these partitions change their buckets. */
      readonly partitions?: readonly string[];
    }
  | {
      readonly kind: 'add-partition';
      readonly temporary: boolean;
      readonly partition: AstPartitionDef;
      readonly distribution?: AstDistribution;
    }
  | {
      readonly kind: 'drop-partition';
      readonly temporary: boolean;
      readonly ifExists: boolean;
      readonly names: readonly string[];
      readonly force: boolean;
      /** `DROP PARTITIONS WHERE cond`: the partitions whose key values satisfy cond. */
      readonly where?: AstExpr;
      /** `DROP ALL TEMPORARY PARTITIONS`. */
      readonly all?: true;
    }
  | { readonly kind: 'truncate-partition'; readonly names: readonly string[] }
  | {
      readonly kind: 'replace-partition';
      readonly partitions: readonly string[];
      readonly temporaryPartitions: readonly string[];
      readonly properties: AstProperties;
    }
  | { readonly kind: 'rename-partition'; readonly from: string; readonly to: string }
  | {
      readonly kind: 'modify-partition';
      readonly names: readonly string[] | '*';
      readonly properties: AstProperties;
    }
  | { readonly kind: 'add-index'; readonly index: AstIndexDef }
  | { readonly kind: 'drop-index'; readonly name: string }
  | { readonly kind: 'add-rollup'; readonly name: string; readonly columns: readonly string[] }
  | { readonly kind: 'drop-rollup'; readonly name: string }
  | { readonly kind: 'compact'; readonly partitions?: readonly string[] };

export interface AstAlterTable {
  readonly kind: 'alter-table';
  readonly name: AstName;
  readonly actions: readonly AstAlterAction[];
}

export type AstMvRefresh = {
  /** `REFRESH ASYNC [START (…)] EVERY (INTERVAL n unit)`, `REFRESH MANUAL`, `REFRESH DEFERRED …`, `REFRESH IMMEDIATE …`, `REFRESH INCREMENTAL`. */
  readonly mode: 'async' | 'manual' | 'incremental' | 'sync';
  readonly deferred: boolean;
  readonly start?: AstExpr;
  readonly every?: AstExpr;
};

export interface AstCreateMaterializedView {
  readonly kind: 'create-materialized-view';
  readonly ifNotExists: boolean;
  readonly name: AstName;
  readonly columns?: readonly AstViewColumn[];
  readonly comment?: string;
  readonly partition?: AstPartitionDesc;
  readonly distribution?: AstDistribution;
  readonly orderBy?: readonly string[];
  readonly refresh?: AstMvRefresh;
  readonly properties: AstProperties;
  readonly query: AstQuery;
  readonly queryText: string;
}

export interface AstOrderByColumns {
  readonly items: readonly AstOrderItem[];
}
