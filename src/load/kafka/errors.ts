/**
 * The one error type the Kafka source throws. `kind` is what the Routine Load scheduler acts on
 * (retry the task, pause the job); `retryable` says whether the same request may succeed later
 * without a user changing anything. Messages follow what StarRocks' BE reports through librdkafka
 * ("failed to get partition meta: Local: Broker transport failure", "Broker: Offset out of range")
 * so ReasonOfStateChanged reads the same.
 */

/** Why a Kafka request failed. */
export type KafkaErrorKind =
  'broker-unavailable' | 'topic-missing' | 'offset-out-of-range' | 'authentication' | 'config' | 'protocol';

const RETRYABLE: Readonly<Record<KafkaErrorKind, boolean>> = {
  'broker-unavailable': true,
  'topic-missing': true,
  'offset-out-of-range': false,
  authentication: false,
  config: false,
  protocol: true,
};

/** A failed Kafka request, classified. */
export class KafkaSourceError extends Error {
  override readonly name = 'KafkaSourceError';
  readonly retryable: boolean;

  constructor(
    readonly kind: KafkaErrorKind,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.retryable = RETRYABLE[kind];
  }
}

const CONNECTION_ERRORS = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSLockTimeout',
  'KafkaJSTimeout',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSMetadataNotLoaded',
]);

const PROTOCOL_KINDS: Readonly<Record<string, KafkaErrorKind>> = {
  UNKNOWN_TOPIC_OR_PARTITION: 'topic-missing',
  INVALID_TOPIC_EXCEPTION: 'topic-missing',
  OFFSET_OUT_OF_RANGE: 'offset-out-of-range',
  LEADER_NOT_AVAILABLE: 'broker-unavailable',
  NOT_LEADER_FOR_PARTITION: 'broker-unavailable',
  BROKER_NOT_AVAILABLE: 'broker-unavailable',
  REPLICA_NOT_AVAILABLE: 'broker-unavailable',
  REQUEST_TIMED_OUT: 'broker-unavailable',
  NETWORK_EXCEPTION: 'broker-unavailable',
  TOPIC_AUTHORIZATION_FAILED: 'authentication',
  SASL_AUTHENTICATION_FAILED: 'authentication',
  CLUSTER_AUTHORIZATION_FAILED: 'authentication',
};

/** librdkafka's wording for each kind (what StarRocks users see in ReasonOfStateChanged). */
const LIBRDKAFKA_TEXT: Readonly<Record<KafkaErrorKind, string>> = {
  'broker-unavailable': 'Local: Broker transport failure',
  'topic-missing': 'Broker: Unknown topic or partition',
  'offset-out-of-range': 'Broker: Offset out of range',
  authentication: 'Local: Authentication failure',
  config: 'Local: Invalid argument or configuration',
  protocol: 'Local: Bad message format',
};

/**
 * Classify anything kafkajs (or the socket layer) threw during `action`
 * ("failed to get partition meta", "failed to get latest offset", "failed to consume").
 */
export function classifyKafkaError(action: string, error: unknown): KafkaSourceError {
  if (error instanceof KafkaSourceError) return error;
  const err = error as { name?: string; type?: string; message?: string; code?: string };
  const detail = err.message ?? String(error);
  let kind: KafkaErrorKind = 'protocol';
  if (err.type !== undefined && PROTOCOL_KINDS[err.type] !== undefined)
    kind = PROTOCOL_KINDS[err.type] ?? kind;
  else if (err.name === 'KafkaJSSASLAuthenticationError') kind = 'authentication';
  else if (err.name !== undefined && CONNECTION_ERRORS.has(err.name)) kind = 'broker-unavailable';
  else if (err.code !== undefined && /^E(CONN|HOST|NET|PIPE|TIMEDOUT|AI_AGAIN)/.test(err.code)) {
    kind = 'broker-unavailable';
  }
  return new KafkaSourceError(kind, `${action}: ${LIBRDKAFKA_TEXT[kind]} (${detail})`, detail);
}
