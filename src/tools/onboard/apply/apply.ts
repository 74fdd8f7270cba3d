/**
 * `rockling onboard apply`: run a plan's statements against a MySQL-protocol target (StarRocks,
 * Rockling, or MySQL/MariaDB for `--dialect mysql` plans) in dependency order, idempotently,
 * stopping at the first error, and record what was done in the bookkeeping table.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import {
  ensureBookkeeping,
  readEvents,
  recordEvent,
  type Dialect,
  type EventStatus,
  type Stage,
  type StoredEvent,
} from '../bookkeeping.js';
import type { PlanManifest } from '../render/index.js';
import { applySets, orderStatements, placeholders, prepare, type PlanStatement } from './statements.js';

export interface ApplyOptions {
  readonly planDir: string;
  readonly target: string | null;
  readonly dryRun: boolean;
  /** Stage the applied objects count for: 3 (dev/test) or 4 (production). */
  readonly stage: 3 | 4;
  readonly vars: ReadonlyMap<string, string>;
  /** `--set key=value`: property values for this environment (statements.ts `applySets`). */
  readonly sets?: ReadonlyMap<string, string>;
  readonly replication: number | null;
  /** Only these plan files (default: all SQL files of the manifest). */
  readonly files: readonly string[] | null;
  readonly log: (line: string) => void;
}

export interface StepResult {
  readonly statement: PlanStatement;
  readonly status: EventStatus | 'pending';
  readonly message: string;
}

export interface ApplyResult {
  readonly ok: boolean;
  readonly steps: readonly StepResult[];
  readonly dialect: Dialect | null;
  /** The failing statement and the server's message. */
  readonly error?: { readonly statement: PlanStatement; readonly message: string };
}

/** Read the plan directory: manifest and ordered statements. */
export async function readPlanDir(
  dir: string,
  only: readonly string[] | null,
): Promise<{ manifest: PlanManifest; statements: PlanStatement[] }> {
  const manifest = JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8')) as PlanManifest;
  const names = only ?? manifest.sqlFiles;
  const files = await Promise.all(
    names.map(async (name) => ({ name, text: await readFile(join(dir, name), 'utf8') })),
  );
  return { manifest, statements: orderStatements(files, manifest.database) };
}

/** Open a connection from `mysql://user:pass@host:port[/db]`. */
export async function connect(target: string): Promise<mysql.Connection> {
  const url = new URL(target);
  if (url.protocol !== 'mysql:')
    throw new Error(`--target must be mysql://user:pass@host:port[/db], got ${url.protocol}`);
  return mysql.createConnection({
    host: url.hostname,
    port: Number(url.port || 9030),
    user: decodeURIComponent(url.username || 'root'),
    password: decodeURIComponent(url.password),
    ...(url.pathname.length > 1 ? { database: decodeURIComponent(url.pathname.slice(1)) } : {}),
    dateStrings: true,
    connectTimeout: 10_000,
  });
}

/** StarRocks (and Rockling) say so in @@version_comment. */
export async function detectDialect(conn: mysql.Connection): Promise<Dialect> {
  const [rows] = await conn.query('SELECT @@version_comment AS c');
  const comment = String((rows as Array<Record<string, unknown>>)[0]?.['c'] ?? '');
  return /starrocks|rockling/i.test(comment) ? 'starrocks' : 'mysql';
}

async function exists(conn: mysql.Connection, s: PlanStatement, dialect: Dialect): Promise<boolean> {
  const rows = async (sql: string, values: unknown[] = []): Promise<unknown[]> => {
    try {
      const [r] = await conn.query(sql, values);
      return Array.isArray(r) ? r : [];
    } catch {
      return []; // a check that cannot run proves nothing; the statement itself decides
    }
  };
  switch (s.kind) {
    case 'database':
      return (
        (await rows('SELECT 1 FROM information_schema.schemata WHERE schema_name = ?', [s.name])).length > 0
      );
    case 'table':
    case 'mv':
      if (
        (
          await rows('SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?', [
            s.db,
            s.name,
          ])
        ).length > 0
      )
        return true;
      // Synchronous MVs are rollups of their base table: listed by SHOW MATERIALIZED VIEWS only.
      return (
        s.kind === 'mv' &&
        dialect === 'starrocks' &&
        (await rows(`SHOW MATERIALIZED VIEWS FROM \`${s.db ?? ''}\` WHERE NAME = ?`, [s.name])).length > 0
      );
    case 'resource-group':
      return dialect === 'starrocks' && (await rows(`SHOW RESOURCE GROUP ${s.name ?? ''}`)).length > 0;
    case 'catalog':
      return (
        dialect === 'starrocks' &&
        (await rows('SHOW CATALOGS')).some((r) => Object.values(r as object).includes(s.name))
      );
    case 'routine-load':
      return (
        dialect === 'starrocks' &&
        (await rows(`SHOW ROUTINE LOAD FOR ${s.db ?? ''}.${s.name ?? ''}`)).length > 0
      );
    case 'stock-load':
    case 'other':
      return false;
  }
}

function alreadyThere(error: unknown): boolean {
  const e = error as { errno?: number; message?: string };
  return (
    e.errno === 1050 ||
    e.errno === 1007 ||
    e.errno === 5501 ||
    /already (exists?|been used)|exists already/i.test(e.message ?? '')
  );
}

function stageOf(s: PlanStatement, stage: Stage): Stage {
  return s.kind === 'resource-group' ? 2 : stage;
}

/** The highest `replication_num` the plan's statements ask for. */
function plannedReplication(statements: readonly PlanStatement[]): number {
  let max = 0;
  for (const s of statements)
    for (const m of s.sql.matchAll(/"replication_num"\s*=\s*"([0-9]+)"/g)) max = Math.max(max, Number(m[1]));
  return max;
}

/**
 * Without --replication: a target with fewer backends than the plan's replicas would refuse every
 * table and MV (StarRocks: replication num > available BEs), so use the backend count — 1 for a
 * single-node Rockling — and say so.
 */
async function targetReplication(
  conn: mysql.Connection,
  dialect: Dialect,
  statements: readonly PlanStatement[],
  log: (line: string) => void,
): Promise<number | null> {
  const planned = plannedReplication(statements);
  if (dialect !== 'starrocks' || planned <= 1) return null;
  let nodes: number;
  const [v] = await conn.query('SELECT @@version_comment AS c');
  if (/rockling/i.test(String((v as Array<Record<string, unknown>>)[0]?.['c'] ?? ''))) nodes = 1;
  else {
    try {
      const [r] = await conn.query('SHOW BACKENDS');
      nodes = (r as Array<Record<string, unknown>>).filter((b) => String(b['Alive']) === 'true').length;
    } catch {
      return null; // no privilege to look: keep the plan's replicas
    }
  }
  if (nodes <= 0 || nodes >= planned) return null;
  log(
    `note: the target has ${nodes} backend(s); replication_num ${planned} → ${nodes} (override with --replication)`,
  );
  return nodes;
}

/** Apply `--set` values; a key no statement has is a mistake worth stopping for. */
function withSets(
  statements: readonly PlanStatement[],
  sets: ReadonlyMap<string, string> | undefined,
  log: (line: string) => void,
): PlanStatement[] {
  if (sets === undefined || sets.size === 0) return [...statements];
  const total = new Map<string, number>();
  const out = statements.map((st) => {
    const { sql, hits } = applySets(st.sql, sets);
    for (const [k, n] of hits) total.set(k, (total.get(k) ?? 0) + n);
    return { ...st, sql };
  });
  for (const key of sets.keys()) {
    const n = total.get(key) ?? 0;
    if (n === 0) throw new Error(`--set ${key}: no statement of the plan has a "${key}" property`);
    log(`note: --set ${key} replaces ${n} value(s)`);
  }
  return out;
}

/** Run (or, with dryRun, only check) the plan. */
export async function applyPlan(opts: ApplyOptions): Promise<ApplyResult> {
  const read = await readPlanDir(opts.planDir, opts.files);
  const manifest = read.manifest;
  const statements = withSets(read.statements, opts.sets, opts.log);
  const missing = [...new Set(statements.flatMap((s) => placeholders(prepare(s.sql, opts.vars, null))))];
  if (opts.target === null) {
    statements.forEach((s, i) =>
      opts.log(`${String(i + 1).padStart(3)}. [${s.kind}] ${s.item}  (${s.file}:${s.line})`),
    );
    if (missing.length > 0) opts.log(`placeholders to supply with --var NAME=value: ${missing.join(', ')}`);
    return {
      ok: true,
      steps: statements.map((s) => ({ statement: s, status: 'pending', message: 'dry run, no target' })),
      dialect: null,
    };
  }
  if (missing.length > 0 && !opts.dryRun) {
    throw new Error(`unresolved placeholders (pass --var NAME=value): ${missing.join(', ')}`);
  }
  const conn = await connect(opts.target);
  try {
    const dialect = await detectDialect(conn);
    if (dialect !== manifest.dialect)
      opts.log(`note: the plan is ${manifest.dialect} SQL but the target looks like ${dialect}`);
    const replication = opts.replication ?? (await targetReplication(conn, dialect, statements, opts.log));
    return await run(conn, dialect, manifest, statements, { ...opts, replication });
  } finally {
    await conn.end();
  }
}

async function run(
  conn: mysql.Connection,
  dialect: Dialect,
  manifest: PlanManifest,
  statements: readonly PlanStatement[],
  opts: ApplyOptions,
): Promise<ApplyResult> {
  const history = new Map<string, StoredEvent>();
  if (!opts.dryRun) {
    await ensureBookkeeping(conn, dialect);
    for (const e of await readEvents(conn, manifest.business)) history.set(`${e.stage}|${e.item}`, e);
  }
  const record = async (stage: Stage, item: string, status: EventStatus, detail: string): Promise<void> => {
    if (opts.dryRun) return;
    const prev = history.get(`${stage}|${item}`);
    // Re-running must change nothing: a skip after an ok (or a repeated skip) adds no row.
    if (prev !== undefined && status === 'skipped' && prev.status !== 'failed') return;
    if (prev !== undefined && status === prev.status && status === 'ok') return;
    await recordEvent(conn, { business: manifest.business, stage, item, status, detail });
    history.set(`${stage}|${item}`, {
      business: manifest.business,
      stage,
      item,
      status,
      detail,
      recordedAt: new Date(),
    });
  };
  await record(1, 'form', 'ok', `application form checked for ${manifest.title}`);
  await record(1, 'assessment', 'ok', 'assessment in PLAN.md');
  await record(2, 'design', 'ok', `plan applied from ${opts.planDir}`);
  await record(2, 'resources', 'ok', 'sizing.md and resource-group.sql of the plan');
  const steps: StepResult[] = [];
  for (const [i, s] of statements.entries()) {
    const stage = stageOf(s, opts.stage);
    const prefix = `${String(i + 1).padStart(3)}/${statements.length} ${s.item}`;
    const labelDone = s.kind === 'stock-load' && history.get(`${stage}|${s.item}`)?.status === 'ok';
    if (labelDone || (await exists(conn, s, dialect))) {
      steps.push({ statement: s, status: 'skipped', message: 'already there' });
      opts.log(`${prefix}: already there`);
      await record(stage, s.item, 'skipped', 'already there');
      continue;
    }
    if (opts.dryRun) {
      steps.push({ statement: s, status: 'pending', message: 'would run' });
      opts.log(`${prefix}: would run`);
      continue;
    }
    const sql = prepare(s.sql, opts.vars, opts.replication);
    const started = Date.now();
    try {
      await conn.query(sql);
      steps.push({ statement: s, status: 'ok', message: `done in ${Date.now() - started} ms` });
      opts.log(`${prefix}: ok (${Date.now() - started} ms)`);
      await record(stage, s.item, 'ok', s.sql.split('\n')[0] ?? '');
    } catch (error) {
      if (alreadyThere(error)) {
        steps.push({ statement: s, status: 'skipped', message: 'already there (server said so)' });
        opts.log(`${prefix}: already there`);
        await record(stage, s.item, 'skipped', (error as Error).message);
        continue;
      }
      const e = error as { errno?: number; sqlState?: string; message?: string };
      const message = `ERROR ${e.errno ?? '?'} (${e.sqlState ?? '?'}): ${e.message ?? String(error)}`;
      steps.push({ statement: s, status: 'failed', message });
      await record(stage, s.item, 'failed', `${message}\n${s.sql}`);
      return { ok: false, steps, dialect, error: { statement: s, message } };
    }
  }
  return { ok: true, steps, dialect };
}
