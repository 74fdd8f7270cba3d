/**
 * The one small interface Routine Load reads Kafka through. Offsets are Rockling's own (stored
 * with the loaded rows), so the source only answers "what is there" and "give me records from
 * these offsets"; it never joins a consumer group or commits anything to Kafka.
 */
import type { KafkaClientConfig } from './client-config.js';

/** librdkafka's logical offsets, as StarRocks stores them until resolved. */
export const OFFSET_BEGINNING = -2;
export const OFFSET_END = -1;

/** One record. Offsets are JS numbers (exact up to 2^53, far beyond any real partition). */
export interface KafkaMessage {
  readonly partition: number;
  readonly offset: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** Record timestamp, ms since the epoch. */
  readonly timestamp: number;
}

/** Earliest available and next-to-be-written offset of a partition. */
export interface Watermarks {
  readonly low: number;
  readonly high: number;
}

export interface FetchOptions {
  /** How long the broker may hold the request when there is nothing new (long poll). */
  readonly maxWaitMs: number;
  /** Upper bound of the response size. */
  readonly maxBytes?: number;
}

export interface FetchResult {
  /** Records at or after the requested offsets, in offset order per partition. */
  readonly messages: readonly KafkaMessage[];
  /**
   * The next offset to read per requested partition. It moves past control records and aborted
   * transactional records too, so it can be ahead of the last message's offset + 1.
   */
  readonly next: ReadonlyMap<number, number>;
  /** The partition's high watermark as of this response. */
  readonly highWatermarks: ReadonlyMap<number, number>;
  /** Key + value bytes of `messages`. */
  readonly bytes: number;
}

/** A topic reader. Every method may throw `KafkaSourceError`. */
export interface KafkaSource {
  /** Partition ids of `topic`, from fresh metadata (new partitions show up). */
  partitions(topic: string): Promise<number[]>;
  /** Low and high watermarks (ListOffsets earliest/latest) of the given partitions. */
  watermarks(topic: string, partitions: readonly number[]): Promise<Map<number, Watermarks>>;
  /** Replace OFFSET_BEGINNING/OFFSET_END by concrete offsets; concrete offsets pass through. */
  resolve(topic: string, offsets: ReadonlyMap<number, number>): Promise<Map<number, number>>;
  /** Read from explicit offsets (one request per partition leader, in parallel). */
  fetch(topic: string, positions: ReadonlyMap<number, number>, options: FetchOptions): Promise<FetchResult>;
  close(): Promise<void>;
}

/** Builds a source for a job's client settings (tests substitute their own). */
export type KafkaSourceFactory = (config: KafkaClientConfig) => KafkaSource;
