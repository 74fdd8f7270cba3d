/**
 * Typed door to the parts of kafkajs 2.2.4 that are not in its public typings: the `Cluster`
 * (metadata, leaders, ListOffsets), its `Broker.fetch`, and the consumer's `Batch` (offset window,
 * aborted-transaction and control-record filtering). kafkajs' public consumer only works through
 * consumer groups; StarRocks consumes with explicit offsets it stores itself (librdkafka
 * `assign()`), so Rockling drives the same protocol layer the kafkajs consumer uses internally.
 * The package version is pinned exactly in package.json; test/kafka/ exercises every call here.
 */
import { createRequire } from 'node:module';
import type { Logger, SASLOptions } from 'kafkajs';
import type { ConnectionOptions } from 'node:tls';

const require = createRequire(import.meta.url);

/** One partition as the cluster metadata describes it. */
export interface PartitionMetadata {
  readonly partitionErrorCode: number;
  readonly partitionId: number;
  readonly leader: number;
}

/** A decoded record as kafkajs' fetch response carries it (offsets are decimal strings). */
export interface RawMessage {
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly timestamp: string;
  readonly isControlRecord?: boolean;
}

export interface FetchPartitionResponse {
  readonly partition: number;
  readonly errorCode: number;
  readonly highWatermark: string;
  readonly abortedTransactions?: unknown;
  readonly messages: RawMessage[];
}

export interface FetchResponse {
  readonly responses: ReadonlyArray<{
    readonly topicName: string;
    readonly partitions: FetchPartitionResponse[];
  }>;
}

export interface InternalBroker {
  fetch(request: {
    replicaId: number;
    isolationLevel: number;
    maxWaitTime: number;
    minBytes: number;
    maxBytes: number;
    topics: Array<{
      topic: string;
      partitions: Array<{ partition: number; fetchOffset: string; maxBytes: number }>;
    }>;
  }): Promise<FetchResponse>;
}

export interface InternalCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  addTargetTopic(topic: string): Promise<void>;
  findTopicPartitionMetadata(topic: string): PartitionMetadata[];
  findLeaderForPartitions(topic: string, partitions: number[]): Record<string, number[]>;
  findBroker(args: { nodeId: string }): Promise<InternalBroker>;
  fetchTopicsOffset(
    topics: Array<{ topic: string; partitions: Array<{ partition: number }>; fromBeginning: boolean }>,
  ): Promise<Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }>>;
}

/** What `new Cluster(...)` takes (the subset Rockling sets). */
export interface ClusterOptions {
  readonly brokers: string[];
  readonly clientId: string;
  readonly ssl?: ConnectionOptions | boolean;
  readonly sasl?: SASLOptions;
  readonly connectionTimeout: number;
  readonly authenticationTimeout: number;
  readonly requestTimeout: number;
  readonly logger: Logger;
}

/** The consumer's per-partition batch: filters the requested offset window, aborted and control records. */
export interface InternalBatch {
  readonly messages: RawMessage[];
  readonly messagesWithinOffset: RawMessage[];
}

type ClusterCtor = new (options: Record<string, unknown>) => InternalCluster;
type BatchCtor = new (
  topic: string,
  fetchedOffset: string,
  partitionData: FetchPartitionResponse,
) => InternalBatch;

interface KafkaInternals {
  readonly Cluster: ClusterCtor;
  readonly Batch: BatchCtor;
  readonly socketFactory: unknown;
  readonly loggers: { createLogger(args: { level: number; logCreator: unknown }): Logger };
}

let loaded: KafkaInternals | null = null;

/**
 * kafkajs' modules, required on first use: loading its ~140 modules took 0.3–0.8 s of every
 * server start, though only Routine Load jobs need them.
 */
function kafka(): KafkaInternals {
  loaded ??= {
    Cluster: require('kafkajs/src/cluster/index.js') as ClusterCtor,
    Batch: require('kafkajs/src/consumer/batch.js') as BatchCtor,
    socketFactory: (require('kafkajs/src/network/socketFactory.js') as () => unknown)(),
    loggers: require('kafkajs/src/loggers/index.js') as KafkaInternals['loggers'],
  };
  return loaded;
}

/** A cluster handle with kafkajs' retry switched off: Rockling's scheduler decides about retries. */
export function createCluster(options: ClusterOptions): InternalCluster {
  const { Cluster, socketFactory } = kafka();
  return new Cluster({
    ...options,
    socketFactory,
    metadataMaxAge: 300_000,
    allowAutoTopicCreation: false,
    maxInFlightRequests: null,
    isolationLevel: READ_COMMITTED,
    retry: { retries: 0 },
    enforceRequestTimeout: true,
  });
}

/** Filter one partition's fetch response to the records at or after `fetchedOffset`. */
export function toBatch(topic: string, fetchedOffset: number, data: FetchPartitionResponse): InternalBatch {
  const { Batch } = kafka();
  return new Batch(topic, String(fetchedOffset), data);
}

/** A kafkajs logger that forwards warnings and errors to `sink` (kafkajs logs to stdout by default). */
export function createLogger(sink: (level: string, message: string) => void): Logger {
  const levelNames: Record<number, string> = { 1: 'error', 2: 'warn', 4: 'info', 5: 'debug' };
  return kafka().loggers.createLogger({
    level: 2,
    logCreator:
      () =>
      ({ level, log }: { level: number; log: { message: string } }) =>
        sink(levelNames[level] ?? 'info', log.message),
  });
}

/** Kafka isolation levels (READ_COMMITTED hides aborted transactional records, as librdkafka's default). */
export const READ_COMMITTED = 1;
