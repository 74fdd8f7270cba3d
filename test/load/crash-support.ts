/**
 * Crash-test helpers shared by test/load/crash.test.ts and bench/load/crash.ts: run loads against
 * a server, kill it mid-flight, and retry each load by label after the restart.
 */
import { request } from 'node:http';
import { createConnection } from 'mysql2/promise';
import type { RocklingServer } from '../../src/testing/index.js';

export interface LoadSpec {
  readonly label: string;
  readonly rows: number;
  /** Transaction Stream Load (begin/load/prepare/commit) instead of one PUT. */
  readonly txn: boolean;
}

const AUTH = `Basic ${Buffer.from('root:').toString('base64')}`;

export function bodyOf(spec: LoadSpec): string {
  let out = '';
  for (let i = 0; i < spec.rows; i++) out += `${spec.label}\t${i}\tpayload-${i}-${spec.label}\n`;
  return out;
}

/** One request with Expect: 100-continue, following a 307; rejects on connection errors. */
export function call(
  url: string,
  method: string,
  headers: Record<string, string>,
  body = '',
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(body);
    const req = request(url, {
      method,
      headers: { ...headers, Authorization: AUTH, Expect: '100-continue', 'Content-Length': data.length },
    });
    req.on('continue', () => req.end(data));
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('error', reject);
      res.on('end', () => {
        if (res.statusCode === 307 && typeof res.headers.location === 'string') {
          req.destroy();
          call(res.headers.location, method, headers, body).then(resolve, reject);
          return;
        }
        try {
          resolve(JSON.parse(text) as Record<string, unknown>);
        } catch (e) {
          reject(e as Error);
        }
      });
    });
    req.on('error', (e) => reject(e));
    req.flushHeaders();
  });
}

async function streamLoad(server: RocklingServer, spec: LoadSpec): Promise<Record<string, unknown>> {
  return call(
    `http://127.0.0.1:${server.httpPort}/api/crash/t/_stream_load`,
    'PUT',
    { label: spec.label },
    bodyOf(spec),
  );
}

async function txnLoad(server: RocklingServer, spec: LoadSpec, skipBegin = false): Promise<string> {
  const base = `http://127.0.0.1:${server.httpPort}/api/transaction`;
  const h = { db: 'crash', table: 't', label: spec.label, timeout: '600' };
  if (!skipBegin) {
    const b = await call(`${base}/begin`, 'POST', h);
    if (b.Status === 'LABEL_ALREADY_EXISTS') return `exists:${String(b.ExistingJobStatus)}`;
    if (b.Status !== 'OK') throw new Error(`begin: ${JSON.stringify(b)}`);
    const l = await call(`${base}/load`, 'PUT', h, bodyOf(spec));
    if (l.Status !== 'OK') throw new Error(`load: ${JSON.stringify(l)}`);
    const p = await call(`${base}/prepare`, 'POST', h);
    if (p.Status !== 'OK') throw new Error(`prepare: ${JSON.stringify(p)}`);
  }
  const c = await call(`${base}/commit`, 'POST', h);
  if (c.Status !== 'OK') throw new Error(`commit: ${JSON.stringify(c)}`);
  return 'OK';
}

/**
 * Start every load, kill -9 the server after `killAfterMs`, and return the labels whose load was
 * acknowledged (Success / commit OK) before the kill.
 */
export async function crashMoment(
  server: RocklingServer,
  specs: readonly LoadSpec[],
  killAfterMs: number,
): Promise<string[]> {
  const acknowledged: string[] = [];
  const runs = specs.map(async (s) => {
    try {
      if (s.txn) {
        if ((await txnLoad(server, s)) === 'OK') acknowledged.push(s.label);
      } else if ((await streamLoad(server, s)).Status === 'Success') acknowledged.push(s.label);
    } catch {
      // cut off by the kill
    }
  });
  await new Promise((r) => setTimeout(r, killAfterMs));
  await server.kill9();
  await Promise.all(runs);
  return acknowledged;
}

/** After a restart: retry with the same label until the label is known to be loaded. */
export async function retryLabel(server: RocklingServer, spec: LoadSpec): Promise<void> {
  if (!spec.txn) {
    const r = await streamLoad(server, spec);
    if (r.Status === 'Success') return;
    if (r.Status === 'Label Already Exists' && r.ExistingJobStatus === 'FINISHED') return;
    throw new Error(`retry ${spec.label}: ${JSON.stringify(r)}`);
  }
  const outcome = await txnLoad(server, spec);
  if (outcome === 'OK' || outcome === 'exists:FINISHED') return;
  // A transaction PREPARED before the kill survived the restart: commit it (Flink's recovery).
  if (outcome === 'exists:RUNNING' && (await txnLoad(server, spec, true)) === 'OK') return;
  throw new Error(`retry ${spec.label}: ${outcome}`);
}

/** After (re)start: wait until the HTTP side answers (it starts after the MySQL listener). */
export async function waitForHttp(server: RocklingServer, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const req = request(`http://127.0.0.1:${server.httpPort}/api/health`, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
      req.end();
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`HTTP side not up:\n${server.log()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Rows per label in crash.t for the given labels (absent labels: 0). */
export async function labelCounts(
  server: RocklingServer,
  labels: readonly string[],
): Promise<Map<string, number>> {
  const mysql = await createConnection({ host: '127.0.0.1', port: server.port, user: 'root' });
  try {
    const [rows] = await mysql.query(
      'SELECT label, count(*) AS n FROM crash.t WHERE label IN (?) GROUP BY label',
      [labels],
    );
    const counts = new Map(labels.map((l) => [l, 0]));
    for (const r of rows as { label: string; n: number | string }[]) counts.set(r.label, Number(r.n));
    return counts;
  } finally {
    await mysql.end();
  }
}

/** What one kill did, checked right after the restart and before any retry. */
export interface MomentCheck {
  /** Loads that answered Success/OK before the kill but are missing (or short) after the restart. */
  readonly lost: string[];
  /** Labels with some but not all of their rows (a load that was not atomic). */
  readonly partial: string[];
  /** Loads present in full although they never answered (committed just before the kill: fine). */
  readonly unacknowledgedPresent: number;
}

export async function checkAfterRestart(
  server: RocklingServer,
  specs: readonly LoadSpec[],
  acknowledged: readonly string[],
): Promise<MomentCheck> {
  const counts = await labelCounts(
    server,
    specs.map((s) => s.label),
  );
  const ack = new Set(acknowledged);
  const lost: string[] = [];
  const partial: string[] = [];
  let unacknowledgedPresent = 0;
  for (const s of specs) {
    const n = counts.get(s.label) ?? 0;
    if (ack.has(s.label) && n !== s.rows) lost.push(s.label);
    if (n !== 0 && n !== s.rows) partial.push(s.label);
    if (!ack.has(s.label) && n === s.rows) unacknowledgedPresent++;
  }
  return { lost, partial, unacknowledgedPresent };
}
