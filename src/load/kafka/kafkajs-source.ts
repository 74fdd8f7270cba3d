/**
 * `KafkaSource` on kafkajs' protocol layer: Metadata for partitions, ListOffsets for watermarks
 * and OFFSET_BEGINNING/OFFSET_END, Fetch at explicit offsets from each partition's leader.
 * The connection is opened lazily and thrown away after a broker failure, so a broker that comes
 * back (or a restarted cluster behind the same bootstrap list) is picked up by the next call.
 */
import type { KafkaClientConfig } from './client-config.js';
import { registerCodecs } from './codecs.js';
import { classifyKafkaError, KafkaSourceError } from './errors.js';
import { createCluster, createLogger, toBatch, type InternalCluster } from './kafkajs-internals.js';
import {
  OFFSET_BEGINNING,
  OFFSET_END,
  type FetchOptions,
  type FetchResult,
  type KafkaMessage,
  type KafkaSource,
  type Watermarks,
} from './source.js';

/** Where kafkajs' own warnings go (default: dropped; the scheduler reports failures itself). */
export type KafkaLogSink = (level: string, message: string) => void;

export class KafkajsSource implements KafkaSource {
  private cluster: InternalCluster | undefined;
  private readonly topics = new Set<string>();

  constructor(
    private readonly config: KafkaClientConfig,
    private readonly log: KafkaLogSink = () => {},
  ) {
    registerCodecs();
  }

  private async connected(): Promise<InternalCluster> {
    if (this.cluster) return this.cluster;
    const cluster = createCluster({
      brokers: [...this.config.brokers],
      clientId: this.config.clientId,
      ...(this.config.ssl !== undefined ? { ssl: this.config.ssl } : {}),
      ...(this.config.sasl !== undefined ? { sasl: this.config.sasl } : {}),
      connectionTimeout: this.config.connectionTimeoutMs,
      authenticationTimeout: this.config.connectionTimeoutMs,
      requestTimeout: this.config.requestTimeoutMs,
      logger: createLogger(this.log),
    });
    await cluster.connect();
    this.cluster = cluster;
    this.topics.clear();
    return cluster;
  }

  /** Run `fn` on a connected cluster; a failure drops the connection so the next call reconnects. */
  private async call<T>(action: string, fn: (cluster: InternalCluster) => Promise<T>): Promise<T> {
    try {
      return await fn(await this.connected());
    } catch (error) {
      const classified = classifyKafkaError(action, error);
      if (classified.kind === 'broker-unavailable' || classified.kind === 'protocol') await this.drop();
      throw classified;
    }
  }

  private async drop(): Promise<void> {
    const cluster = this.cluster;
    this.cluster = undefined;
    if (cluster) await cluster.disconnect().catch(() => undefined);
  }

  private async metadataFor(cluster: InternalCluster, topic: string): Promise<void> {
    if (!this.topics.has(topic)) {
      await cluster.addTargetTopic(topic);
      this.topics.add(topic);
    } else {
      await cluster.refreshMetadata();
    }
  }

  async partitions(topic: string): Promise<number[]> {
    return this.call('failed to get partition meta', async (cluster) => {
      await this.metadataFor(cluster, topic);
      const meta = cluster.findTopicPartitionMetadata(topic);
      if (meta.length === 0) throw new KafkaSourceError('topic-missing', 'no partition in this topic');
      return meta.map((p) => p.partitionId).sort((a, b) => a - b);
    });
  }

  async watermarks(topic: string, partitions: readonly number[]): Promise<Map<number, Watermarks>> {
    return this.call('failed to get latest offset', async (cluster) => {
      if (!this.topics.has(topic)) await this.metadataFor(cluster, topic);
      const request = (fromBeginning: boolean) =>
        cluster.fetchTopicsOffset([
          { topic, partitions: partitions.map((partition) => ({ partition })), fromBeginning },
        ]);
      const [low, high] = await Promise.all([request(true), request(false)]);
      const result = new Map<number, Watermarks>();
      const lows = new Map(low.flatMap((t) => t.partitions).map((p) => [p.partition, Number(p.offset)]));
      for (const p of high.flatMap((t) => t.partitions)) {
        result.set(p.partition, { low: lows.get(p.partition) ?? 0, high: Number(p.offset) });
      }
      for (const partition of partitions) {
        if (!result.has(partition)) {
          throw new KafkaSourceError(
            'topic-missing',
            `failed to get latest offset: partition ${partition} not found`,
          );
        }
      }
      return result;
    });
  }

  async resolve(topic: string, offsets: ReadonlyMap<number, number>): Promise<Map<number, number>> {
    const logical = [...offsets]
      .filter(([, o]) => o === OFFSET_BEGINNING || o === OFFSET_END)
      .map(([p]) => p);
    const marks = logical.length > 0 ? await this.watermarks(topic, logical) : new Map<number, Watermarks>();
    const result = new Map<number, number>();
    for (const [partition, offset] of offsets) {
      const mark = marks.get(partition);
      if (offset === OFFSET_BEGINNING && mark) result.set(partition, mark.low);
      else if (offset === OFFSET_END && mark) result.set(partition, mark.high);
      else result.set(partition, offset);
    }
    return result;
  }

  async fetch(
    topic: string,
    positions: ReadonlyMap<number, number>,
    options: FetchOptions,
  ): Promise<FetchResult> {
    return this.call('failed to consume', async (cluster) => {
      if (!this.topics.has(topic)) await this.metadataFor(cluster, topic);
      const byLeader = cluster.findLeaderForPartitions(topic, [...positions.keys()]);
      const maxBytes = options.maxBytes ?? this.config.fetchMaxBytes;
      const responses = await Promise.all(
        Object.entries(byLeader).map(async ([nodeId, partitions]) => {
          const broker = await cluster.findBroker({ nodeId });
          return broker.fetch({
            replicaId: -1,
            isolationLevel: this.config.isolationLevel,
            maxWaitTime: options.maxWaitMs,
            minBytes: 1,
            maxBytes,
            topics: [
              {
                topic,
                partitions: partitions.map((partition) => ({
                  partition,
                  fetchOffset: String(positions.get(partition) ?? 0),
                  maxBytes: Math.min(maxBytes, this.config.partitionMaxBytes),
                })),
              },
            ],
          });
        }),
      );
      return collect(
        topic,
        positions,
        responses.flatMap((r) => r.responses.flatMap((t) => t.partitions)),
      );
    });
  }

  async close(): Promise<void> {
    await this.drop();
  }
}

function collect(
  topic: string,
  positions: ReadonlyMap<number, number>,
  partitions: ReadonlyArray<Parameters<typeof toBatch>[2]>,
): FetchResult {
  const messages: KafkaMessage[] = [];
  const next = new Map(positions);
  const highWatermarks = new Map<number, number>();
  let bytes = 0;
  for (const data of partitions) {
    const from = positions.get(data.partition) ?? 0;
    const batch = toBatch(topic, from, data);
    highWatermarks.set(data.partition, Number(data.highWatermark));
    const last = batch.messagesWithinOffset.at(-1);
    if (last) next.set(data.partition, Number(last.offset) + 1);
    for (const m of batch.messages) {
      bytes += (m.key?.length ?? 0) + (m.value?.length ?? 0);
      messages.push({
        partition: data.partition,
        offset: Number(m.offset),
        key: m.key,
        value: m.value,
        timestamp: Number(m.timestamp),
      });
    }
  }
  return { messages, next, highWatermarks, bytes };
}
