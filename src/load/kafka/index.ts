/** Kafka source layer for Routine Load (see CONTEXT.md). */
export {
  OFFSET_BEGINNING,
  OFFSET_END,
  type FetchOptions,
  type FetchResult,
  type KafkaMessage,
  type KafkaSource,
  type KafkaSourceFactory,
  type Watermarks,
} from './source.js';
export { KafkaSourceError, classifyKafkaError, type KafkaErrorKind } from './errors.js';
export { clientConfigFrom, type ClientConfigOptions, type KafkaClientConfig } from './client-config.js';
export { KafkajsSource, type KafkaLogSink } from './kafkajs-source.js';
export { SUPPORTED_COMPRESSION, decodeLz4, decodeSnappy, decodeZstd } from './codecs.js';

import type { KafkaSourceFactory } from './source.js';
import { KafkajsSource } from './kafkajs-source.js';

/** The production source factory. */
export const kafkajsSourceFactory: KafkaSourceFactory = (config) => new KafkajsSource(config);
