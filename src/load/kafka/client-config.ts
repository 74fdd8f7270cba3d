/**
 * `property.*` of CREATE ROUTINE LOAD are librdkafka configuration keys (StarRocks hands them to
 * librdkafka verbatim). This maps the ones that matter for a consumer onto the kafkajs client:
 * security.protocol, sasl.*, ssl.*, client.id, timeouts, isolation level and fetch sizes. Keys
 * with no kafkajs counterpart are kept (StarRocks shows them in CustomProperties) and listed in
 * `ignored`; values that cannot work (an unknown protocol, GSSAPI) are a config error up front.
 */
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { SASLOptions } from 'kafkajs';
import { KafkaSourceError } from './errors.js';

/** Everything needed to open a connection and fetch, derived from a job's source properties. */
export interface KafkaClientConfig {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly ssl?: ConnectionOptions | boolean;
  readonly sasl?: SASLOptions;
  readonly connectionTimeoutMs: number;
  readonly requestTimeoutMs: number;
  /** 1 = read_committed (librdkafka's default), 0 = read_uncommitted. */
  readonly isolationLevel: 0 | 1;
  readonly fetchMaxBytes: number;
  readonly partitionMaxBytes: number;
  /** librdkafka keys accepted but without effect on this client. */
  readonly ignored: readonly string[];
}

export interface ClientConfigOptions {
  /** Reads `*.location` files; `FILE:name` values (StarRocks' CREATE FILE) go through it too. */
  readonly readFile?: (path: string) => Buffer;
  readonly defaultClientId?: string;
}

/** Keys Rockling itself consumes (not client settings). */
const ROCKLING_KEYS = new Set(['kafka_default_offsets', 'group.id']);

const HANDLED = new Set([
  'client.id',
  'security.protocol',
  'sasl.mechanism',
  'sasl.mechanisms',
  'sasl.username',
  'sasl.password',
  'ssl.ca.location',
  'ssl.ca.pem',
  'ssl.certificate.location',
  'ssl.certificate.pem',
  'ssl.key.location',
  'ssl.key.pem',
  'ssl.key.password',
  'enable.ssl.certificate.verification',
  'ssl.endpoint.identification.algorithm',
  'socket.timeout.ms',
  'socket.connection.setup.timeout.ms',
  'isolation.level',
  'fetch.max.bytes',
  'max.partition.fetch.bytes',
]);

function configError(message: string): KafkaSourceError {
  return new KafkaSourceError('config', message);
}

function positiveInt(props: Readonly<Record<string, string>>, key: string, fallback: number): number {
  const raw = props[key];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0)
    throw configError(`Invalid value "${raw}" for configuration property "${key}"`);
  return n;
}

function fileContent(value: string, options: ClientConfigOptions): Buffer {
  const read = options.readFile ?? ((path: string) => readFileSync(path));
  const path = value.startsWith('FILE:') ? value.slice('FILE:'.length) : value;
  try {
    return read(path);
  } catch (error) {
    throw configError(`cannot read ${value}: ${(error as Error).message}`);
  }
}

function saslOptions(props: Readonly<Record<string, string>>): SASLOptions {
  const mechanism = (props['sasl.mechanism'] ?? props['sasl.mechanisms'] ?? 'GSSAPI').toUpperCase();
  const username = props['sasl.username'] ?? '';
  const password = props['sasl.password'] ?? '';
  if (mechanism === 'PLAIN') return { mechanism: 'plain', username, password };
  if (mechanism === 'SCRAM-SHA-256') return { mechanism: 'scram-sha-256', username, password };
  if (mechanism === 'SCRAM-SHA-512') return { mechanism: 'scram-sha-512', username, password };
  throw configError(
    `No provider for SASL mechanism ${mechanism}: supported PLAIN, SCRAM-SHA-256, SCRAM-SHA-512`,
  );
}

function tlsOptions(
  props: Readonly<Record<string, string>>,
  options: ClientConfigOptions,
): ConnectionOptions {
  const tls: ConnectionOptions = {};
  const pem = (inline: string, location: string): Buffer | undefined => {
    if (props[inline] !== undefined) return Buffer.from(props[inline] ?? '');
    const path = props[location];
    return path === undefined ? undefined : fileContent(path, options);
  };
  const ca = pem('ssl.ca.pem', 'ssl.ca.location');
  const cert = pem('ssl.certificate.pem', 'ssl.certificate.location');
  const key = pem('ssl.key.pem', 'ssl.key.location');
  if (ca !== undefined) tls.ca = ca;
  if (cert !== undefined) tls.cert = cert;
  if (key !== undefined) tls.key = key;
  if (props['ssl.key.password'] !== undefined) tls.passphrase = props['ssl.key.password'];
  if (props['enable.ssl.certificate.verification'] === 'false') tls.rejectUnauthorized = false;
  if ((props['ssl.endpoint.identification.algorithm'] ?? 'https').toLowerCase() === 'none') {
    tls.checkServerIdentity = () => undefined;
  }
  return tls;
}

/**
 * Client settings for `kafka_broker_list` and the job's custom properties (keys without the
 * `property.` prefix, as StarRocks stores them).
 */
export function clientConfigFrom(
  brokerList: string,
  props: Readonly<Record<string, string>>,
  options: ClientConfigOptions = {},
): KafkaClientConfig {
  const brokers = brokerList
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
  if (brokers.length === 0) throw configError('kafka_broker_list is empty');
  const protocol = (props['security.protocol'] ?? 'plaintext').toLowerCase();
  if (!['plaintext', 'ssl', 'sasl_plaintext', 'sasl_ssl'].includes(protocol)) {
    throw configError(
      `Invalid value "${props['security.protocol']}" for configuration property "security.protocol"`,
    );
  }
  const usesTls = protocol === 'ssl' || protocol === 'sasl_ssl';
  const isolation = (props['isolation.level'] ?? 'read_committed').toLowerCase();
  if (isolation !== 'read_committed' && isolation !== 'read_uncommitted') {
    throw configError(
      `Invalid value "${props['isolation.level']}" for configuration property "isolation.level"`,
    );
  }
  const ignored = Object.keys(props).filter((k) => !HANDLED.has(k) && !ROCKLING_KEYS.has(k));
  return {
    brokers,
    clientId: props['client.id'] ?? options.defaultClientId ?? 'rockling',
    ...(usesTls ? { ssl: tlsOptions(props, options) } : {}),
    ...(protocol.startsWith('sasl_') ? { sasl: saslOptions(props) } : {}),
    connectionTimeoutMs: positiveInt(props, 'socket.connection.setup.timeout.ms', 3_000),
    requestTimeoutMs: positiveInt(props, 'socket.timeout.ms', 10_000),
    isolationLevel: isolation === 'read_committed' ? 1 : 0,
    fetchMaxBytes: positiveInt(props, 'fetch.max.bytes', 52_428_800),
    partitionMaxBytes: positiveInt(props, 'max.partition.fetch.bytes', 1_048_576),
    ignored,
  };
}
