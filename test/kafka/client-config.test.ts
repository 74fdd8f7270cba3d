import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientConfigFrom, decodeSnappy, KafkaSourceError } from '../../src/load/kafka/index.js';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const snappy = require('snappyjs') as { compress(b: Uint8Array): Uint8Array };

test('plaintext defaults and broker list parsing', () => {
  const c = clientConfigFrom(' h1:9092, h2:9093 ,', {
    'group.id': 'g',
    kafka_default_offsets: 'OFFSET_BEGINNING',
  });
  assert.deepEqual(c.brokers, ['h1:9092', 'h2:9093']);
  assert.equal(c.ssl, undefined);
  assert.equal(c.sasl, undefined);
  assert.equal(c.isolationLevel, 1);
  assert.deepEqual(c.ignored, []);
});

test('SASL_SSL with SCRAM, CA/cert/key files (FILE: prefix) and no hostname check', () => {
  const files: Record<string, string> = { '/ca.pem': 'CA', 'client.pem': 'CERT', '/key.pem': 'KEY' };
  const c = clientConfigFrom(
    'h:9093',
    {
      'security.protocol': 'SASL_SSL',
      'sasl.mechanism': 'SCRAM-SHA-512',
      'sasl.username': 'u',
      'sasl.password': 'p',
      'ssl.ca.location': '/ca.pem',
      'ssl.certificate.location': 'FILE:client.pem',
      'ssl.key.location': '/key.pem',
      'ssl.key.password': 'kp',
      'ssl.endpoint.identification.algorithm': 'none',
      'client.id': 'cid',
      'fetch.wait.max.ms': '10',
    },
    {
      readFile: (p) => {
        const v = files[p];
        if (v === undefined) throw new Error('ENOENT');
        return Buffer.from(v);
      },
    },
  );
  assert.deepEqual(c.sasl, { mechanism: 'scram-sha-512', username: 'u', password: 'p' });
  assert.ok(typeof c.ssl === 'object');
  const ssl = c.ssl as {
    ca: Buffer;
    cert: Buffer;
    key: Buffer;
    passphrase: string;
    checkServerIdentity: () => unknown;
  };
  assert.equal(ssl.ca.toString(), 'CA');
  assert.equal(ssl.cert.toString(), 'CERT');
  assert.equal(ssl.key.toString(), 'KEY');
  assert.equal(ssl.passphrase, 'kp');
  assert.equal(ssl.checkServerIdentity(), undefined);
  assert.equal(c.clientId, 'cid');
  assert.deepEqual(c.ignored, ['fetch.wait.max.ms']);
});

test('SASL_PLAINTEXT PLAIN; bad protocol, GSSAPI, unreadable file and bad numbers are config errors', () => {
  const c = clientConfigFrom('h:1', { 'security.protocol': 'sasl_plaintext', 'sasl.mechanisms': 'PLAIN' });
  assert.equal(c.ssl, undefined);
  assert.equal(c.sasl?.mechanism, 'plain');
  const isConfig = (e: unknown) => e instanceof KafkaSourceError && e.kind === 'config' && !e.retryable;
  assert.throws(() => clientConfigFrom('h:1', { 'security.protocol': 'tls' }), isConfig);
  assert.throws(() => clientConfigFrom('h:1', { 'security.protocol': 'SASL_PLAINTEXT' }), /GSSAPI/);
  assert.throws(
    () => clientConfigFrom('h:1', { 'security.protocol': 'ssl', 'ssl.ca.location': '/nonexistent/ca.pem' }),
    isConfig,
  );
  assert.throws(() => clientConfigFrom('h:1', { 'socket.timeout.ms': '-5' }), isConfig);
  assert.throws(() => clientConfigFrom('', {}), isConfig);
});

test('snappy: raw blocks and multi-block xerial framing', () => {
  const a = Buffer.from('hello '.repeat(100));
  const b = Buffer.from('world '.repeat(50));
  assert.equal(decodeSnappy(Buffer.from(snappy.compress(a))).toString(), a.toString());
  const block = (x: Buffer) => {
    const c = Buffer.from(snappy.compress(x));
    const len = Buffer.alloc(4);
    len.writeInt32BE(c.length);
    return Buffer.concat([len, c]);
  };
  const header = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0, 0, 0, 0, 1, 0, 0, 0, 1]);
  assert.equal(
    decodeSnappy(Buffer.concat([header, block(a), block(b)])).toString(),
    a.toString() + b.toString(),
  );
});
