/**
 * TLS on the MySQL port: with a certificate configured the handshake offers SSL, clients that
 * send an SSLRequest continue over TLS (mysql2, the mariadb CLI), plain clients still work
 * unless TLS is required. The certificate is a throwaway self-signed one made with openssl.
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { connect } from 'node:net';
import { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createConnection } from 'mysql2/promise';
import { createLogger, startServer, type RunningServer, type TlsConfig } from '../../src/server/index.js';
import { openDatabase, type Database } from '../../src/session/index.js';
import { frame } from './support/raw-client.js';

const run = promisify(execFile);
let dir: string;
let db: Database;
let tls: TlsConfig;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rockling-tls-'));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  execFileSync(
    'openssl',
    [
      'pkcs12',
      '-export',
      '-inkey',
      keyFile,
      '-in',
      certFile,
      '-out',
      join(dir, 'ks.p12'),
      '-passout',
      'pass:secret',
    ],
    { stdio: 'ignore' },
  );
  tls = { certFile, keyFile };
  db = await openDatabase({ dataDir: ':memory:' });
});
after(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function serve(t: TlsConfig | undefined): Promise<RunningServer> {
  return startServer({
    host: '127.0.0.1',
    queryPort: 0,
    factory: db,
    logger: createLogger('error'),
    ...(t !== undefined ? { tls: t } : {}),
  });
}

async function query(port: number, ssl: boolean): Promise<{ v: unknown; secure: boolean }> {
  const c = await createConnection({
    host: '127.0.0.1',
    port,
    user: 'root',
    ...(ssl ? { ssl: { rejectUnauthorized: false } } : {}),
  });
  try {
    const [rows] = await c.query('SELECT 40 + 2 AS v');
    const stream = (c as unknown as { connection: { stream: { encrypted?: boolean } } }).connection.stream;
    return { v: (rows as { v: unknown }[])[0]?.v, secure: stream.encrypted === true };
  } finally {
    await c.end();
  }
}

describe('TLS on the MySQL port', () => {
  test('PEM certificate: TLS clients get TLS, plain clients still connect', async () => {
    const s = await serve(tls);
    try {
      assert.deepEqual(await query(s.queryPort, true), { v: 42, secure: true });
      assert.deepEqual(await query(s.queryPort, false), { v: 42, secure: false });
      // async: the server runs in this process
      const { stdout: out } = await run(
        'mariadb',
        ['-h127.0.0.1', `-P${s.queryPort}`, '-uroot', '--ssl', '--ssl-verify-server-cert=0', '-e', 'status'],
        { encoding: 'utf8' },
      );
      assert.match(out, /SSL:\s+Cipher in use is \S+/);
    } finally {
      await s.close(1000);
    }
  });

  test('PKCS#12 keystore with required TLS refuses plain clients', async () => {
    const s = await serve({ keystoreFile: join(dir, 'ks.p12'), keystorePassword: 'secret', required: true });
    try {
      assert.deepEqual(await query(s.queryPort, true), { v: 42, secure: true });
      await assert.rejects(query(s.queryPort, false), (e: { errno?: number }) => e.errno === 1045);
    } finally {
      await s.close(1000);
    }
  });

  test('a ClientHello in the same TCP segment as the SSLRequest reaches TLS', async () => {
    const s = await serve(tls);
    try {
      const sock = connect({ host: '127.0.0.1', port: s.queryPort });
      await new Promise<void>((r) => sock.once('data', () => r())); // server greeting
      // a TLS client over a duplex whose first write (the ClientHello) is sent together with
      // the SSLRequest in one socket write
      const caps = 0x200 | 0x8000 | 0x80000 | 0x800 | 0x1;
      const ssl = Buffer.alloc(32);
      ssl.writeUInt32LE(caps, 0);
      ssl.writeUInt32LE(1 << 24, 4);
      ssl[8] = 33;
      let first = true;
      const pipe = new Duplex({
        read: () => undefined,
        write: (chunk: Buffer, _e, cb) => {
          sock.write(first ? Buffer.concat([frame(ssl, 1), chunk]) : chunk, cb);
          first = false;
        },
      });
      sock.on('data', (d: Buffer) => pipe.push(d));
      const secure = tlsConnect({ socket: pipe, rejectUnauthorized: false });
      await new Promise<void>((resolve, reject) => {
        secure.once('secureConnect', () => resolve());
        secure.once('error', reject);
      });
      // HandshakeResponse over TLS (sequence id 2), empty password → auth switch or OK
      const resp = Buffer.concat([
        ssl,
        Buffer.from('root\0'),
        Buffer.from([0]),
        Buffer.from('mysql_native_password\0'),
      ]);
      secure.write(frame(resp, 2));
      const reply = await new Promise<Buffer>((r) => secure.once('data', (d: Buffer) => r(d)));
      assert.ok(reply[4] === 0x00 || reply[4] === 0xfe, reply.toString('hex'));
      secure.destroy();
      sock.destroy();
    } finally {
      await s.close(1000);
    }
  });

  test('without a certificate SSL is not offered', async () => {
    const s = await serve(undefined);
    try {
      await assert.rejects(query(s.queryPort, true), /SSL|secure/i);
      assert.deepEqual(await query(s.queryPort, false), { v: 42, secure: false });
    } finally {
      await s.close(1000);
    }
  });
});
