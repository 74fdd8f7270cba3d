/**
 * kill -9 during a mixed partition workload from several connections (INSERT, INSERT OVERWRITE …
 * PARTITION, ADD/DROP/TRUNCATE PARTITION, ADD/DROP COLUMN); after each restart every acknowledged
 * statement is fully there, the one in flight is all there or not at all, and no row lies outside
 * the table's partitions. bench/partitions/crash.ts runs it at 100+ moments.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startRockling, type RocklingServer } from '../../src/testing/index.js';
import { crashMoment, setup } from './crash-support.js';

const MOMENTS = 12;
let server: RocklingServer;

before(async () => {
  server = await startRockling({ startTimeoutMs: 60_000 });
});
after(async () => server.stop());

test(`kill -9 at ${MOMENTS} random moments of partition DML/DDL from 3 connections`, async () => {
  const workers = await setup(server, 3);
  let acked = 0;
  for (let m = 0; m < MOMENTS; m++) {
    const r = await crashMoment(server, workers, 150 + Math.floor(Math.random() * 450));
    acked += r.acked;
  }
  assert.ok(acked > MOMENTS, `the workload made progress (${acked} statements acknowledged)`);
});
