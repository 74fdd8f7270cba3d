import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  RoutineLoadManager,
  parseJobProperties,
  parseKafkaProperties,
  type CreateSpec,
} from '../../src/load/routine/index.js';
import { FakeSource, ManualClock, MemoryCommitter, MemoryStore, settle } from './fixtures.js';

interface World {
  clock: ManualClock;
  source: FakeSource;
  store: MemoryStore;
  committer: MemoryCommitter;
  manager: RoutineLoadManager;
}

async function world(partitions = 4, store = new MemoryStore(), clock = new ManualClock()): Promise<World> {
  const source = new FakeSource(clock, partitions);
  const committer = new MemoryCommitter(store);
  const manager = await RoutineLoadManager.open({
    store,
    committer,
    sourceFactory: () => source,
    clock,
    runner: { pollMs: 200, retryMinMs: 200, partitionRefreshMs: 1000 },
  });
  return { clock, source, store, committer, manager };
}

function spec(props: Record<string, string> = {}, kafka: Record<string, string> = {}): CreateSpec {
  const p = parseJobProperties(props, 'UTC');
  return {
    name: 'j',
    dbName: 'db',
    tableName: 't',
    props: p,
    kafka: parseKafkaProperties(
      {
        kafka_broker_list: 'h:1',
        kafka_topic: 'topic',
        'property.kafka_default_offsets': 'OFFSET_BEGINNING',
        ...kafka,
      },
      p.format,
    ),
    loadDesc: {
      columnSeparator: null,
      rowDelimiter: null,
      columns: null,
      where: null,
      partitions: null,
      temporaryPartitions: false,
    },
    origStmt: 'CREATE ROUTINE LOAD j ON t …',
  };
}

/** Close while letting pending long-polls (sleeping on the manual clock) finish. */
async function shut(w: World): Promise<void> {
  const closing = w.manager.close();
  await w.clock.advance(1000);
  await closing;
}

const job = (w: World) => w.manager.list({ includeHistory: true })[0]!;

test('consumes every partition from OFFSET_BEGINNING, exactly once, progress = end offsets', async () => {
  const w = await world();
  for (let p = 0; p < 4; p++) w.source.produce(p, ...Array.from({ length: 5 }, (_, i) => `p${p}-${i}`));
  await w.manager.create(spec({ desired_concurrent_number: '2' }));
  await w.clock.advance(2000);
  assert.equal(job(w).state, 'RUNNING');
  assert.equal(w.manager.tasks(job(w).id).length, 2);
  assert.equal(w.committer.rows.length, 20);
  w.source.produce(2, 'late-1', 'late-2');
  await w.clock.advance(1000);
  assert.deepEqual([...w.committer.rows].sort(), [...new Set(w.committer.rows)].sort());
  assert.equal(w.committer.rows.length, 22);
  assert.deepEqual(job(w).progress, { '0': 5, '1': 5, '2': 7, '3': 5 });
  assert.deepEqual(w.store.saved.get(job(w).id)?.progress, job(w).progress, 'persisted with the rows');
  assert.equal(job(w).stats.loadedRows, 22);
  await shut(w);
});

test('default start is OFFSET_END: old messages are skipped, new ones loaded', async () => {
  const w = await world(1);
  w.source.produce(0, 'old');
  const s = spec();
  await w.manager.create({
    ...s,
    kafka: parseKafkaProperties({ kafka_broker_list: 'h:1', kafka_topic: 'x' }, 'csv'),
  });
  await w.clock.advance(500);
  w.source.produce(0, 'new');
  await w.clock.advance(1000);
  assert.deepEqual(w.committer.rows, ['new']);
  await shut(w);
});

test('PAUSE stops loading, RESUME continues from the stored offsets', async () => {
  const w = await world(2);
  await w.manager.create(spec());
  w.source.produce(0, 'a');
  await w.clock.advance(1000);
  await w.manager.pause('db', 'j', 'root');
  assert.equal(job(w).state, 'PAUSED');
  assert.equal(job(w).pauseReason?.msg, 'User root pauses routine load job');
  w.source.produce(1, 'b');
  await w.clock.advance(2000);
  assert.deepEqual(w.committer.rows, ['a']);
  await assert.rejects(w.manager.pause('db', 'j', 'root'), /Could not transform PAUSED to PAUSED/);
  await w.manager.resume('db', 'j');
  await w.clock.advance(1000);
  assert.equal(job(w).state, 'RUNNING');
  assert.deepEqual(w.committer.rows, ['a', 'b']);
  await w.manager.stop('db', 'j');
  assert.equal(job(w).state, 'STOPPED');
  assert.equal(w.manager.list().length, 0, 'SHOW without ALL hides stopped jobs');
  await assert.rejects(w.manager.resume('db', 'j'), /There is no job named j in db db/);
  await shut(w);
});

test('broker down while RUNNING: the job keeps running, says why, and catches up when it is back', async () => {
  const w = await world(1);
  await w.manager.create(spec());
  w.source.produce(0, '1');
  await w.clock.advance(1000);
  w.source.down = true;
  w.source.produce(0, '2');
  await w.clock.advance(3000);
  assert.equal(job(w).state, 'RUNNING');
  assert.match(job(w).otherMsg, /Broker transport failure; retrying/);
  w.source.down = false;
  await w.clock.advance(3000);
  assert.deepEqual(w.committer.rows, ['1', '2']);
  await shut(w);
});

test('broker down at schedule time: PAUSED with errCode 4, RESUME works once it is back', async () => {
  const w = await world(1);
  w.source.down = true;
  w.source.produce(0, 'x');
  await w.manager.create(spec());
  await w.clock.advance(500);
  assert.equal(job(w).state, 'PAUSED');
  assert.equal(job(w).pauseReason?.code, 4);
  assert.match(
    job(w).pauseReason?.msg ?? '',
    /^Job failed to fetch all current partition with error \[failed to get partition meta/,
  );
  w.source.down = false;
  await w.manager.resume('db', 'j');
  await w.clock.advance(1000);
  assert.deepEqual(w.committer.rows, ['x']);
  await shut(w);
});

test('max_error_number: the job pauses with the reason, the tripping batch commits, RESUME goes on', async () => {
  const w = await world(1);
  await w.manager.create(spec({ max_error_number: '1' }));
  w.source.produce(0, 'ok1', 'bad1', 'bad2', 'ok2');
  await w.clock.advance(1000);
  assert.equal(job(w).state, 'PAUSED');
  assert.equal(job(w).pauseReason?.code, 102);
  assert.deepEqual(w.committer.rows, ['ok1', 'ok2']);
  assert.equal(job(w).progress['0'], 4);
  w.source.produce(0, 'ok3');
  await w.manager.resume('db', 'j');
  await w.clock.advance(1000);
  assert.deepEqual(w.committer.rows, ['ok1', 'ok2', 'ok3']);
  assert.equal(job(w).stats.errorRows, 2);
  await shut(w);
});

test('max_filter_ratio: the batch does not commit, offsets stay, the job pauses', async () => {
  const w = await world(1);
  await w.manager.create(spec({ max_filter_ratio: '0.2', max_error_number: '100' }));
  w.source.produce(0, 'ok', 'bad');
  await w.clock.advance(1000);
  assert.equal(job(w).state, 'PAUSED');
  assert.deepEqual(w.committer.rows, []);
  assert.equal(job(w).progress['0'], 0);
  assert.equal(job(w).stats.abortedTaskNum, 1);
  await shut(w);
});

test('a failing commit aborts the task and is retried; three failures in a row pause the job', async () => {
  const w = await world(1);
  await w.manager.create(spec());
  w.committer.failNext = new Error('disk full');
  w.source.produce(0, 'a');
  await w.clock.advance(2000);
  assert.equal(job(w).state, 'RUNNING');
  assert.equal(job(w).stats.abortedTaskNum, 1);
  assert.deepEqual(w.committer.rows, ['a']);
  w.committer.failNext = new Error('disk full');
  w.committer.failAgain = 2;
  w.source.produce(0, 'b');
  await w.clock.advance(3000);
  assert.equal(job(w).state, 'PAUSED');
  assert.equal(job(w).pauseReason?.code, 104);
  assert.equal(job(w).stats.abortedTaskNum, 4);
  assert.equal(job(w).progress['0'], 1);
  await w.manager.resume('db', 'j');
  await w.clock.advance(1000);
  assert.deepEqual(w.committer.rows, ['a', 'b']);
  await shut(w);
});

test('new partitions are picked up when kafka_partitions is not fixed; fixed jobs ignore them', async () => {
  const w = await world(2);
  await w.manager.create(spec());
  await w.manager.create({ ...spec({}, { kafka_partitions: '0' }), name: 'fixed' });
  await w.clock.advance(500);
  w.source.logs.set(2, ['p2-a']);
  await w.clock.advance(3000);
  const jobs = w.manager.list();
  assert.deepEqual(Object.keys(jobs[0]!.progress), ['0', '1', '2']);
  assert.deepEqual(Object.keys(jobs[1]!.progress), ['0']);
  assert.deepEqual(w.committer.rows, ['p2-a']);
  await shut(w);
});

test('jobs and progress survive a restart; nothing is loaded twice', async () => {
  const store = new MemoryStore();
  const clock = new ManualClock();
  const w1 = await world(1, store, clock);
  await w1.manager.create(spec());
  w1.source.produce(0, 'a', 'b');
  await clock.advance(1000);
  await shut(w1);
  const w2 = await world(1, store, clock);
  w2.source.produce(0, 'a', 'b', 'c');
  await clock.advance(1000);
  assert.deepEqual(w2.committer.rows, ['c']);
  assert.equal(job(w2).progress['0'], 3);
  await shut(w2);
  await settle();
});
