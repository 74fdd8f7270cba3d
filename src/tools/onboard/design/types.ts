/** The design (stage 2) as data: everything the renderers turn into artifacts. */
import type { Column, Form, TableSpec } from '../form/model.js';
import type { QueryClass, SqlShape } from '../sql-scan.js';
import type { Decision, Risk } from './rules.js';

export type TableModel = 'DUPLICATE' | 'AGGREGATE' | 'PRIMARY';
export type PartitionUnit = 'hour' | 'day' | 'month';

export interface DesignColumn extends Column {
  /** Aggregate function of a value column in an AGGREGATE table. */
  readonly agg?: 'SUM' | 'MIN' | 'MAX' | 'REPLACE';
  readonly isKey: boolean;
  readonly defaultValue?: string;
}

export interface PartitionDesign {
  readonly column: string;
  readonly unit: PartitionUnit;
  /** Partitions kept (retention / unit), null = forever. */
  readonly count: number | null;
  readonly ttl: {
    readonly property: 'partition_live_number' | 'partition_retention_condition';
    readonly value: string;
  } | null;
}

export type Distribution =
  | { readonly kind: 'hash'; readonly columns: readonly string[]; readonly buckets: number }
  | { readonly kind: 'random'; readonly buckets: number | null; readonly bucketSize: number | null };

export interface TableSizes {
  /** Compression ratio used for the daily increment and for the stock (R-S2). */
  readonly crDaily: number;
  readonly crStock: number;
  /** Stored bytes, single replica, at the end of the retention window. */
  readonly storedBytes: number;
  readonly dailyCompressed: number;
  /** Compressed bytes of one partition (the whole table when unpartitioned). */
  readonly partitionBytes: number;
  readonly partitions: number;
  readonly tabletBytes: number;
  /** Tablet replicas of the table (partitions × buckets × replicas). */
  readonly tabletReplicas: number;
  readonly rows: number;
}

export interface PkMemory {
  readonly keyBytes: number;
  readonly hotRows: number;
  readonly inMemoryBytes: number;
  readonly persistentBytes: number;
  readonly indexDiskBytes: number;
}

export interface TableDesign {
  readonly spec: TableSpec;
  readonly name: string;
  readonly model: TableModel;
  /** Columns in DDL order (key columns first). */
  readonly columns: readonly DesignColumn[];
  readonly keyColumns: readonly string[];
  /** ORDER BY, when it differs from the key columns. */
  readonly orderBy: readonly string[] | null;
  readonly partition: PartitionDesign | null;
  readonly distribution: Distribution;
  readonly properties: ReadonlyArray<readonly [string, string]>;
  readonly sizes: TableSizes;
  readonly pkMemory: PkMemory | null;
}

export interface QueryInfo {
  readonly name: string;
  readonly sql: string;
  readonly shape: SqlShape;
  readonly cls: QueryClass;
  readonly sla: 'point' | 'complex';
  readonly slaMs: number | null;
  readonly qps: number;
  readonly scanRows: number | null;
}

export interface MvDesign {
  readonly name: string;
  readonly base: string;
  readonly query: string;
  readonly kind: 'sync' | 'async';
  readonly select: string;
  readonly refresh: string | null;
  readonly partitionBy: string | null;
  readonly distribution: Distribution | null;
}

export interface RoutineLoadJob {
  readonly kind: 'routine';
  readonly name: string;
  readonly table: string;
  readonly topic: string;
  readonly brokers: string;
  readonly format: 'json' | 'csv';
  readonly concurrency: number;
  readonly intervalS: number;
  readonly offsets: 'OFFSET_BEGINNING' | 'OFFSET_END';
  readonly columns: readonly string[];
}

export interface StockJob {
  readonly kind: 'insert-catalog' | 'insert-files' | 'broker';
  readonly label: string;
  readonly table: string;
  readonly sql: string;
  readonly bytes: number;
}

export interface StreamJob {
  readonly kind: 'flink' | 'stream-load';
  readonly table: string;
  readonly source: string;
  readonly intervalS: number;
  readonly semantic: 'exactly-once' | 'at-least-once';
}

export interface LoadDesign {
  readonly catalogs: readonly string[];
  readonly routine: readonly RoutineLoadJob[];
  readonly stock: readonly StockJob[];
  readonly streams: readonly StreamJob[];
}

export interface ResourceGroup {
  readonly name: string;
  readonly classifiers: ReadonlyArray<Readonly<Record<string, string>>>;
  readonly properties: ReadonlyArray<readonly [string, string]>;
  readonly sla: 'point' | 'complex';
  readonly p99Ms: number | null;
}

export interface Sizing {
  readonly singleReplicaBytes: number;
  readonly physicalBytes: number;
  readonly provisionedBytes: number;
  readonly beStorage: number;
  readonly beCpu: number | null;
  readonly coresFloor: number | null;
  readonly coresPublished: number | null;
  readonly beCount: number;
  readonly feFollowers: number;
  readonly feObservers: number;
  readonly feHeapBytes: number;
  readonly tabletReplicas: number;
  readonly replicasPerBe: number;
  readonly pkMemoryBytes: number;
  readonly cluster: 'dedicated' | 'shared';
  readonly clusterWhy: string;
}

export interface Assessment {
  readonly scenarioClass: string;
  readonly freshnessClass: 'seconds' | 'minutes' | 'T+1';
  readonly volume: {
    readonly stockBytes: number;
    readonly dailyBytes: number;
    readonly dailyRows: number;
    readonly retentionDays: number | null;
    readonly rawOverRetention: number;
    readonly storedSingleReplica: number;
    /** Stored single-replica bytes at the end of month m (0 … months), for the growth chart. */
    readonly growth: readonly number[];
  };
  readonly queries: readonly QueryInfo[];
  readonly risks: readonly Risk[];
  readonly questions: readonly string[];
}

export interface Plan {
  readonly form: Form;
  readonly assessment: Assessment;
  readonly tables: readonly TableDesign[];
  readonly mvs: readonly MvDesign[];
  readonly loads: LoadDesign;
  readonly sizing: Sizing;
  readonly resourceGroups: readonly ResourceGroup[];
  readonly decisions: readonly Decision[];
  readonly risks: readonly Risk[];
  readonly questions: readonly string[];
  /** Assumptions the tool made (cluster defaults, volume splits, …). */
  readonly assumptions: readonly string[];
}
