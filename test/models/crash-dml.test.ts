/**
 * kill -9 during DML from several connections: UPDATE … WHERE and DELETE … WHERE on a shared
 * PRIMARY KEY table, DELETE with simple conditions on DUPLICATE tables, INSERT, INSERT OVERWRITE
 * and ADD/DROP COLUMN (test/models/crash-dml-support.ts). After each restart every acknowledged
 * statement is fully there, the one in flight per connection all there or not at all, and DESC
 * agrees with the stored columns. bench/models/crash-dml.ts runs it at 100+ moments.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startRockling, type RocklingServer } from '../../src/testing/index.js';
import { crashDmlMoment, setupDml } from './crash-dml-support.js';

const MOMENTS = 5;
let server: RocklingServer;

before(async () => {
  server = await startRockling({ startTimeoutMs: 60_000 });
});
after(async () => server.stop());

test(`kill -9 at ${MOMENTS} random moments of UPDATE/DELETE/INSERT/OVERWRITE/DDL from 3 connections`, async () => {
  const workers = await setupDml(server, 3);
  let updates = 0;
  let deletes = 0;
  for (let m = 0; m < MOMENTS; m++) {
    const r = await crashDmlMoment(server, workers, 400 + Math.floor(Math.random() * 800), 6);
    assert.deepEqual(r.lost, [], 'no acknowledged statement is lost');
    assert.deepEqual(r.halfApplied, [], 'no statement is half-applied');
    updates += r.counts.get('pk-update') ?? 0;
    deletes += (r.counts.get('pk-delete') ?? 0) + (r.counts.get('dup-delete') ?? 0);
  }
  assert.ok(updates > 0 && deletes > 0, `UPDATEs (${updates}) and DELETEs (${deletes}) were acknowledged`);
});
