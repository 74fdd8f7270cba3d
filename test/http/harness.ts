/**
 * Test harness: a real database in a temp dir, the load service and both HTTP servers on free
 * ports, plus helpers to run SQL in-process and to call the HTTP API with curl and node:http.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoadService } from '../../src/load/index.js';
import { createLogger } from '../../src/server/index.js';
import { startHttpServers, type RunningHttp } from '../../src/server/http/index.js';
import { openDatabase } from '../../src/session/database.js';
import type { Value } from '../../src/types/index.js';

/** The fields of a Stream Load response, in StarRocks' order. */
export const STREAM_LOAD_FIELDS = [
  'TxnId',
  'Label',
  'Status',
  'Message',
  'NumberTotalRows',
  'NumberLoadedRows',
  'NumberFilteredRows',
  'NumberUnselectedRows',
  'LoadBytes',
  'LoadTimeMs',
  'BeginTxnTimeMs',
  'StreamLoadPlanTimeMs',
  'ReadDataTimeMs',
  'WriteDataTimeMs',
  'CommitAndPublishTimeMs',
];

export interface Harness {
  readonly fe: string;
  readonly be: string;
  readonly dir: string;
  readonly load: LoadService;
  sql(text: string): Promise<Value[][]>;
  close(): Promise<void>;
}

export async function startHarness(
  options: { dir?: string; labelKeepSeconds?: number; segmentBytes?: number } = {},
): Promise<Harness> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'rockling-http-'));
  const db = await openDatabase({ dataDir: dir, threads: 2 });
  const load = await LoadService.open(db.engine, db.catalog, {
    ...(options.labelKeepSeconds !== undefined ? { labelKeepSeconds: options.labelKeepSeconds } : {}),
    ...(options.segmentBytes !== undefined ? { segmentBytes: options.segmentBytes } : {}),
  });
  const http: RunningHttp = await startHttpServers({
    host: '127.0.0.1',
    httpPort: 0,
    beHttpPort: 0,
    load,
    lookupUser: (u, h) => db.lookupUser(u, h),
    logger: createLogger('error'),
  });
  const session = await db.openInternalSession();
  return {
    fe: `http://127.0.0.1:${http.httpPort}`,
    be: `http://127.0.0.1:${http.beHttpPort}`,
    dir,
    load,
    async sql(text) {
      const out: Value[][] = [];
      for await (const r of session.query(text)) {
        if (r.kind !== 'rows') continue;
        for await (const b of r.batches) for (const row of b) out.push([...row]);
      }
      return out;
    },
    async close() {
      await http.close();
      await load.close();
      await session.close();
      await db.close();
      if (options.dir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface CurlResult {
  readonly code: number;
  readonly body: string;
  readonly json: Record<string, unknown>;
}

/** Run curl; `-w` appends the HTTP code on the last line. */
export function curl(args: readonly string[], stdin?: string | Buffer): Promise<CurlResult> {
  return new Promise((resolve, reject) => {
    const p = spawn('curl', ['-sS', '-w', '\n%{http_code}', ...args]);
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    p.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    p.on('error', reject);
    p.on('close', (code) => {
      if (code !== 0) return reject(new Error(`curl exited ${code}: ${err}`));
      const nl = out.lastIndexOf('\n');
      const body = out.slice(0, nl);
      resolve({ code: Number(out.slice(nl + 1)), body, json: parseObject(body) });
    });
    if (stdin !== undefined) p.stdin.end(stdin);
    else p.stdin.end();
  });
}

export interface HttpResult {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  readonly json: Record<string, unknown>;
  /** Whether a 100 Continue arrived. */
  readonly continued: boolean;
}

/** One node:http request; with `expect` the body is sent only after 100 Continue (like HttpClient). */
export function http(
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: string | Buffer,
  expect = true,
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body);
    const h: Record<string, string | number> = { ...headers };
    if (data !== undefined) h['Content-Length'] = data.length;
    if (expect) h.Expect = '100-continue';
    const req = request(url, { method, headers: h });
    let continued = false;
    req.on('continue', () => {
      continued = true;
      req.end(data);
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString('utf8')));
      res.on('end', () => {
        // A final answer without 100 Continue: the body is never sent; drop the connection.
        if (!continued && expect) req.destroy();
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: text,
          json: parseObject(text),
          continued,
        });
      });
    });
    req.on('error', (e) => (continued || !expect ? reject(e) : undefined));
    if (!expect) req.end(data);
    else req.flushHeaders();
  });
}

/** Follow a 307 like Apache HttpClient does for the connectors: same method, headers and body. */
export async function httpFollow(
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<HttpResult & { redirected: HttpResult | null }> {
  const first = await http(method, url, headers, body, true);
  if (first.status !== 307) return { ...first, redirected: null };
  const location = first.headers.location;
  if (typeof location !== 'string') throw new Error('307 without Location');
  const second = await http(method, location, headers, body, true);
  return { ...second, redirected: first };
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** The JSON object in a body, or {} when it is not one. */
export function parseObject(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
