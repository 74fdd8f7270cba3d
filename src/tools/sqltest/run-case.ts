/** Execute one SQL-tester case against a MySQL-protocol server, the way the upstream runner does. */
import { randomBytes, randomUUID } from 'node:crypto';
import { exec } from 'node:child_process';
import mysql from 'mysql2/promise';
import type { Block, Step, TestCase } from './case-file.js';
import { compareShellResult, compareSqlResult, isResultSkipped, type Verdict } from './compare.js';
import { runHelper } from './functions.js';
import { pythonErrorText } from './python-text.js';
import { renderRows, type ColumnInfo } from './render.js';

export interface Target {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly httpPort: number;
  /** The `test/` directory of the corpus (`${root_path}`). */
  readonly rootPath: string;
}

export interface CaseOutcome {
  readonly ok: boolean;
  /** Passed only because expected and actual errors were compared loosely. */
  readonly relaxedOnly: boolean;
  readonly why: string;
  readonly line: number;
  readonly ms: number;
}

const STATEMENT_TIMEOUT_MS = 60_000;
const FE_CONFIGS = ['mv_refresh_fail_on_filter_data', 'enable_mv_refresh_query_rewrite'];

/** Values captured by `name=` steps, kept as Python would index them. */
type Captured = string | string[][] | [number, string];

class CaseRun {
  private readonly vars = new Map<string, Captured>();
  private readonly uuids = new Map<string, string>();
  private readonly env = new Map<string, string>();
  relaxedUsed = false;

  /** Databases of the case (`${db[0]}`), known once the statements have been scanned. */
  dbs: readonly string[] = [];

  constructor(
    private readonly conn: mysql.Connection,
    private readonly target: Target,
    private readonly relaxedErrors: boolean,
  ) {}

  substitute(text: string): string {
    return text.replace(
      /\$\{([a-zA-Z_][a-zA-Z0-9_]*)((?:\[\d+\])*)\}/g,
      (whole, name: string, index: string) => {
        const uuid = /^uuid(\d+)$/.exec(name);
        if (uuid !== null) {
          let v = this.uuids.get(name);
          if (v === undefined) {
            v = randomUUID().replaceAll('-', '');
            this.uuids.set(name, v);
          }
          return v;
        }
        const base = this.lookup(name);
        if (base === undefined) return whole;
        let value: unknown = base;
        for (const m of index.matchAll(/\[(\d+)\]/g)) value = (value as unknown[])[Number(m[1])];
        return String(value);
      },
    );
  }

  private lookup(name: string): Captured | string[] | string | undefined {
    const config: Record<string, string> = {
      url: `http://${this.target.host}:${this.target.httpPort}`,
      root_path: this.target.rootPath,
      mysql_host: this.target.host,
      mysql_port: String(this.target.port),
      mysql_user: this.target.user,
      mysql_password: this.target.password,
    };
    if (name === 'db') return [...this.dbs];
    return this.vars.get(name) ?? config[name];
  }

  async sqlText(sql: string): Promise<{ text: string; rows: string[][] }> {
    try {
      const [result, fields] = await this.conn.query({
        sql,
        timeout: STATEMENT_TIMEOUT_MS,
        rowsAsArray: true,
        typeCast: (field, next) => (field.type === 'NULL' ? next() : field.buffer()),
      });
      // Several statements in one text answer several results; like the upstream runner, read the first.
      const multi =
        Array.isArray(fields) && (fields as unknown[]).some((f) => f === undefined || Array.isArray(f));
      const rowsRaw = (multi ? (result as unknown[])[0] : result) as unknown;
      const cols = (multi ? (fields as unknown[])[0] : fields) as ColumnInfo[] | undefined;
      if (!Array.isArray(rowsRaw) || cols === undefined) return { text: '', rows: [] };
      const rows = renderRows(rowsRaw as (Buffer | null)[][], cols);
      return { text: rows.map((r) => r.join('\t')).join('\n'), rows };
    } catch (error) {
      const e = error as { errno?: number; sqlMessage?: string; message?: string };
      if (e.errno === undefined) throw error;
      return { text: pythonErrorText(e.errno, e.sqlMessage ?? e.message ?? ''), rows: [] };
    }
  }

  async runStep(step: Step): Promise<Verdict> {
    const text = this.substitute(step.text);
    if (step.kind === 'sql') return this.runSql(step, text);
    if (step.kind === 'shell') return this.runShell(step, text);
    return this.runFunction(step, text);
  }

  private async runSql(step: Step, sql: string): Promise<Verdict> {
    const { text, rows } = await this.sqlText(sql);
    if (step.capture !== null) this.vars.set(step.capture, rows.length > 0 ? rows : text);
    if (step.unchecked) return { ok: true };
    if (step.expected === null || step.expected.length === 0) {
      return text.startsWith('E:') ? { ok: false, why: `unexpected error ${text}` } : { ok: true };
    }
    if (isResultSkipped(sql))
      return text.startsWith('E:') && !step.expected.join('\n').startsWith('E:')
        ? { ok: false, why: text }
        : { ok: true };
    const strict = compareSqlResult(step.expected, text, step.ordered, false);
    if (strict.ok || !this.relaxedErrors) return strict;
    const relaxed = compareSqlResult(step.expected, text, step.ordered, true);
    if (relaxed.ok) this.relaxedUsed = true;
    return relaxed;
  }

  private async runShell(step: Step, command: string): Promise<Verdict> {
    // `export NAME=value` (e.g. TZ before `date`) holds for the case's later shell steps.
    const exported = /^export\s+([A-Za-z_][A-Za-z0-9_]*)=(\S*)\s*;?\s*$/.exec(command);
    if (exported !== null) this.env.set(exported[1] ?? '', exported[2] ?? '');
    // Upstream paths go through test/lib (`${root_path}/lib/../common/…`), which the corpus lacks.
    const cmd = command.replaceAll('curl', 'curl -sS').replaceAll('/lib/../', '/');
    const { code, out } = await new Promise<{ code: number; out: string }>((resolve) => {
      exec(
        cmd,
        {
          shell: '/bin/sh',
          timeout: 120_000,
          cwd: this.target.rootPath,
          env: { ...process.env, ...Object.fromEntries(this.env) },
        },
        (error, stdout, stderr) => {
          const c = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
          resolve({ code: c, out: (c === 0 ? stdout : stderr).replace(/\n$/, '') });
        },
      );
    });
    if (step.capture !== null) this.vars.set(step.capture, [code, out]);
    if (step.unchecked) return { ok: true };
    if (step.expected === null || step.expected.length === 0)
      return code === 0 ? { ok: true } : { ok: false, why: `exit ${code}: ${out.slice(0, 200)}` };
    return compareShellResult(step.expected, code, out);
  }

  private async runFunction(step: Step, call: string): Promise<Verdict> {
    let value: string;
    try {
      value = await runHelper(
        {
          query: async (sql) => {
            const { text, rows } = await this.sqlText(sql);
            if (text.startsWith('E:')) throw new Error(text);
            return rows;
          },
          sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
        },
        call,
      );
    } catch (error) {
      return {
        ok: false,
        why: `function ${call.slice(0, 80)}: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    if (step.capture !== null) this.vars.set(step.capture, value);
    if (step.unchecked || step.expected === null || step.expected.length === 0) return { ok: true };
    const expected = step.expected.join('\n');
    return expected === value
      ? { ok: true }
      : { ok: false, why: `function returned ${value}, expected ${expected}` };
  }

  async runBlocks(blocks: readonly Block[]): Promise<{ verdict: Verdict; line: number }> {
    for (const block of blocks) {
      if (block.kind !== 'step')
        return {
          verdict: { ok: false, why: `${block.kind.toUpperCase()} blocks are not supported by this runner` },
          line: 0,
        };
      const verdict = await this.runStep(block.step);
      if (!verdict.ok) return { verdict, line: block.step.line };
    }
    return { verdict: { ok: true }, line: 0 };
  }
}

/** Databases a case creates: the last token of every statement containing CREATE DATABASE. */
function createdDatabases(blocks: readonly Block[], substitute: (s: string) => string): string[] {
  const out: string[] = [];
  const visit = (bs: readonly Block[]): void => {
    for (const b of bs) {
      if (b.kind === 'step' && /create database/i.test(b.step.text)) {
        const tokens = substitute(b.step.text).trim().split(/\s+/);
        const last = (tokens[tokens.length - 1] ?? '').replace(/;$/, '');
        if (last !== '') out.push(last);
      } else if (b.kind === 'loop') visit(b.body);
      else if (b.kind === 'concurrency') b.groups.forEach((g) => visit(g.body));
    }
  };
  visit(blocks);
  return out;
}

async function connect(target: Target, database?: string): Promise<mysql.Connection> {
  return mysql.createConnection({
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    multipleStatements: true,
    connectTimeout: 10_000,
    ...(database === undefined ? {} : { database }),
  });
}

async function quietly(conn: mysql.Connection, sql: string): Promise<void> {
  try {
    await conn.query(sql);
  } catch {
    // Setup and cleanup statements may legitimately fail (e.g. MySQL has no ADMIN SET).
  }
}

/** StarRocks wants FORCE to skip the recycle bin; MySQL does not know the word. */
async function dropDatabase(conn: mysql.Connection, db: string): Promise<void> {
  try {
    await conn.query(`DROP DATABASE IF EXISTS ${db} FORCE`);
  } catch {
    await quietly(conn, `DROP DATABASE IF EXISTS ${db}`);
  }
}

/** Run one case on a fresh connection; never throws. */
export async function runCase(tc: TestCase, target: Target, relaxedErrors: boolean): Promise<CaseOutcome> {
  const started = performance.now();
  const done = (ok: boolean, why: string, line: number, relaxedOnly = false): CaseOutcome => ({
    ok,
    why,
    line,
    relaxedOnly,
    ms: performance.now() - started,
  });
  let conn: mysql.Connection | undefined;
  try {
    conn = await connect(target);
    const run = new CaseRun(conn, target, relaxedErrors);
    const created = createdDatabases(tc.blocks, (s) => run.substitute(s));
    for (const db of created) await dropDatabase(conn, db);
    run.dbs = created.length > 0 ? created : [`test_db_${randomBytes(16).toString('hex')}`];
    if (created.length === 0) {
      await conn.query(`CREATE DATABASE ${run.dbs[0]}`);
      await conn.query(`USE ${run.dbs[0]}`);
    }
    await quietly(conn, 'SET autocommit = 0');
    for (const key of FE_CONFIGS) await quietly(conn, `ADMIN SET FRONTEND CONFIG ("${key}" = "true")`);
    const { verdict, line } = await run.runBlocks(tc.blocks);
    for (const db of run.dbs) await dropDatabase(conn, db);
    return verdict.ok ? done(true, '', 0, run.relaxedUsed) : done(false, verdict.why, line);
  } catch (error) {
    return done(false, `runner: ${error instanceof Error ? error.message : String(error)}`, 0);
  } finally {
    await conn?.end().catch(() => undefined);
  }
}
