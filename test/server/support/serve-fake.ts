/**
 * Child-process entry: the MySQL server over the scripted test double on a free port. Prints
 * `PORT <n>` once listening; stops on SIGTERM. Used where the server must be a separate process
 * (RSS measurement, fuzzing: a crash must not take the test runner with it).
 */
import { createLogger, startServer } from '../../../src/server/index.js';
import { createFakeDb } from './fake-db.js';

const server = await startServer({
  host: '127.0.0.1',
  queryPort: 0,
  factory: createFakeDb(),
  logger: createLogger('warn'),
  handshakeTimeoutMs: Number(process.env['FAKE_HANDSHAKE_TIMEOUT_MS'] ?? 10_000),
});
process.stdout.write(`PORT ${server.queryPort}\n`);
process.on('SIGTERM', () => {
  void server.close(1000).then(() => process.exit(0));
});
