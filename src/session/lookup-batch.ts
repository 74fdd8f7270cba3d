/**
 * Point lookups share queries under load. A lookup whose plan is `key IN (constant)` on a keyed
 * table (planner/lookup.ts) runs at once while fewer than MAX_RUNNING queries of its shape are
 * running; otherwise it waits, and when one finishes, all lookups waiting for that shape run as one
 * query listing their keys. Each takes the rows whose key is its own. DuckDB plans every statement
 * (~0.4 ms for a lookup on this project's 2-core machine, most of a lookup's cost), so a burst of
 * lookups costs one plan instead of one each. Alone, a lookup runs exactly its own SQL.
 *
 * A lookup sees data at least as new as when it arrived: the query it joins starts after that.
 */
import type { LookupTemplate } from '../codegen/index.js';
import type { Engine } from '../engine/index.js';
import { SqlError } from '../errors/index.js';
import type { SqlType, Value } from '../types/index.js';

/**
 * Queries of one shape running at once before lookups wait to share the next one. Measured over
 * the wire (10M-row table, 16 connections): 1 and 2 give the same P99 at 1,000 QPS; at 3,000
 * offered QPS 1 served 2,661/s and 2 served 1,952/s (fewer, larger shared queries).
 */
const MAX_RUNNING = 1;
/** Keys in one shared query. */
const MAX_KEYS = 256;

interface Waiter {
  readonly template: LookupTemplate;
  readonly signal: AbortSignal;
  settled: boolean;
  /** Killed or timed out: answered with errno 1317 whatever its query returns. */
  cancelled: boolean;
  resolve(rows: Value[][]): void;
  reject(error: unknown): void;
}

interface Shape {
  readonly key: string;
  readonly types: readonly SqlType[];
  running: number;
  readonly waiting: Waiter[];
}

export class LookupBatcher {
  private readonly shapes = new Map<string, Shape>();

  constructor(private readonly engine: Engine) {}

  /** Shared queries run and lookups answered so far. */
  readonly counts = { queries: 0, lookups: 0 };

  /**
   * The rows of one lookup (its result columns have `columnTypes`). It fails with errno 1317 when
   * `signal` aborts (KILL) or after `timeoutMs` (query_timeout; 0 = none), waiting or running.
   */
  async lookup(
    template: LookupTemplate,
    columnTypes: readonly SqlType[],
    signal: AbortSignal,
    timeoutMs: number,
  ): Promise<Value[][]> {
    const hidden = template.hiddenKey;
    const types = hidden === null ? columnTypes : [...columnTypes, hidden];
    const rows = await this.enqueue(template, types, signal, timeoutMs);
    return hidden === null ? rows : rows.map((r) => r.slice(0, -1));
  }

  private enqueue(
    template: LookupTemplate,
    types: readonly SqlType[],
    signal: AbortSignal,
    timeoutMs: number,
  ): Promise<Value[][]> {
    if (signal.aborted) return Promise.reject(new SqlError('query-interrupted'));
    const key = `${template.before}\0${template.after}\0${JSON.stringify(types)}`;
    let shape = this.shapes.get(key);
    if (shape === undefined) {
      shape = { key, types, running: 0, waiting: [] };
      this.shapes.set(key, shape);
    }
    const s = shape;
    return new Promise<Value[][]>((resolve, reject) => {
      // A lookup killed or timed out while waiting leaves at once; one running is answered so.
      const cancel = (): void => {
        const at = s.waiting.indexOf(waiter);
        if (at >= 0) s.waiting.splice(at, 1);
        waiter.cancelled = true;
        settle(waiter, () => undefined);
      };
      // A timer, not AbortSignal.timeout: that one cost ~30 µs per statement (timer + GC tracking).
      const timer = timeoutMs > 0 ? setTimeout(cancel, timeoutMs) : undefined;
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', cancel);
      };
      const waiter: Waiter = {
        template,
        signal,
        settled: false,
        cancelled: false,
        resolve: (rows) => (done(), resolve(rows)),
        reject: (error) => (done(), reject(error)),
      };
      signal.addEventListener('abort', cancel, { once: true });
      s.waiting.push(waiter);
      if (s.running < MAX_RUNNING) this.runNext(s);
    });
  }

  private runNext(shape: Shape): void {
    const batch = shape.waiting.splice(0, MAX_KEYS);
    if (batch.length === 0) {
      if (shape.running === 0) this.shapes.delete(shape.key);
      return;
    }
    shape.running++;
    this.counts.lookups += batch.length;
    void this.run(batch, shape.types).finally(() => {
      shape.running--;
      this.runNext(shape);
    });
  }

  private async run(batch: readonly Waiter[], types: readonly SqlType[]): Promise<void> {
    const first = batch[0] as Waiter;
    if (batch.length === 1) return this.runAlone(first, types);
    const keys = new Map<string, string>();
    for (const w of batch) keys.set(w.template.keySql, w.template.keyText);
    const sql = `${first.template.before}${[...keys.keys()].join(', ')}${first.template.after}`;
    let rows: Value[][];
    try {
      rows = await this.all(sql, types, keys.size);
    } catch {
      // Whatever failed the shared query (the table dropped meanwhile…), each answers for itself.
      for (const w of batch) await this.runAlone(w, types);
      return;
    }
    const byKey = new Map<string, Value[][]>();
    const at = first.template.keyOutput;
    for (const row of rows) {
      const k = String(row[at]);
      const list = byKey.get(k);
      if (list === undefined) byKey.set(k, [row]);
      else list.push(row);
    }
    for (const w of batch) settle(w, () => w.resolve(byKey.get(w.template.keyText) ?? []));
  }

  private async runAlone(w: Waiter, types: readonly SqlType[]): Promise<void> {
    if (w.settled) return;
    const t = w.template;
    try {
      const rows = await this.all(`${t.before}${t.keySql}${t.after}`, types, null, w.signal);
      settle(w, () => w.resolve(rows));
    } catch (error) {
      settle(w, () => w.reject(error));
    }
  }

  private async all(
    sql: string,
    types: readonly SqlType[],
    keys: number | null,
    signal?: AbortSignal,
  ): Promise<Value[][]> {
    this.counts.queries++;
    const result = await this.engine.stream(sql, {
      types,
      maxRows: keys ?? 1,
      ...(signal !== undefined ? { signal } : {}),
    });
    const rows: Value[][] = [];
    for await (const batch of result.batches) for (const row of batch) rows.push(row as Value[]);
    return rows;
  }
}

function settle(w: Waiter, fn: () => void): void {
  if (w.settled) return;
  w.settled = true;
  if (w.cancelled || w.signal.aborted) w.reject(new SqlError('query-interrupted'));
  else fn();
}
