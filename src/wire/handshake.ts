import { createHash, randomBytes } from 'node:crypto';
import { AuthPlugin, Capability, Charset, Header } from './constants.js';
import { ProtocolError } from './protocol-error.js';
import { PayloadReader } from './reader.js';
import type { PacketWriter } from './writer.js';

/** Length of the authentication scramble (auth-plugin-data) for mysql_native_password. */
export const SCRAMBLE_LENGTH = 20;

/** The server's first packet (Protocol::HandshakeV10). */
export interface HandshakeV10 {
  readonly serverVersion: string;
  readonly connectionId: number;
  readonly scramble: Uint8Array;
  readonly capabilities: number;
  readonly charset: number;
  readonly statusFlags: number;
  readonly authPlugin: string;
}

/** A scramble of printable ASCII without NUL or '$', as MySQL servers generate. */
export function newScramble(): Buffer {
  const raw = randomBytes(SCRAMBLE_LENGTH);
  for (let i = 0; i < raw.length; i++) {
    let c = ((raw[i] as number) % 94) + 33;
    if (c === 0x24) c = 0x25;
    raw[i] = c;
  }
  return raw;
}

/** Write Protocol::HandshakeV10 (one packet, sequence id 0). */
export function writeHandshakeV10(w: PacketWriter, h: HandshakeV10): void {
  if (h.scramble.length !== SCRAMBLE_LENGTH) throw new Error('scramble must be 20 bytes');
  w.begin()
    .int1(10)
    .nulString(h.serverVersion)
    .int4(h.connectionId)
    .bytes(h.scramble.subarray(0, 8))
    .int1(0)
    .int2(h.capabilities & 0xffff)
    .int1(h.charset)
    .int2(h.statusFlags)
    .int2((h.capabilities >>> 16) & 0xffff)
    .int1(SCRAMBLE_LENGTH + 1)
    .zeros(10)
    .bytes(h.scramble.subarray(8))
    .int1(0)
    .nulString(h.authPlugin)
    .end();
}

/** Protocol::HandshakeResponse41 as decoded by the server. */
export interface HandshakeResponse {
  readonly capabilities: number;
  readonly maxPacketSize: number;
  readonly charset: number;
  readonly user: string;
  readonly authResponse: Buffer;
  readonly database: string | null;
  /** Empty when the client sent none (pre-PLUGIN_AUTH clients mean mysql_native_password). */
  readonly authPlugin: string;
  readonly attributes: ReadonlyMap<string, string>;
}

/** A client asking to start TLS (Protocol::SSLRequest): 32 bytes with CLIENT_SSL set. */
export function isSslRequest(payload: Buffer): boolean {
  if (payload.length !== 32) return false;
  return (payload.readUInt32LE(0) & Capability.SSL) !== 0;
}

/**
 * Decode a HandshakeResponse41. Fields after the user name are read only when their capability
 * bit is set and bytes remain, because some clients stop early (no database, no plugin).
 */
export function decodeHandshakeResponse(payload: Buffer, serverCapabilities: number): HandshakeResponse {
  const r = new PayloadReader(payload);
  const clientCaps = r.int4();
  if ((clientCaps & Capability.PROTOCOL_41) === 0) {
    throw new ProtocolError('client does not speak protocol 4.1');
  }
  const caps = clientCaps & (serverCapabilities | Capability.SSL);
  const maxPacketSize = r.int4();
  const charset = r.int1();
  r.skip(23);
  const user = r.nulString(true);
  let authResponse: Buffer = Buffer.alloc(0);
  if (r.remaining > 0) {
    if (caps & Capability.PLUGIN_AUTH_LENENC_CLIENT_DATA) authResponse = r.lenencBytes();
    else if (caps & Capability.SECURE_CONNECTION) authResponse = r.bytes(r.int1());
    else authResponse = r.nulBytes(true);
  }
  let database: string | null = null;
  if (caps & Capability.CONNECT_WITH_DB && r.remaining > 0) {
    database = r.nulString(true);
  }
  let authPlugin = '';
  if (caps & Capability.PLUGIN_AUTH && r.remaining > 0) authPlugin = r.nulString(true);
  const attributes = new Map<string, string>();
  if (caps & Capability.CONNECT_ATTRS && r.remaining > 0) {
    const total = r.lenenc() ?? 0;
    const attrs = new PayloadReader(r.bytes(total));
    while (attrs.remaining > 0) attributes.set(attrs.lenencString(), attrs.lenencString());
  }
  return { capabilities: caps, maxPacketSize, charset, user, authResponse, database, authPlugin, attributes };
}

/** Protocol::AuthSwitchRequest: ask the client to answer with `plugin` over `scramble`. */
export function writeAuthSwitchRequest(w: PacketWriter, plugin: string, scramble: Uint8Array): void {
  w.begin().int1(Header.AUTH_SWITCH).nulString(plugin).bytes(scramble).int1(0).end();
}

function sha1(...parts: Uint8Array[]): Buffer {
  const h = createHash('sha1');
  for (const p of parts) h.update(p);
  return h.digest();
}

/** SHA1(SHA1(password)): what the user store keeps for mysql_native_password. */
export function nativePasswordHash(password: string): Buffer {
  return sha1(sha1(Buffer.from(password, 'utf8')));
}

/** The client side of mysql_native_password: SHA1(pw) XOR SHA1(scramble + SHA1(SHA1(pw))). */
export function nativePasswordToken(password: string, scramble: Uint8Array): Buffer {
  if (password === '') return Buffer.alloc(0);
  const stage1 = sha1(Buffer.from(password, 'utf8'));
  const mask = sha1(scramble, sha1(stage1));
  for (let i = 0; i < stage1.length; i++) stage1[i] = (stage1[i] as number) ^ (mask[i] as number);
  return stage1;
}

/**
 * Check a mysql_native_password token against the stored SHA1(SHA1(password)); `stored` null
 * means an empty password, which only an empty token matches.
 */
export function verifyNativePassword(
  token: Uint8Array,
  scramble: Uint8Array,
  stored: Uint8Array | null,
): boolean {
  if (stored === null) return token.length === 0;
  if (token.length !== SCRAMBLE_LENGTH || stored.length !== SCRAMBLE_LENGTH) return false;
  const mask = sha1(scramble.subarray(0, SCRAMBLE_LENGTH), stored);
  const candidate = Buffer.alloc(SCRAMBLE_LENGTH);
  for (let i = 0; i < SCRAMBLE_LENGTH; i++) candidate[i] = (token[i] as number) ^ (mask[i] as number);
  return sha1(candidate).equals(stored);
}

/** mysql_clear_password: the token is the password itself, NUL-terminated. */
export function verifyClearPassword(token: Uint8Array, stored: Uint8Array | null): boolean {
  let end = token.length;
  if (end > 0 && token[end - 1] === 0) end--;
  const password = Buffer.from(token.subarray(0, end)).toString('utf8');
  if (stored === null) return password === '';
  return nativePasswordHash(password).equals(stored);
}

/** Plugins whose first response we can verify without switching. */
export function canVerifyDirectly(plugin: string): boolean {
  return plugin === '' || plugin === AuthPlugin.NATIVE || plugin === AuthPlugin.CLEAR;
}

/** The default server charset in the handshake (StarRocks: 33, utf8_general_ci). */
export const HANDSHAKE_CHARSET = Charset.UTF8_GENERAL_CI;
