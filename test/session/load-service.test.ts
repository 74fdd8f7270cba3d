/**
 * One load service per database: Stream Load (the HTTP API) and Routine Load commit through the
 * same instance, so transaction ids come from one sequence and the spill-area cleanup at start
 * cannot delete another service's files in flight.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createLogger } from '../../src/server/index.js';
import { startLoadApi } from '../../src/server/http/load-api.js';
import { openDatabase } from '../../src/session/index.js';

test('Routine Load and the HTTP load API share the database load service', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rockling-load-service-'));
  const db = await openDatabase({ dataDir: dir });
  try {
    const service = await db.loadService();
    assert.equal(await db.loadService(), service);
    assert.equal((await db.routine.get()).load, service);
    const first = service.allocateTxnId();
    // A spill file of a load in flight survives the HTTP API's start (a second service would clean it up).
    const inFlight = join(db.engine.fileArea, `load_${first}_0.csv`);
    writeFileSync(inFlight, 'a\n');
    const api = await startLoadApi({
      database: db,
      host: '127.0.0.1',
      httpPort: 0,
      beHttpPort: 0,
      logger: createLogger('error'),
    });
    assert.ok(api !== null);
    await api.close();
    assert.ok(existsSync(inFlight), 'spill file of the load in flight is still there');
    assert.equal(service.allocateTxnId(), first + 1);
    rmSync(inFlight, { force: true });
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
