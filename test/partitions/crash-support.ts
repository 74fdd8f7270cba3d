/**
 * Crash workload for partitions (test/partitions/crash.test.ts, bench/partitions/crash.ts): several
 * mysql2 connections, each owning a range-partitioned table and an expression-partitioned one, run
 * INSERT, INSERT OVERWRITE … PARTITION, ADD/DROP/TRUNCATE PARTITION and ADD/DROP COLUMN while the
 * server is killed with SIGKILL. Each worker keeps the model of its tables as acknowledged; after a
 * restart the stored state must equal the model, or the model with the one in-flight statement
 * fully applied. Rows outside every partition mean catalog and storage disagree.
 */
import assert from 'node:assert/strict';
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import type { RocklingServer } from '../../src/testing/index.js';

/** Partition name → ids of its rows; plus the added columns. */
export interface TableModel {
  parts: Map<string, Set<number>>;
  cols: Set<string>;
}

interface Worker {
  readonly n: number;
  model: TableModel;
  /** The model if the statement in flight at the kill committed. */
  pending: TableModel | null;
  nextId: number;
  nextDay: number;
  nextCol: number;
}

function dayName(day: number): { name: string; date: string } {
  const d = new Date(Date.UTC(2024, 0, 1 + day));
  const date = d.toISOString().slice(0, 10);
  return { name: `p${date.replace(/-/g, '')}`, date };
}

function clone(m: TableModel): TableModel {
  return { parts: new Map([...m.parts].map(([k, v]) => [k, new Set(v)])), cols: new Set(m.cols) };
}

function pick<T>(xs: readonly T[]): T | undefined {
  return xs[Math.floor(Math.random() * xs.length)];
}

export async function setup(server: RocklingServer, workers: number): Promise<Worker[]> {
  const c = await createConnection({ host: '127.0.0.1', port: server.port, user: 'root' });
  await c.query('CREATE DATABASE crash');
  const out: Worker[] = [];
  for (let n = 0; n < workers; n++) {
    await c.query(
      `CREATE TABLE crash.r${n} (dt DATE NOT NULL, id BIGINT NOT NULL, v INT) DUPLICATE KEY(dt, id)
       PARTITION BY RANGE(dt) (START ('2024-01-01') END ('2024-01-04') EVERY (INTERVAL 1 DAY)) DISTRIBUTED BY HASH(id)`,
    );
    const parts = new Map([0, 1, 2].map((d) => [dayName(d).name, new Set<number>()]));
    out.push({ n, model: { parts, cols: new Set() }, pending: null, nextId: 1, nextDay: 3, nextCol: 0 });
  }
  await c.end();
  return out;
}

/** One random statement; updates the model only when acknowledged. */
async function step(c: Connection, w: Worker): Promise<void> {
  const t = `crash.r${w.n}`;
  const after = clone(w.model);
  const names = [...w.model.parts.keys()];
  const r = Math.random();
  let sql: string;
  const more: string[] = [];
  if (r < 0.08 && names.length > 0) {
    // Temporary partition: add, fill, then REPLACE the normal one (each statement atomic).
    const name = pick(names) as string;
    const date = `${name.slice(1, 5)}-${name.slice(5, 7)}-${name.slice(7, 9)}`;
    const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const tp = `tp${w.nextCol++}`;
    const ids = new Set<number>();
    const vals: string[] = [];
    for (let i = 0; i < 1 + Math.floor(Math.random() * 20); i++) {
      const id = w.nextId++;
      ids.add(id);
      vals.push(`('${date}', ${id}, 2)`);
    }
    after.parts.set(name, ids);
    sql = `ALTER TABLE ${t} ADD TEMPORARY PARTITION ${tp} VALUES [('${date}'), ('${next}'))`;
    more.push(`INSERT INTO ${t} TEMPORARY PARTITION (${tp}) (dt, id, v) VALUES ${vals.join(', ')}`);
    more.push(`ALTER TABLE ${t} REPLACE PARTITION (${name}) WITH TEMPORARY PARTITION (${tp})`);
  } else if (r < 0.45 && names.length > 0) {
    const rows: string[] = [];
    for (let i = 0; i < 1 + Math.floor(Math.random() * 50); i++) {
      const name = pick(names) as string;
      const id = w.nextId++;
      (after.parts.get(name) as Set<number>).add(id);
      rows.push(`('${name.slice(1, 5)}-${name.slice(5, 7)}-${name.slice(7, 9)}', ${id}, ${id % 97})`);
    }
    sql = `INSERT INTO ${t} (dt, id, v) VALUES ${rows.join(', ')}`;
  } else if (r < 0.6 && names.length > 0) {
    const name = pick(names) as string;
    const ids = new Set<number>();
    const vals: string[] = [];
    for (let i = 0; i < 1 + Math.floor(Math.random() * 20); i++) {
      const id = w.nextId++;
      ids.add(id);
      vals.push(
        `SELECT CAST('${name.slice(1, 5)}-${name.slice(5, 7)}-${name.slice(7, 9)}' AS DATE), ${id}, 1`,
      );
    }
    after.parts.set(name, ids);
    sql = `INSERT OVERWRITE ${t} PARTITION (${name}) (dt, id, v) ${vals.join(' UNION ALL ')}`;
  } else if (r < 0.72) {
    const { name, date } = dayName(w.nextDay);
    const next = dayName(w.nextDay + 1).date;
    w.nextDay++;
    after.parts.set(name, new Set());
    sql = `ALTER TABLE ${t} ADD PARTITION ${name} VALUES [('${date}'), ('${next}'))`;
  } else if (r < 0.8 && names.length > 1) {
    const name = pick(names) as string;
    after.parts.delete(name);
    sql = `ALTER TABLE ${t} DROP PARTITION ${name}`;
  } else if (r < 0.88 && names.length > 0) {
    const name = pick(names) as string;
    after.parts.set(name, new Set());
    sql = `TRUNCATE TABLE ${t} PARTITION (${name})`;
  } else if (r < 0.95 || w.model.cols.size === 0) {
    const col = `x${w.nextCol++}`;
    after.cols.add(col);
    sql = `ALTER TABLE ${t} ADD COLUMN ${col} INT DEFAULT "7"`;
  } else {
    const col = pick([...w.model.cols]) as string;
    after.cols.delete(col);
    sql = `ALTER TABLE ${t} DROP COLUMN ${col}`;
  }
  w.pending = after;
  await c.query(sql);
  for (const m of more) await c.query(m);
  w.model = after;
  w.pending = null;
}

/** Run every worker until the connection dies; returns statements acknowledged. */
export async function runUntilKilled(server: RocklingServer, workers: Worker[]): Promise<number> {
  let acked = 0;
  await Promise.all(
    workers.map(async (w) => {
      let c: Connection;
      try {
        c = await createConnection({ host: '127.0.0.1', port: server.port, user: 'root' });
      } catch {
        return;
      }
      c.on('error', () => undefined);
      for (;;) {
        try {
          await step(c, w);
          acked++;
        } catch (e) {
          const code = (e as { code?: string }).code ?? '';
          const fatal =
            (e as { fatal?: boolean }).fatal === true ||
            /ECONNRESET|PROTOCOL_CONNECTION_LOST|EPIPE|ECONNREFUSED/.test(code);
          if (fatal) return;
          // A statement the server refused (e.g. transaction conflict) changed nothing.
          w.pending = null;
        }
      }
    }),
  );
  return acked;
}

async function actual(c: Connection, n: number): Promise<TableModel> {
  const [partRows] = await c.query<RowDataPacket[]>(`SHOW PARTITIONS FROM crash.r${n}`);
  const parts = new Map<string, Set<number>>(
    partRows.map((r) => [String(r.PartitionName), new Set<number>()]),
  );
  const [rows] = await c.query<RowDataPacket[]>(`SELECT CAST(dt AS CHAR) AS d, id FROM crash.r${n}`);
  for (const r of rows) {
    const name = `p${String(r.d).replace(/-/g, '')}`;
    const set = parts.get(name);
    assert.ok(set !== undefined, `r${n}: row ${String(r.id)} (${String(r.d)}) lies outside every partition`);
    set.add(Number(r.id));
  }
  const [cols] = await c.query<RowDataPacket[]>(`DESC crash.r${n}`);
  const added = new Set(cols.map((r) => String(r.Field)).filter((f) => /^x\d+$/.test(f)));
  return { parts, cols: added };
}

function sameModel(a: TableModel, b: TableModel): boolean {
  if (a.parts.size !== b.parts.size || a.cols.size !== b.cols.size) return false;
  for (const c of a.cols) if (!b.cols.has(c)) return false;
  for (const [k, v] of a.parts) {
    const w = b.parts.get(k);
    if (w === undefined || w.size !== v.size) return false;
    for (const id of v) if (!w.has(id)) return false;
  }
  return true;
}

/** After a restart: every worker's table equals its model (or model + the in-flight statement). */
export async function verify(
  server: RocklingServer,
  workers: Worker[],
): Promise<{ inflightApplied: number }> {
  const c = await createConnection({ host: '127.0.0.1', port: server.port, user: 'root' });
  let inflightApplied = 0;
  try {
    for (const w of workers) {
      const got = await actual(c, w.n);
      if (sameModel(got, w.model)) {
        w.pending = null;
        continue;
      }
      assert.ok(
        w.pending !== null && sameModel(got, w.pending),
        `r${w.n}: stored state matches neither the acknowledged model nor the in-flight statement`,
      );
      w.model = w.pending;
      w.pending = null;
      inflightApplied++;
    }
  } finally {
    await c.end();
  }
  return { inflightApplied };
}

/** One crash moment: run the workload, SIGKILL after `killAfterMs`, restart, verify. */
export async function crashMoment(
  server: RocklingServer,
  workers: Worker[],
  killAfterMs: number,
): Promise<{ acked: number; inflightApplied: number }> {
  const running = runUntilKilled(server, workers);
  await new Promise((r) => setTimeout(r, killAfterMs));
  await server.kill9();
  const acked = await running;
  await server.restart();
  // The port may answer before every subsystem finished loading: retry errors that are not verdicts.
  for (let attempt = 0; ; attempt++) {
    try {
      const { inflightApplied } = await verify(server, workers);
      return { acked, inflightApplied };
    } catch (e) {
      if (e instanceof assert.AssertionError || attempt >= 50) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
