/**
 * Per-table reader/writer locks in this process: row writes to a partitioned table share the lock,
 * partition DDL (DROP/TRUNCATE/REPLACE PARTITION, INSERT OVERWRITE) holds it alone. DuckDB sees no
 * write-write conflict between "delete a partition's rows" and "append rows into it" from two
 * transactions, so without this a write could commit rows into a partition dropped meanwhile.
 */
interface LockState {
  readers: number;
  writer: boolean;
  queue: { exclusive: boolean; wake: () => void }[];
}

const locks = new Map<number, LockState>();

function stateOf(id: number): LockState {
  let s = locks.get(id);
  if (s === undefined) {
    s = { readers: 0, writer: false, queue: [] };
    locks.set(id, s);
  }
  return s;
}

function pump(id: number, s: LockState): void {
  while (s.queue.length > 0) {
    const next = s.queue[0] as LockState['queue'][number];
    if (next.exclusive) {
      if (s.writer || s.readers > 0) return;
      s.writer = true;
    } else {
      if (s.writer) return;
      s.readers++;
    }
    s.queue.shift();
    next.wake();
  }
  if (!s.writer && s.readers === 0) locks.delete(id);
}

/** Run `fn` holding table `id`'s lock (shared or exclusive); FIFO so DDL is not starved. */
export async function withTableLock<T>(id: number, exclusive: boolean, fn: () => Promise<T>): Promise<T> {
  const s = stateOf(id);
  await new Promise<void>((wake) => {
    s.queue.push({ exclusive, wake });
    pump(id, s);
  });
  try {
    return await fn();
  } finally {
    if (exclusive) s.writer = false;
    else s.readers--;
    pump(id, s);
  }
}
