/**
 * The dynamic partition scheduler: every `intervalMs` (StarRocks' dynamic_partition_check_interval
 * default is 600 s) it runs one `dynamicStep` per table with dynamic partition or
 * partition_live_number properties, each in its own transaction under the table's exclusive
 * partition lock. The clock is injected so tests move time instead of waiting.
 */
import { DEFAULT_CATALOG } from '../api.js';
import type { Catalog } from '../catalog.js';
import { nowText } from '../clock.js';
import type { TableEntry } from '../model.js';
import { dynamicStep } from './dynamic.js';
import { withTableLock } from './locks.js';

function scheduled(t: TableEntry): boolean {
  return (
    t.kind === 'table' &&
    t.definition.partition !== undefined &&
    t.definition.properties.some(
      (p) =>
        p.key.toLowerCase().startsWith('dynamic_partition.') ||
        p.key.toLowerCase() === 'partition_live_number',
    )
  );
}

export interface SchedulerOptions {
  readonly intervalMs?: number;
  /** Local time `YYYY-MM-DD HH:MM:SS` (default: the server clock). */
  readonly now?: () => string;
  readonly onError?: (error: unknown) => void;
}

export class DynamicPartitionScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  /** The scheduler's clock (CREATE TABLE uses it too, so tests move one clock). */
  readonly now: () => string;

  constructor(
    private readonly catalog: Catalog,
    private readonly options: SchedulerOptions = {},
  ) {
    this.now = options.now ?? nowText;
  }

  start(): void {
    if (this.timer !== null) return;
    const tick = (): void => {
      this.running = this.runOnce().catch((e: unknown) => this.options.onError?.(e));
    };
    this.timer = setInterval(tick, this.options.intervalMs ?? 600_000);
    this.timer.unref();
    tick();
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass over every scheduled table; returns partitions created + dropped. */
  async runOnce(): Promise<number> {
    let changed = 0;
    for (const db of this.catalog.listDatabases(DEFAULT_CATALOG)) {
      for (const t of this.catalog.listEntries(DEFAULT_CATALOG, db)) {
        if (!scheduled(t)) continue;
        const r = await withTableLock(t.id, true, () =>
          this.catalog.engine.transaction((conn) => dynamicStep(conn, t, this.now())),
        );
        changed += r.created + r.dropped;
      }
    }
    return changed;
  }
}
