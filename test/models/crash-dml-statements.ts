/**
 * The statements of the DML crash workload: each is generated together with the model it leaves
 * behind when it commits, computed from the worker's acknowledged model. Worker n only names ids
 * and groups ≡ n (mod slots), so no other connection can change what its statements match.
 */
import { cloneModel, type DmlModel, type DupRow } from './crash-dml-model.js';

/** A statement to run and the worker's model once it is applied. */
export interface Statement {
  readonly kind: string;
  readonly sql: string;
  readonly after: DmlModel;
}

interface WorkerState {
  readonly n: number;
  readonly model: DmlModel;
  seq: number;
}

const GROUPS = 5;

function pick<T>(xs: readonly T[]): T | undefined {
  return xs[Math.floor(Math.random() * xs.length)];
}

function upTo(n: number): number {
  return 1 + Math.floor(Math.random() * n);
}

/** Some of the worker's stored ids plus fresh (absent) ones. */
function someIds(w: WorkerState, slots: number, existing: number): number[] {
  const ids = [...w.model.pk.keys()].sort(() => Math.random() - 0.5).slice(0, existing);
  for (let i = 0; i < 2; i++) ids.push(w.n + slots * w.seq++);
  return ids;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function pkStatement(w: WorkerState, slots: number, r: number): Statement {
  const after = cloneModel(w.model);
  const group = (): number => w.n + slots * Math.floor(Math.random() * GROUPS);
  const m = w.seq++;
  if (r < 0.3 || w.model.pk.size < 5) {
    const rows: string[] = [];
    const ids = new Set<number>();
    const old = [...w.model.pk.keys()];
    for (let i = 0; i < upTo(30); i++) {
      const id = Math.random() < 0.3 && old.length > 0 ? (pick(old) as number) : w.n + slots * w.seq++;
      if (ids.has(id)) continue;
      ids.add(id);
      const row = { g: group(), v: m * 100 + i, s: `i${m}` };
      after.pk.set(id, row);
      rows.push(`(${id}, ${row.g}, ${row.v}, '${row.s}')`);
    }
    return { kind: 'pk-insert', sql: `INSERT INTO pk (id, g, v, s) VALUES ${rows.join(', ')}`, after };
  }
  if (r < 0.5) {
    const ids = someIds(w, slots, upTo(20));
    for (const id of ids) {
      const row = after.pk.get(id);
      if (row !== undefined) after.pk.set(id, { ...row, v: m, s: `u${m}` });
    }
    return {
      kind: 'pk-update',
      sql: `UPDATE pk SET v = ${m}, s = 'u${m}' WHERE id IN (${ids.join(', ')})`,
      after,
    };
  }
  if (r < 0.65) {
    const [from, to] = [group(), group()];
    for (const [id, row] of after.pk) {
      if (row.g === from) after.pk.set(id, { g: to, v: row.v + 7, s: `g${m}` });
    }
    return {
      kind: 'pk-update',
      sql: `UPDATE pk SET v = v + 7, g = ${to}, s = 'g${m}' WHERE g = ${from}`,
      after,
    };
  }
  if (r < 0.75) {
    const g = group();
    const t = median([...w.model.pk.values()].filter((x) => x.g === g).map((x) => x.v));
    for (const [id, row] of after.pk) if (row.g === g && row.v > t) after.pk.set(id, { ...row, s: `c${m}` });
    return { kind: 'pk-update', sql: `UPDATE pk SET s = 'c${m}' WHERE g = ${g} AND v > ${t}`, after };
  }
  if (r < 0.9) {
    const ids = someIds(w, slots, upTo(8));
    for (const id of ids) after.pk.delete(id);
    return { kind: 'pk-delete', sql: `DELETE FROM pk WHERE id IN (${ids.join(', ')})`, after };
  }
  const g = group();
  const t = median([...w.model.pk.values()].filter((x) => x.g === g).map((x) => x.v));
  for (const [id, row] of after.pk) if (row.g === g && row.v < t) after.pk.delete(id);
  return { kind: 'pk-delete', sql: `DELETE FROM pk WHERE g = ${g} AND v < ${t}`, after };
}

function dupStatement(w: WorkerState, slots: number, r: number): Statement {
  const after = cloneModel(w.model);
  const t = `d${w.n}`;
  const m = w.seq++;
  if (r < 0.45 || w.model.dup.length === 0) {
    const rows: DupRow[] = [];
    for (let i = 0; i < upTo(30); i++)
      rows.push({ id: w.seq++, g: Math.floor(Math.random() * GROUPS), v: m * 100 + i });
    after.dup.push(...rows);
    const values = rows.map((x) => `(${x.id}, ${x.g}, ${x.v})`).join(', ');
    return { kind: 'dup-insert', sql: `INSERT INTO ${t} (id, g, v) VALUES ${values}`, after };
  }
  const g = (pick(w.model.dup) as DupRow).g;
  if (r < 0.6) {
    after.dup = after.dup.filter((x) => x.g !== g);
    return { kind: 'dup-delete', sql: `DELETE FROM ${t} WHERE g = ${g}`, after };
  }
  if (r < 0.75) {
    const ids = [...new Set(w.model.dup.map((x) => x.id))].sort(() => Math.random() - 0.5).slice(0, upTo(10));
    const gone = new Set(ids);
    after.dup = after.dup.filter((x) => !gone.has(x.id));
    return { kind: 'dup-delete', sql: `DELETE FROM ${t} WHERE id IN (${ids.join(', ')})`, after };
  }
  if (r < 0.88) {
    const v = median(w.model.dup.filter((x) => x.g === g).map((x) => x.v));
    after.dup = after.dup.filter((x) => !(x.g === g && x.v >= v));
    return { kind: 'dup-delete', sql: `DELETE FROM ${t} WHERE g = ${g} AND v >= ${v}`, after };
  }
  // INSERT OVERWRITE from the worker's slice of the shared table (a group only it writes).
  const pg = w.n + slots * Math.floor(Math.random() * GROUPS);
  after.dup = [...w.model.pk].filter(([, x]) => x.g === pg).map(([id, x]) => ({ id, g: x.g, v: x.v }));
  return {
    kind: 'overwrite',
    sql: `INSERT OVERWRITE ${t} (id, g, v) SELECT id, g, v FROM pk WHERE g = ${pg}`,
    after,
  };
}

function ddlStatement(w: WorkerState, r: number): Statement {
  const after = cloneModel(w.model);
  const m = w.seq++;
  if (r < 0.4 || (r < 0.6 && w.model.pkCols.size === 0)) {
    const c = `c${w.n}_${m}`;
    after.pkCols.add(c);
    return { kind: 'ddl', sql: `ALTER TABLE pk ADD COLUMN ${c} INT DEFAULT "7"`, after };
  }
  if (r < 0.6) {
    const c = pick([...w.model.pkCols]) as string;
    after.pkCols.delete(c);
    return { kind: 'ddl', sql: `ALTER TABLE pk DROP COLUMN ${c}`, after };
  }
  if (r < 0.85 || w.model.dupCols.size === 0) {
    const c = `x${m}`;
    after.dupCols.add(c);
    return { kind: 'ddl', sql: `ALTER TABLE d${w.n} ADD COLUMN ${c} INT DEFAULT "7"`, after };
  }
  const c = pick([...w.model.dupCols]) as string;
  after.dupCols.delete(c);
  return { kind: 'ddl', sql: `ALTER TABLE d${w.n} DROP COLUMN ${c}`, after };
}

/** The worker's next statement (PRIMARY KEY DML ~55 %, DUPLICATE DML ~38 %, DDL ~7 %). */
export function pickStatement(w: WorkerState, slots: number): Statement {
  const r = Math.random();
  if (r < 0.55) return pkStatement(w, slots, r / 0.55);
  if (r < 0.93) return dupStatement(w, slots, (r - 0.55) / 0.38);
  return ddlStatement(w, (r - 0.93) / 0.07);
}
