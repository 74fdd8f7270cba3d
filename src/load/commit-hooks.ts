/**
 * Committed-load notifications. The database above src/load (materialized views refreshing on
 * base-table changes) registers a listener per engine; every load path calls
 * `notifyLoadCommitted` after its DuckDB transaction committed rows into a table. src/load never
 * imports the session layer: the callback is passed in.
 */
import type { Engine } from '../engine/index.js';

/** Called with the database and table names of a committed load. */
export type LoadCommittedListener = (db: string, table: string) => void;

const listeners = new WeakMap<Engine, Set<LoadCommittedListener>>();

/** Register `fn` for loads committed on `engine`; returns the unregister function. */
export function onLoadCommitted(engine: Engine, fn: LoadCommittedListener): () => void {
  let set = listeners.get(engine);
  if (set === undefined) listeners.set(engine, (set = new Set()));
  set.add(fn);
  return () => {
    set.delete(fn);
  };
}

/** Tell the listeners; a listener's failure never fails the (already committed) load. */
export function notifyLoadCommitted(engine: Engine, db: string, table: string): void {
  for (const fn of listeners.get(engine) ?? []) {
    try {
      fn(db, table);
    } catch {
      // The rows are durable; a refresh that cannot be scheduled is the listener's business.
    }
  }
}
