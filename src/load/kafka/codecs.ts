/**
 * Decoders for compressed record batches. kafkajs decodes gzip itself and leaves a registry for
 * the rest; Rockling fills it with pure-JS decoders (no native build, so `npm ci` stays
 * instant): snappy (snappyjs, with the xerial framing the Java client and librdkafka emit),
 * lz4 (lz4js, LZ4 frame format), zstd (fzstd). A consumer never compresses, so `compress`
 * refuses.
 */
import { createRequire } from 'node:module';
import type * as KafkaJs from 'kafkajs';

const require = createRequire(import.meta.url);
const snappy = require('snappyjs') as { uncompress(input: Uint8Array): Uint8Array };
const lz4 = require('lz4js') as { decompress(input: Uint8Array): Uint8Array | number[] };
const zstd = require('fzstd') as { decompress(input: Uint8Array): Uint8Array };

/** "\x82SNAPPY\0": the xerial snappy-java stream header. */
const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
/** Header: magic (8) + version (4) + compatible version (4); then [int32 length][block]... */
const XERIAL_HEADER_BYTES = 16;

/** Decode a snappy payload, raw or xerial-framed. */
export function decodeSnappy(input: Buffer): Buffer {
  if (input.length < XERIAL_HEADER_BYTES || !input.subarray(0, 8).equals(XERIAL_MAGIC)) {
    return Buffer.from(snappy.uncompress(input));
  }
  const blocks: Buffer[] = [];
  let pos = XERIAL_HEADER_BYTES;
  while (pos + 4 <= input.length) {
    const size = input.readInt32BE(pos);
    pos += 4;
    blocks.push(Buffer.from(snappy.uncompress(input.subarray(pos, pos + size))));
    pos += size;
  }
  return Buffer.concat(blocks);
}

/** Decode an LZ4 frame. */
export function decodeLz4(input: Buffer): Buffer {
  return Buffer.from(lz4.decompress(input));
}

/** Decode a zstd frame. */
export function decodeZstd(input: Buffer): Buffer {
  return Buffer.from(zstd.decompress(input));
}

function decoderOnly(decode: (input: Buffer) => Buffer) {
  return () => ({
    compress(): Promise<Buffer> {
      return Promise.reject(new Error('Rockling consumes Kafka only; it does not compress'));
    },
    decompress(input: Buffer): Promise<Buffer> {
      return Promise.resolve(decode(input));
    },
  });
}

let registered = false;

/** Register the snappy/lz4/zstd decoders with kafkajs (idempotent; gzip is built in). */
export function registerCodecs(): void {
  if (registered) return;
  registered = true;
  // required here, not at module load: kafkajs costs 0.3–0.8 s of a server start otherwise
  const { CompressionCodecs, CompressionTypes } = require('kafkajs') as typeof KafkaJs;
  CompressionCodecs[CompressionTypes.Snappy] = decoderOnly(decodeSnappy);
  CompressionCodecs[CompressionTypes.LZ4] = decoderOnly(decodeLz4);
  CompressionCodecs[CompressionTypes.ZSTD] = decoderOnly(decodeZstd);
}

/** The codecs a topic's batches may use with this client. */
export const SUPPORTED_COMPRESSION = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
