import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Capability,
  PacketWriter,
  ProtocolError,
  SERVER_CAPABILITIES,
  decodeHandshakeResponse,
  isSslRequest,
  nativePasswordHash,
  nativePasswordToken,
  newScramble,
  verifyClearPassword,
  verifyNativePassword,
  writeAuthSwitchRequest,
  writeHandshakeV10,
} from '../../src/wire/index.js';
import { ascii, hex, le, lstr, nul, packet } from './bytes.js';

const SCRAMBLE = ascii('abcdefghijklmnopqrst');

test('handshake v10 is laid out byte for byte as the protocol documents', () => {
  const w = new PacketWriter();
  writeHandshakeV10(w, {
    serverVersion: '8.0.33',
    connectionId: 0x01020304,
    scramble: SCRAMBLE,
    capabilities: 0x00a3_a20f,
    charset: 33,
    statusFlags: 0x0002,
    authPlugin: 'mysql_native_password',
  });
  const expected = packet(
    0,
    [0x0a],
    nul('8.0.33'),
    hex('04 03 02 01'),
    ascii('abcdefgh'),
    [0x00],
    hex('0f a2'),
    [33],
    hex('02 00'),
    hex('a3 00'),
    [21],
    Buffer.alloc(10),
    ascii('ijklmnopqrst'),
    [0x00],
    nul('mysql_native_password'),
  );
  assert.deepEqual(w.take(), expected);
});

test('server capabilities mirror StarRocks and never offer SSL, compression or DEPRECATE_EOF', () => {
  for (const bit of [
    Capability.PROTOCOL_41,
    Capability.CONNECT_WITH_DB,
    Capability.SECURE_CONNECTION,
    Capability.PLUGIN_AUTH,
    Capability.LONG_FLAG,
    Capability.CONNECT_ATTRS,
    Capability.PLUGIN_AUTH_LENENC_CLIENT_DATA,
    Capability.MULTI_RESULTS,
  ]) {
    assert.ok(SERVER_CAPABILITIES & bit, `missing 0x${bit.toString(16)}`);
  }
  for (const bit of [
    Capability.SSL,
    Capability.COMPRESS,
    Capability.DEPRECATE_EOF,
    Capability.SESSION_TRACK,
  ]) {
    assert.equal(SERVER_CAPABILITIES & bit, 0, `must not offer 0x${bit.toString(16)}`);
  }
});

test('scrambles are 20 printable bytes without NUL', () => {
  for (let i = 0; i < 50; i++) {
    const s = newScramble();
    assert.equal(s.length, 20);
    for (const c of s) assert.ok(c >= 33 && c <= 126 && c !== 0x24);
  }
});

/** A HandshakeResponse41 as libmariadb sends it (lenenc auth data, db, plugin, attributes). */
function response(
  caps: number,
  auth: Buffer,
  db: string | null,
  plugin: string | null,
  attrs?: Buffer,
): Buffer {
  const parts = [le(caps, 4), le(16 * 1024 * 1024, 4), Buffer.from([45]), Buffer.alloc(23), nul('root')];
  parts.push(Buffer.from([auth.length]), auth);
  if (db !== null) parts.push(nul(db));
  if (plugin !== null) parts.push(nul(plugin));
  if (attrs !== undefined) parts.push(Buffer.from([attrs.length]), attrs);
  return Buffer.concat(parts);
}

test('HandshakeResponse41 decodes user, auth data, database, plugin and attributes', () => {
  const caps =
    Capability.PROTOCOL_41 |
    Capability.SECURE_CONNECTION |
    Capability.PLUGIN_AUTH |
    Capability.PLUGIN_AUTH_LENENC_CLIENT_DATA |
    Capability.CONNECT_WITH_DB |
    Capability.CONNECT_ATTRS;
  const token = Buffer.alloc(20, 7);
  const attrs = Buffer.concat([
    lstr('_client_name'),
    lstr('libmariadb'),
    lstr('program_name'),
    lstr('mysql'),
  ]);
  const r = decodeHandshakeResponse(
    response(caps, token, 'cat.db', 'mysql_native_password', attrs),
    SERVER_CAPABILITIES,
  );
  assert.equal(r.user, 'root');
  assert.deepEqual(r.authResponse, token);
  assert.equal(r.database, 'cat.db');
  assert.equal(r.authPlugin, 'mysql_native_password');
  assert.equal(r.charset, 45);
  assert.equal(r.maxPacketSize, 16 * 1024 * 1024);
  assert.deepEqual(
    [...r.attributes],
    [
      ['_client_name', 'libmariadb'],
      ['program_name', 'mysql'],
    ],
  );
});

test('HandshakeResponse41 without CONNECT_WITH_DB ignores trailing bytes as database', () => {
  const caps = Capability.PROTOCOL_41 | Capability.SECURE_CONNECTION | Capability.PLUGIN_AUTH;
  const r = decodeHandshakeResponse(
    response(caps, Buffer.alloc(0), null, 'caching_sha2_password'),
    SERVER_CAPABILITIES,
  );
  assert.equal(r.database, null);
  assert.equal(r.authPlugin, 'caching_sha2_password');
  assert.equal(r.authResponse.length, 0);
});

test('HandshakeResponse41 that stops after the user name still decodes', () => {
  const caps =
    Capability.PROTOCOL_41 |
    Capability.SECURE_CONNECTION |
    Capability.CONNECT_WITH_DB |
    Capability.PLUGIN_AUTH;
  const payload = Buffer.concat([le(caps, 4), le(0, 4), Buffer.from([33]), Buffer.alloc(23), nul('u')]);
  const r = decodeHandshakeResponse(payload, SERVER_CAPABILITIES);
  assert.equal(r.user, 'u');
  assert.equal(r.database, null);
  assert.equal(r.authPlugin, '');
});

test('pre-4.1 and truncated handshake responses are protocol errors', () => {
  assert.throws(
    () => decodeHandshakeResponse(response(0, Buffer.alloc(0), null, null), SERVER_CAPABILITIES),
    ProtocolError,
  );
  const good = response(
    Capability.PROTOCOL_41 | Capability.SECURE_CONNECTION,
    Buffer.alloc(20, 1),
    null,
    null,
  );
  for (let cut = 0; cut < 32; cut++) {
    assert.throws(
      () => decodeHandshakeResponse(good.subarray(0, cut), SERVER_CAPABILITIES),
      ProtocolError,
      `cut ${cut}`,
    );
  }
});

test('an SSLRequest is recognised by its length and the SSL bit', () => {
  const ssl = Buffer.concat([
    le(Capability.PROTOCOL_41 | Capability.SSL, 4),
    le(0, 4),
    Buffer.from([33]),
    Buffer.alloc(23),
  ]);
  assert.ok(isSslRequest(ssl));
  assert.ok(!isSslRequest(Buffer.concat([ssl, nul('root')])));
});

test('mysql_native_password: stored hash matches MySQL PASSWORD() and tokens verify', () => {
  // MySQL 5.7: SELECT PASSWORD('password') = '*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19'
  assert.equal(
    nativePasswordHash('password').toString('hex').toUpperCase(),
    '2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19',
  );
  const stored = nativePasswordHash('s3cret');
  const token = nativePasswordToken('s3cret', SCRAMBLE);
  assert.equal(token.length, 20);
  assert.ok(verifyNativePassword(token, SCRAMBLE, stored));
  assert.ok(!verifyNativePassword(nativePasswordToken('wrong', SCRAMBLE), SCRAMBLE, stored));
  assert.ok(!verifyNativePassword(token, ascii('tsrqponmlkjihgfedcba'), stored), 'other scramble');
  assert.ok(!verifyNativePassword(Buffer.alloc(0), SCRAMBLE, stored), 'empty token, real password');
  assert.ok(verifyNativePassword(Buffer.alloc(0), SCRAMBLE, null), 'empty password');
  assert.ok(!verifyNativePassword(token, SCRAMBLE, null), 'token against empty password');
  assert.ok(!verifyNativePassword(token.subarray(0, 19), SCRAMBLE, stored), 'short token');
});

test('mysql_clear_password verifies the NUL-terminated password', () => {
  const stored = nativePasswordHash('pw');
  assert.ok(verifyClearPassword(nul('pw'), stored));
  assert.ok(verifyClearPassword(ascii('pw'), stored));
  assert.ok(!verifyClearPassword(nul('px'), stored));
  assert.ok(verifyClearPassword(nul(''), null));
});

test('AuthSwitchRequest carries plugin name and scramble with trailing NUL', () => {
  const w = new PacketWriter();
  w.seq = 2;
  writeAuthSwitchRequest(w, 'mysql_native_password', SCRAMBLE);
  assert.deepEqual(w.take(), packet(2, [0xfe], nul('mysql_native_password'), SCRAMBLE, [0]));
});
