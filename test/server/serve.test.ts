import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import { DEFAULTS, ConfigError, resolveServeConfig } from '../../src/cli/serve-config.js';
import { runServe } from '../../src/cli/serve.js';
import { createLogger } from '../../src/server/index.js';
import { createFakeDb } from './support/fake-db.js';

const noFile = (p: string): string => {
  throw new Error(`no file ${p}`);
};

test('defaults match StarRocks FE ports and the local data directory', () => {
  const { config, help } = resolveServeConfig([], {}, noFile);
  assert.equal(help, false);
  assert.deepEqual(config, DEFAULTS);
  assert.equal(config.queryPort, 9030);
  assert.equal(config.httpPort, 8030);
  assert.equal(config.host, '127.0.0.1');
  assert.equal(config.dataDir, './rockling-data');
});

test('precedence: flags > ROCKLING_* env > config file > defaults', () => {
  const files: Record<string, string> = {
    '/etc/r.yaml': 'query_port: 9100\nhttp_port: 8100\nhost: 0.0.0.0\nlog_level: warn\n',
    '/etc/r.json': '{"queryPort": 9200, "data_dir": "/data"}',
  };
  const read = (p: string): string => files[p] ?? noFile(p);
  const { config } = resolveServeConfig(
    ['--config', '/etc/r.yaml', '--query-port=9300'],
    { ROCKLING_HTTP_PORT: '8400', ROCKLING_LOG_LEVEL: 'debug' },
    read,
  );
  assert.equal(config.queryPort, 9300);
  assert.equal(config.httpPort, 8400);
  assert.equal(config.host, '0.0.0.0');
  assert.equal(config.logLevel, 'debug');
  const json = resolveServeConfig(
    [],
    { ROCKLING_CONFIG: '/etc/r.json', ROCKLING_DATA_DIR: '/env-data' },
    read,
  ).config;
  assert.equal(json.queryPort, 9200);
  assert.equal(json.dataDir, '/env-data');
  const versions = resolveServeConfig(
    ['--mysql-version', '5.1.0', '--starrocks-version', '3.4.0 x'],
    {},
    read,
  ).config;
  assert.equal(versions.mysqlVersion, '5.1.0');
  assert.equal(versions.starrocksVersion, '3.4.0 x');
});

test('bad flags, env values and files are ConfigErrors with a reason', () => {
  const bad: [string[], Record<string, string>, RegExp][] = [
    [['--query-port', 'abc'], {}, /query_port must be a port/],
    [['--query-port', '70000'], {}, /port/],
    [['--log-level', 'loud'], {}, /log_level/],
    [['--frobnicate', '1'], {}, /unknown option --frobnicate/],
    [['--host'], {}, /needs a value/],
    [['stray'], {}, /unexpected argument/],
    [[], { ROCKLING_QUERY_PORT: '-1' }, /ROCKLING_QUERY_PORT/],
    [['--config', '/nope.yaml'], {}, /cannot read config file/],
  ];
  for (const [argv, env, why] of bad) {
    assert.throws(
      () => resolveServeConfig(argv, env, noFile),
      (e: unknown) => e instanceof ConfigError && why.test(e.message),
      argv.join(' '),
    );
  }
  assert.throws(
    () => resolveServeConfig(['--config', 'x.yaml'], {}, () => 'bogus_key: 1'),
    /unknown key 'bogus_key'/,
  );
  assert.throws(() => resolveServeConfig(['--config', 'x.json'], {}, () => '{oops'), /not valid JSON/);
});

test('runServe opens the database, serves clients, and shuts down on the stop signal', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rockling-serve-'));
  const dataDir = join(dir, 'data');
  const lines: string[] = [];
  const logger = createLogger('info', (l) => void lines.push(l));
  const db = createFakeDb();
  let closed = false;
  let stop: (sig: string) => void = () => undefined;
  const stopped = new Promise<string>((r) => (stop = r));
  let opened: { dataDir: string; versions: unknown } | null = null;
  const run = runServe(
    { ...DEFAULTS, dataDir, queryPort: 0 },
    async (o) => {
      opened = o;
      return { ...db, close: async () => void (closed = true) };
    },
    stopped,
    logger,
  );
  try {
    while (!lines.some((l) => l.includes('rockling ready'))) await new Promise((r) => setTimeout(r, 10));
    assert.ok(existsSync(dataDir), 'data directory created');
    const { routineLoad, ...rest } = opened as unknown as { routineLoad: { errorUrlBase: () => string } };
    assert.deepEqual(rest, {
      dataDir,
      versions: {
        mysqlVersion: '8.0.33',
        versionComment: 'StarRocks version 3.3.5-rockling',
        starrocksVersion: '3.3.5 rockling',
      },
      logger,
    });
    // The fake database has no HTTP side, so no error-log URL base.
    assert.equal(routineLoad.errorUrlBase(), '');
    const port = Number(/query_port=(\d+)/.exec(lines.join(''))?.[1]);
    const c = await createConnection({ host: '127.0.0.1', port, user: 'root' });
    const [r] = await c.query<RowDataPacket[]>('SELECT 1');
    assert.equal(String(r[0]?.['1']), '1');
    const busy = c.query('SLEEP 300');
    while (!db.log.includes('SLEEP 300')) await new Promise((r) => setTimeout(r, 5));
    stop('SIGTERM');
    await busy; // the in-flight statement finishes before the connection closes
    assert.equal(await run, 0);
    assert.ok(closed, 'database closed');
    assert.ok(
      lines.some((l) => / INFO {2}SIGTERM: shutting down/.test(l)),
      lines.join(''),
    );
    await assert.rejects(createConnection({ host: '127.0.0.1', port, user: 'root' }));
    c.destroy();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('rockling serve --help and config errors exit without starting anything', () => {
  const cli = join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts');
  const help = spawnSync(process.execPath, ['--import', 'tsx', cli, 'serve', '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--query-port N/);
  const bad = spawnSync(process.execPath, ['--import', 'tsx', cli, 'serve', '--query-port', 'x'], {
    encoding: 'utf8',
  });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /query_port must be a port number/);
});

test('serve pre-opens the same DuckDB file that openDatabase opens', async () => {
  const { DATABASE_FILE } = await import('../../src/session/index.js');
  const { SERVE_DATABASE_FILE } = await import('../../src/cli/serve.js');
  assert.equal(SERVE_DATABASE_FILE, DATABASE_FILE);
});
