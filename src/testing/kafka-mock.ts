/**
 * A real Kafka peer for tests: librdkafka's mock cluster (it speaks the Kafka wire protocol on
 * loopback) started through Debian's `kcat`. Limits of the mock: every topic has 4 partitions
 * (auto-created on first use), data lives only in the process's memory, ports are random and
 * change on restart, no admin APIs. `pause()`/`resume()` (SIGSTOP/SIGCONT) make the brokers
 * unresponsive without losing data — the "broker down, then back" case. Producers are kcat
 * processes (any compression codec librdkafka has).
 */
import { spawn, type ChildProcess } from 'node:child_process';

export type KafkaCompression = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

/** A message to produce: a value, or value + key + explicit partition. */
export type ProduceMessage =
  string | { readonly value: string; readonly key?: string; readonly partition?: number };

export interface ProduceOptions {
  readonly compression?: KafkaCompression;
  /** Partition for messages that do not name one (default: librdkafka's partitioner). */
  readonly partition?: number;
}

export interface KafkaMockOptions {
  /** Number of mock brokers (default 3). */
  readonly brokers?: number;
  readonly startTimeoutMs?: number;
}

/** A streaming producer: one kcat process fed line by line (values without newlines). */
export interface KafkaStreamProducer {
  write(value: string): void;
  /** Close stdin and wait until kcat has delivered everything. */
  end(): Promise<void>;
}

export interface KafkaMock {
  /** `127.0.0.1:p1,127.0.0.1:p2,...` — what goes into kafka_broker_list. */
  readonly bootstrap: string;
  readonly pid: number;
  /** Produce and wait for delivery (acks=all). */
  produce(topic: string, messages: readonly ProduceMessage[], options?: ProduceOptions): Promise<void>;
  /** Make the mock create `topic` (4 partitions) by asking for its metadata. */
  createTopic(topic: string): Promise<void>;
  openProducer(topic: string, options?: ProduceOptions): KafkaStreamProducer;
  /** SIGSTOP: brokers stop answering (connections hang), data is kept. */
  pause(): void;
  /** SIGCONT after pause(). */
  resume(): void;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function track(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const c of live) c.kill('SIGKILL');
  });
}

function run(args: readonly string[], input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    track(child);
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0 && !/Delivery failed|ERROR/i.test(output)) resolve(output);
      else reject(new Error(`kcat ${args.join(' ')} failed (${code}): ${output}`));
    });
    child.stdin.end(input);
  });
}

const DELIM = '\x1e';
const KEY_DELIM = '\x1f';

function produceArgs(
  bootstrap: string,
  topic: string,
  partition: number | undefined,
  options: ProduceOptions,
) {
  return [
    '-P',
    '-q',
    '-b',
    bootstrap,
    '-t',
    topic,
    ...(partition !== undefined ? ['-p', String(partition)] : []),
    '-z',
    options.compression ?? 'none',
    '-X',
    'message.timeout.ms=15000',
    '-X',
    'linger.ms=5',
  ];
}

async function produceAll(
  bootstrap: string,
  topic: string,
  messages: readonly ProduceMessage[],
  options: ProduceOptions,
) {
  const groups = new Map<number | undefined, Array<{ value: string; key?: string }>>();
  for (const m of messages) {
    const msg = typeof m === 'string' ? { value: m } : m;
    const partition = msg.partition ?? options.partition;
    const list = groups.get(partition) ?? [];
    list.push(msg.key !== undefined ? { value: msg.value, key: msg.key } : { value: msg.value });
    groups.set(partition, list);
  }
  for (const [partition, list] of groups) {
    const keyed = list.some((m) => m.key !== undefined);
    const body = list.map((m) => (keyed ? `${m.key ?? ''}${KEY_DELIM}${m.value}` : m.value) + DELIM).join('');
    const args = [...produceArgs(bootstrap, topic, partition, options), '-D', '\\x1e'];
    if (keyed) args.push('-K', '\\x1f');
    await run(args, body);
  }
}

/** Start a mock cluster and wait for its bootstrap list. */
export async function startKafkaMock(options: KafkaMockOptions = {}): Promise<KafkaMock> {
  const child = spawn(
    'kcat',
    [
      '-q',
      '-b',
      'dummy:9092',
      '-X',
      `test.mock.num.brokers=${options.brokers ?? 3}`,
      '-C',
      '-t',
      '__mock_keepalive',
      '-o',
      'end',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  track(child);
  const bootstrap = await new Promise<string>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kcat mock cluster did not start: ${log}`));
    }, options.startTimeoutMs ?? 10_000);
    child.stderr.on('data', (chunk: Buffer) => {
      log += chunk.toString('utf8');
      const match = /replaced with (\S+)/.exec(log);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('error', (e) => reject(e));
    child.once('exit', (code) =>
      reject(new Error(`kcat exited (${code}) before the mock cluster was up: ${log}`)),
    );
  });
  const pid = child.pid ?? -1;
  return {
    bootstrap,
    pid,
    produce: (topic, messages, opts = {}) => produceAll(bootstrap, topic, messages, opts),
    createTopic: async (topic) => {
      await run(['-L', '-b', bootstrap, '-t', topic, '-m', '10'], '');
    },
    openProducer(topic, opts = {}) {
      const proc = spawn('kcat', produceArgs(bootstrap, topic, opts.partition, opts), {
        stdio: ['pipe', 'ignore', 'pipe'],
      });
      track(proc);
      let err = '';
      proc.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
      const done = new Promise<void>((resolve, reject) => {
        proc.once('exit', (code) =>
          code === 0 ? resolve() : reject(new Error(`kcat producer exited ${code}: ${err}`)),
        );
      });
      return {
        write: (value) => void proc.stdin.write(value + '\n'),
        end: async () => {
          proc.stdin.end();
          await done;
        },
      };
    },
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGCONT');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
