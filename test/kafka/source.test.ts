import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startKafkaMock, type KafkaMock } from '../../src/testing/index.js';
import {
  KafkajsSource,
  KafkaSourceError,
  OFFSET_BEGINNING,
  OFFSET_END,
  clientConfigFrom,
  type KafkaMessage,
  type KafkaSource,
} from '../../src/load/kafka/index.js';

/** Read every message of `partitions` from `from` up to the high watermarks. */
async function readAll(
  source: KafkaSource,
  topic: string,
  from: Map<number, number>,
): Promise<KafkaMessage[]> {
  const out: KafkaMessage[] = [];
  const pos = new Map(from);
  const marks = await source.watermarks(topic, [...pos.keys()]);
  for (let i = 0; i < 100; i++) {
    const pending = new Map([...pos].filter(([p, o]) => o < (marks.get(p)?.high ?? 0)));
    if (pending.size === 0) break;
    const r = await source.fetch(topic, pending, { maxWaitMs: 100 });
    out.push(...r.messages);
    for (const [p, o] of r.next) pos.set(p, o);
  }
  return out;
}

describe('Kafka source on the librdkafka mock cluster', () => {
  let mock: KafkaMock;
  let source: KafkajsSource;
  before(async () => {
    mock = await startKafkaMock();
    source = new KafkajsSource(clientConfigFrom(mock.bootstrap, { 'socket.timeout.ms': '1500' }));
  });
  after(async () => {
    await source.close();
    await mock.stop();
  });

  test('decodes none/gzip/snappy/lz4/zstd batches, exactly the produced values in order', async () => {
    const codecs = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
    const expected = new Map<number, string[]>();
    for (const [i, codec] of codecs.entries()) {
      const partition = i % 4;
      const values = Array.from({ length: 50 }, (_, n) => `${codec}-${n}-${'x'.repeat(n)}`);
      await mock.produce('codecs', values, { partition, compression: codec });
      expected.set(partition, [...(expected.get(partition) ?? []), ...values]);
    }
    const got = await readAll(source, 'codecs', new Map([0, 1, 2, 3].map((p) => [p, 0])));
    for (const [partition, values] of expected) {
      const mine = got.filter((m) => m.partition === partition);
      assert.deepEqual(
        mine.map((m) => m.value?.toString()),
        values,
      );
      assert.deepEqual(
        mine.map((m) => m.offset),
        values.map((_, i) => i),
      );
    }
  });

  test('partitions, watermarks, OFFSET_BEGINNING/OFFSET_END resolution and mid-batch reads', async () => {
    await mock.produce('marks', ['a', 'b', 'c', 'd', 'e'], { partition: 2, compression: 'gzip' });
    assert.deepEqual(await source.partitions('marks'), [0, 1, 2, 3]);
    const marks = await source.watermarks('marks', [0, 2]);
    assert.deepEqual(marks.get(2), { low: 0, high: 5 });
    assert.deepEqual(marks.get(0), { low: 0, high: 0 });
    const resolved = await source.resolve(
      'marks',
      new Map([
        [0, OFFSET_END],
        [2, OFFSET_BEGINNING],
        [3, 7],
      ]),
    );
    assert.deepEqual(
      [...resolved],
      [
        [0, 0],
        [2, 0],
        [3, 7],
      ],
    );
    // offset 3 is inside a compressed batch that starts at 0: only 3 and 4 come back
    const r = await source.fetch('marks', new Map([[2, 3]]), { maxWaitMs: 100 });
    assert.deepEqual(
      r.messages.map((m) => `${m.offset}:${m.value?.toString()}`),
      ['3:d', '4:e'],
    );
    assert.equal(r.next.get(2), 5);
    assert.equal(r.highWatermarks.get(2), 5);
    assert.equal(r.bytes, 2);
  });

  test('keys and timestamps come through', async () => {
    const before = Date.now() - 1000;
    await mock.produce('keyed', [
      { key: 'k1', value: 'v1', partition: 0 },
      { key: 'k2', value: 'v2', partition: 0 },
    ]);
    const got = await readAll(source, 'keyed', new Map([[0, 0]]));
    assert.deepEqual(
      got.map((m) => [m.key?.toString(), m.value?.toString()]),
      [
        ['k1', 'v1'],
        ['k2', 'v2'],
      ],
    );
    for (const m of got) assert.ok(m.timestamp >= before && m.timestamp <= Date.now() + 1000);
  });

  test('an empty partition long-polls up to maxWaitMs and returns nothing', async () => {
    await mock.createTopic('quiet');
    const t0 = Date.now();
    const r = await source.fetch('quiet', new Map([[1, 0]]), { maxWaitMs: 300 });
    assert.equal(r.messages.length, 0);
    assert.equal(r.next.get(1), 0);
    assert.ok(Date.now() - t0 >= 250, `returned after ${Date.now() - t0} ms`);
  });

  test('brokers that stop answering give a retryable broker-unavailable error; the same source recovers', async () => {
    await mock.produce('pausing', ['1', '2'], { partition: 0 });
    mock.pause();
    try {
      await assert.rejects(source.fetch('pausing', new Map([[0, 0]]), { maxWaitMs: 100 }), (e: unknown) => {
        assert.ok(e instanceof KafkaSourceError);
        assert.equal(e.kind, 'broker-unavailable');
        assert.equal(e.retryable, true);
        assert.match(e.message, /^failed to consume: Local: Broker transport failure/);
        return true;
      });
    } finally {
      mock.resume();
    }
    const got = await readAll(source, 'pausing', new Map([[0, 0]]));
    assert.deepEqual(
      got.map((m) => m.value?.toString()),
      ['1', '2'],
    );
  });
});

describe('Kafka source against a cluster that is gone', () => {
  test('connection refused is broker-unavailable and retryable', async () => {
    const mock = await startKafkaMock({ brokers: 1 });
    const bootstrap = mock.bootstrap;
    await mock.stop();
    const source = new KafkajsSource(clientConfigFrom(bootstrap, {}));
    await assert.rejects(source.partitions('t'), (e: unknown) => {
      assert.ok(e instanceof KafkaSourceError);
      assert.equal(e.kind, 'broker-unavailable');
      assert.ok(e.retryable);
      assert.match(e.message, /failed to get partition meta: Local: Broker transport failure .*ECONNREFUSED/);
      return true;
    });
    await source.close();
  });
});
