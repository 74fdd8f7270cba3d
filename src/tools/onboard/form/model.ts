/**
 * The application form after checking and unit normalisation: every size in bytes, every
 * duration in seconds, every count a number. The design rules read only this shape.
 */

export const SCENARIOS = ['bi', 'adhoc', 'profile', 'dashboard', 'cdc', 'logs'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export const SOURCE_KINDS = ['kafka', 'hive', 'mysql', 'postgresql', 'oracle', 's3', 'hdfs', 'http'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const UPDATE_MODES = ['none', 'upsert', 'partial', 'cdc'] as const;
export type UpdateMode = (typeof UPDATE_MODES)[number];

export const FILE_FORMATS = ['parquet', 'orc', 'csv', 'json'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

export interface Owner {
  readonly name: string;
  readonly contact: string;
}

export interface Source {
  readonly name: string;
  readonly kind: SourceKind;
  /** Kafka topic. */
  readonly topic?: string;
  readonly brokers?: string;
  /** Kafka partition count, when known (bounds Routine Load concurrency, R-L4). */
  readonly partitions?: number;
  readonly format?: FileFormat;
  /** Upstream table (`ods.user_profile` for Hive, `shop.orders` for MySQL CDC). */
  readonly table?: string;
  /** Hive metastore URI. */
  readonly metastore?: string;
  /** s3:// or hdfs:// location of files, or a mysql:// URL for MySQL sources. */
  readonly location?: string;
}

export interface Column {
  readonly name: string;
  /** StarRocks type text, upper case: `BIGINT`, `VARCHAR(64)`, `DECIMAL(18,2)`. */
  readonly type: string;
  /** Distinct values, when the business knows them (bucket-key rule R-B4). */
  readonly ndv?: number;
  readonly nullable: boolean;
  readonly comment?: string;
}

/** Volume figures, single replica, as the business reports them. */
export interface Volume {
  readonly stockBytes: number;
  readonly stockFormat: FileFormat;
  readonly stockRows?: number;
  readonly dailyRows: number;
  readonly dailyBytes: number;
}

export interface TableSpec {
  readonly name: string;
  /** Source names that feed the table. */
  readonly from: readonly string[];
  readonly updates: UpdateMode;
  /** False only when the business never needs raw rows (allows an Aggregate table, R-T2). */
  readonly keepDetail: boolean;
  readonly columns: readonly Column[];
  /** Declared unique key (required for upsert/partial/cdc). */
  readonly key?: readonly string[];
  readonly timeColumn?: string;
  readonly volume: Volume;
  /** Where the volume came from: the table's own lines, or a share of the business totals. */
  readonly volumeOrigin: 'table' | 'business';
  /** Current row count (dimension tables); defaults to stock rows. */
  readonly rows?: number;
  readonly retentionDays: number | null;
  readonly freshnessS: number;
  /** Where the columns came from. */
  readonly columnsOrigin: 'form' | 'sample';
}

export type SlaClass = 'point' | 'complex';

export interface QuerySpec {
  readonly name: string;
  readonly sql: string;
  /** Which P99 of the form applies; derived from the SQL when not given. */
  readonly sla?: SlaClass;
  /** Share of the business' QPS, when given. */
  readonly qps?: number;
  /** Rows scanned per execution, when known (CPU sizing R-S4). */
  readonly scanRows?: number;
}

export type ClusterMode = 'auto' | 'shared' | 'dedicated';

export interface ClusterFacts {
  readonly mode: ClusterMode;
  readonly diskPerBe: number;
  readonly coresPerBe: number;
  readonly ramPerBe: number;
  readonly replication: number;
  /** `major.minor` of the target StarRocks; picks TTL syntax and resource-group properties. */
  readonly version: string;
  /** BE count of the shared cluster the business would join, when known. */
  readonly sharedBeCount?: number;
  /** Stated by the platform team; true when assumed defaults were used. */
  readonly assumed: readonly string[];
}

export interface Form {
  readonly business: string;
  readonly title: string;
  readonly database: string;
  readonly owner: Owner;
  readonly scenarios: readonly Scenario[];
  readonly description: string;
  readonly core: boolean;
  readonly sources: readonly Source[];
  readonly volume: Volume;
  /** null = kept forever. */
  readonly retentionDays: number | null;
  readonly freshnessS: number;
  readonly qpsPeak: number;
  readonly qpsDaily: number;
  readonly pointP99Ms?: number;
  readonly complexP99Ms?: number;
  readonly tables: readonly TableSpec[];
  readonly queries: readonly QuerySpec[];
  readonly cluster: ClusterFacts;
}
