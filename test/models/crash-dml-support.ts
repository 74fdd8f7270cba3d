/**
 * Crash workload for DML (test/models/crash-dml.test.ts, bench/models/crash-dml.ts): several
 * mysql2 connections share one PRIMARY KEY table and each owns a DUPLICATE table; they run
 * INSERT (new keys and upserts), UPDATE … WHERE (by key list, by group with expressions, moving
 * rows between groups), DELETE … WHERE on both models (StarRocks' simple conditions on DUPLICATE),
 * INSERT OVERWRITE from the shared table and ADD/DROP COLUMN on both tables while the server is
 * killed with SIGKILL. Worker n only touches ids and groups ≡ n (mod 100) and its own columns, so
 * what each statement does is decidable from the worker's model (crash-dml-model.ts); every
 * value it writes carries a fresh marker. After a restart each worker's slice must equal its
 * acknowledged model, or that model with the one in-flight statement fully applied.
 */
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import type { RocklingServer } from '../../src/testing/index.js';
import { cloneModel, emptyModel, judge, type DmlModel, type Verdict } from './crash-dml-model.js';
import { pickStatement, type Statement } from './crash-dml-statements.js';

const DB = 'crash_dml';
export const SLOTS = 100;

/** One connection's state. */
export interface DmlWorker {
  readonly n: number;
  model: DmlModel;
  /** The model if the statement in flight at the kill committed. */
  pending: DmlModel | null;
  seq: number;
}

/** Acknowledged statements by kind (`pk-update`, `dup-delete`, …). */
export type Counts = Map<string, number>;

/** Why statements were refused (error text without numbers → count), over the whole run. */
export const refusals = new Map<string, number>();

function connect(server: RocklingServer): Promise<Connection> {
  return createConnection({ host: '127.0.0.1', port: server.port, user: 'root', database: DB });
}

export async function setupDml(server: RocklingServer, workers: number): Promise<DmlWorker[]> {
  const c = await createConnection({ host: '127.0.0.1', port: server.port, user: 'root' });
  await c.query(`CREATE DATABASE ${DB}`);
  await c.query(
    `CREATE TABLE ${DB}.pk (id BIGINT NOT NULL, g INT NOT NULL, v BIGINT NOT NULL, s VARCHAR(40))
     PRIMARY KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 4`,
  );
  const out: DmlWorker[] = [];
  for (let n = 0; n < workers; n++) {
    await c.query(
      `CREATE TABLE ${DB}.d${n} (id BIGINT NOT NULL, g INT NOT NULL, v BIGINT NOT NULL)
       DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 2`,
    );
    out.push({ n, model: emptyModel(), pending: null, seq: 1 });
  }
  await c.end();
  return out;
}

function isFatal(e: unknown): boolean {
  const code = (e as { code?: string }).code ?? '';
  return (
    (e as { fatal?: boolean }).fatal === true ||
    /ECONNRESET|PROTOCOL_CONNECTION_LOST|EPIPE|ECONNREFUSED/.test(code)
  );
}

/** Run every worker until the connection dies; returns statements acknowledged by kind. */
export async function runUntilKilled(
  server: RocklingServer,
  workers: DmlWorker[],
  counts: Counts = new Map(),
): Promise<Counts> {
  await Promise.all(
    workers.map(async (w) => {
      let c: Connection;
      try {
        c = await connect(server);
      } catch {
        return;
      }
      c.on('error', () => undefined);
      for (;;) {
        const st: Statement = pickStatement(w, SLOTS);
        w.pending = st.after;
        try {
          await c.query(st.sql);
        } catch (e) {
          if (isFatal(e)) return;
          // A statement the server refused (e.g. a write conflict) must leave no trace.
          w.pending = null;
          const why = `${st.kind}: ${String((e as Error).message)
            .replace(/\d+/g, 'N')
            .slice(0, 120)}`;
          refusals.set(why, (refusals.get(why) ?? 0) + 1);
          counts.set('refused', (counts.get('refused') ?? 0) + 1);
          continue;
        }
        w.model = st.after;
        w.pending = null;
        counts.set(st.kind, (counts.get(st.kind) ?? 0) + 1);
      }
    }),
  );
  return counts;
}

/** The stored state of every worker's slice, read back over SQL. */
async function stored(c: Connection, workers: readonly DmlWorker[]): Promise<Map<number, DmlModel>> {
  const out = new Map(workers.map((w) => [w.n, emptyModel()]));
  const slice = (id: number): DmlModel => {
    const m = out.get(((id % SLOTS) + SLOTS) % SLOTS);
    if (m === undefined) throw new Error(`pk row ${id} belongs to no worker`);
    return m;
  };
  const [pk] = await c.query<RowDataPacket[]>('SELECT id, g, v, s FROM pk');
  for (const r of pk) {
    const id = Number(r.id);
    const m = slice(id);
    if (Number(r.g) % SLOTS !== id % SLOTS)
      throw new Error(`pk row ${id} has a foreign group ${String(r.g)}`);
    m.pk.set(id, { g: Number(r.g), v: Number(r.v), s: String(r.s) });
  }
  const [desc] = await c.query<RowDataPacket[]>('DESC pk');
  for (const r of desc) {
    const name = String(r.Field);
    const match = /^c(\d+)_\d+$/.exec(name);
    if (match !== null) out.get(Number(match[1]))?.pkCols.add(name);
  }
  for (const w of workers) {
    const m = out.get(w.n) as DmlModel;
    const [rows] = await c.query<RowDataPacket[]>(`SELECT id, g, v FROM d${w.n}`);
    for (const r of rows) m.dup.push({ id: Number(r.id), g: Number(r.g), v: Number(r.v) });
    const [cols] = await c.query<RowDataPacket[]>(`DESC d${w.n}`);
    for (const r of cols) if (/^x\d+$/.test(String(r.Field))) m.dupCols.add(String(r.Field));
  }
  return out;
}

/** Checks the result columns of SELECT * against DESC (catalog vs storage). */
async function columnsAgree(c: Connection, table: string): Promise<void> {
  const [desc] = await c.query<RowDataPacket[]>(`DESC ${table}`);
  const [, fields] = await c.query<RowDataPacket[]>(`SELECT * FROM ${table} LIMIT 0`);
  const a = desc.map((r) => String(r.Field)).join(',');
  const b = fields.map((f) => f.name).join(',');
  if (a !== b) throw new Error(`${table}: DESC says ${a}, SELECT * returns ${b}`);
}

/** Outcome of one verification. */
export interface VerifyResult {
  inflightApplied: number;
  inflightAbsent: number;
  lost: string[];
  halfApplied: string[];
}

/**
 * After a restart: judge every worker's slice. A wrong slice is recorded (not thrown) and the
 * model resynchronised to the stored state, so a long run can count failures.
 */
export async function verifyDml(server: RocklingServer, workers: DmlWorker[]): Promise<VerifyResult> {
  const c = await connect(server);
  const res: VerifyResult = { inflightApplied: 0, inflightAbsent: 0, lost: [], halfApplied: [] };
  try {
    await columnsAgree(c, 'pk');
    for (const w of workers) await columnsAgree(c, `d${w.n}`);
    const got = await stored(c, workers);
    for (const w of workers) {
      const s = got.get(w.n) as DmlModel;
      const v: Verdict = judge(s, w.model, w.pending);
      if (v.kind === 'inflight-applied') res.inflightApplied++;
      else if (v.kind === 'acknowledged' && w.pending !== null) res.inflightAbsent++;
      else if (v.kind === 'lost') res.lost.push(`worker ${w.n}: ${v.entities.join(', ')}`);
      else if (v.kind === 'half-applied') res.halfApplied.push(`worker ${w.n}: ${v.entities.join(', ')}`);
      w.model = v.kind === 'acknowledged' ? w.model : cloneModel(s);
      w.pending = null;
    }
  } finally {
    await c.end();
  }
  return res;
}

/** One crash moment: run the workload, SIGKILL after `killAfterMs`, restart, verify. */
export async function crashDmlMoment(
  server: RocklingServer,
  workers: DmlWorker[],
  killAfterMs: number,
  minAcknowledged = 0,
): Promise<{ counts: Counts } & VerifyResult> {
  const counts = new Map<string, number>();
  const running = runUntilKilled(server, workers, counts);
  await new Promise((r) => setTimeout(r, killAfterMs));
  // On a loaded machine (CI) a moment may come before any statement finished: wait for a few.
  const acked = (): number => [...counts].reduce((a, [k, v]) => (k === 'refused' ? a : a + v), 0);
  for (let waited = 0; acked() < minAcknowledged && waited < 30_000; waited += 50)
    await new Promise((r) => setTimeout(r, 50));
  await server.kill9();
  await running;
  await server.restart();
  // The port may answer before every subsystem finished loading: retry connection-level errors.
  for (let attempt = 0; ; attempt++) {
    try {
      return { counts, ...(await verifyDml(server, workers)) };
    } catch (e) {
      if (attempt >= 50) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
