import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MvScheduler, type MvClock } from '../../src/catalog/mv/index.js';

test('a triggered refresh reads RUNNING, a trigger during it PENDING, then none', async () => {
  const clock: MvClock = { now: () => 0, every: () => () => undefined };
  const releases: (() => void)[] = [];
  let runs = 0;
  const scheduler = new MvScheduler(
    clock,
    () => [],
    () => {
      runs++;
      return new Promise<void>((resolve) => releases.push(resolve));
    },
  );
  assert.equal(scheduler.activity(7), null);
  scheduler.trigger(7);
  assert.equal(scheduler.activity(7), 'RUNNING');
  scheduler.trigger(7); // a write during the refresh queues one more run
  assert.equal(scheduler.activity(7), 'PENDING');
  releases.shift()?.();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(scheduler.activity(7), 'RUNNING', 'the queued run started');
  releases.shift()?.();
  await scheduler.idle();
  assert.equal(scheduler.activity(7), null);
  assert.equal(runs, 2);
  assert.equal(scheduler.activity(8), null);
});
