/**
 * `rockling serve` TLS options: PEM files or a PKCS#12 keystore (StarRocks' ssl_keystore_*),
 * ssl_force_secure_transport refusing plain clients, and the configuration errors.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import { ConfigError, DEFAULTS, resolveServeConfig, tlsConfigOf } from '../../src/cli/serve-config.js';
import { runServe } from '../../src/cli/serve.js';
import { createLogger } from '../../src/server/index.js';
import { createFakeDb } from './support/fake-db.js';

let dir: string;
let cert: string;
let key: string;
let keystore: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'rockling-serve-tls-'));
  cert = join(dir, 'cert.pem');
  key = join(dir, 'key.pem');
  keystore = join(dir, 'ks.p12');
  const subj = ['-subj', '/CN=127.0.0.1', '-keyout', key, '-out', cert];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', ...subj], {
    stdio: 'ignore',
  });
  execFileSync(
    'openssl',
    ['pkcs12', '-export', '-inkey', key, '-in', cert, '-out', keystore, '-passout', 'pass:pw'],
    {
      stdio: 'ignore',
    },
  );
});
after(() => rmSync(dir, { recursive: true, force: true }));

const noFile = (p: string): string => {
  throw new Error(`no file ${p}`);
};

test('TLS flags resolve to the server TLS config; inconsistent ones are ConfigErrors', () => {
  const of = (argv: string[]) => tlsConfigOf(resolveServeConfig(argv, {}, noFile).config);
  assert.equal(of([]), undefined);
  assert.deepEqual(of(['--tls-cert', 'c.pem', '--tls-key', 'k.pem']), {
    certFile: 'c.pem',
    keyFile: 'k.pem',
    required: false,
  });
  assert.deepEqual(
    tlsConfigOf(
      resolveServeConfig(
        ['--ssl-force-secure-transport', 'true'],
        { ROCKLING_SSL_KEYSTORE_LOCATION: 'ks.p12', ROCKLING_SSL_KEYSTORE_PASSWORD: 'pw' },
        noFile,
      ).config,
    ),
    { keystoreFile: 'ks.p12', keystorePassword: 'pw', required: true },
  );
  for (const argv of [
    ['--tls-cert', 'c.pem'],
    ['--tls-cert', 'c.pem', '--tls-key', 'k.pem', '--ssl-keystore-location', 'ks.p12'],
    ['--ssl-force-secure-transport', 'true'],
  ])
    assert.throws(() => of(argv), ConfigError, argv.join(' '));
  assert.throws(() => of(['--ssl-force-secure-transport', 'maybe']), /true or false/);
});

for (const kind of ['pem', 'keystore'] as const) {
  test(`serve with ${kind} TLS and ssl_force_secure_transport: TLS clients in, plain clients refused`, async () => {
    const lines: string[] = [];
    const logger = createLogger('info', (l) => void lines.push(l));
    let stop: (sig: string) => void = () => undefined;
    const stopped = new Promise<string>((r) => (stop = r));
    const tls =
      kind === 'pem'
        ? { tlsCert: cert, tlsKey: key }
        : { sslKeystoreLocation: keystore, sslKeystorePassword: 'pw' };
    const config = {
      ...DEFAULTS,
      ...tls,
      sslForceSecureTransport: true,
      dataDir: join(dir, kind),
      queryPort: 0,
    };
    const db = createFakeDb();
    const run = runServe(config, async () => ({ ...db, close: async () => undefined }), stopped, logger);
    try {
      while (!lines.some((l) => l.includes('rockling ready'))) await new Promise((r) => setTimeout(r, 10));
      const port = Number(/query_port=(\d+)/.exec(lines.join(''))?.[1]);
      const c = await createConnection({
        host: '127.0.0.1',
        port,
        user: 'root',
        ssl: { rejectUnauthorized: false },
      });
      const [r] = await c.query<RowDataPacket[]>('SELECT 1');
      assert.equal(String(r[0]?.['1']), '1');
      await c.end();
      await assert.rejects(createConnection({ host: '127.0.0.1', port, user: 'root' }), {
        errno: 1045,
      });
    } finally {
      stop('SIGTERM');
      assert.equal(await run, 0);
    }
  });
}
