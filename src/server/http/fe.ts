/**
 * The FE role (port 8030): authenticate, then send Stream Load and transaction requests to the BE
 * port with `307 Temporary Redirect` — without reading the body and without `100 Continue`
 * (clients wait for an interim answer and must get the 307 instead, so the body goes to the BE
 * only). Also label polling (`get_load_state`), /metrics and /api/health.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { feFailure, loadStateJson, restFailureJson, txnJson, type LoadService } from '../../load/index.js';
import { authenticate, type LookupUser } from './auth.js';
import { requestHost, sendJson, sendText } from './reply.js';

export interface FeContext {
  readonly load: LoadService;
  readonly lookupUser: LookupUser;
  readonly bePort: () => number;
  readonly host: string;
}

const STREAM_LOAD = /^\/api\/([^/]+)\/([^/]+)\/_stream_load$/;
const TXN = /^\/api\/transaction\/([^/]+)$/;
const LOAD_STATE = /^\/api\/([^/]+)\/get_load_state$/;
export const TXN_OPS = new Set(['begin', 'load', 'prepare', 'commit', 'rollback']);

function header(req: IncomingMessage, name: string): string {
  const v = req.headers[name];
  return typeof v === 'string' ? v : Array.isArray(v) ? (v[0] ?? '') : '';
}

async function authOr401(ctx: FeContext, req: IncomingMessage, res: ServerResponse): Promise<string | null> {
  const auth = await authenticate(req, ctx.lookupUser);
  if (auth.ok) return auth.user;
  res.setHeader('WWW-Authenticate', 'Basic realm=""');
  sendJson(res, 401, restFailureJson(auth.message), true);
  return null;
}

function redirect(ctx: FeContext, req: IncomingMessage, res: ServerResponse): void {
  // Path and query verbatim, scheme forced to http (StarRocks' LoadAction builds it the same way).
  const location = `http://${requestHost(req.headers.host, ctx.host)}:${ctx.bePort()}${req.url ?? '/'}`;
  if (res.headersSent) return;
  res.writeHead(307, { Location: location, 'Content-Length': 0, Connection: 'close' });
  res.end();
}

/** Handle one FE request (`expect`: the client sent Expect: 100-continue and waits). */
export async function handleFe(
  ctx: FeContext,
  req: IncomingMessage,
  res: ServerResponse,
  expect: boolean,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://fe');
  const path = url.pathname;
  const method = req.method ?? 'GET';
  if (method === 'PUT' && STREAM_LOAD.test(path)) {
    if ((await authOr401(ctx, req, res)) === null) return;
    if (req.httpVersion === '1.1' && !expect) {
      return sendJson(
        res,
        200,
        JSON.stringify({
          Status: 'FAILED',
          Message: 'class com.starrocks.common.DdlException: There is no 100-continue header',
        }),
        true,
      );
    }
    return redirect(ctx, req, res);
  }
  const txn = TXN.exec(path);
  if (txn !== null && (method === 'POST' || method === 'PUT')) {
    if ((await authOr401(ctx, req, res)) === null) return;
    const op = (txn[1] as string).toLowerCase();
    if (!TXN_OPS.has(op))
      return sendJson(res, 200, txnJson(feFailure(`Unsupported transaction operation: ${op}`)), true);
    if (header(req, 'db') === '')
      return sendJson(res, 200, txnJson(feFailure('No database selected.')), true);
    if (header(req, 'label') === '') return sendJson(res, 200, txnJson(feFailure('Empty label.')), true);
    return redirect(ctx, req, res);
  }
  if (method === 'GET' && LOAD_STATE.test(path)) {
    if ((await authOr401(ctx, req, res)) === null) return;
    return loadState(ctx, decodeURIComponent(LOAD_STATE.exec(path)?.[1] ?? ''), url, res);
  }
  return common(ctx, method, path, res);
}

export async function loadState(ctx: FeContext, db: string, url: URL, res: ServerResponse): Promise<void> {
  const label = url.searchParams.get('label') ?? '';
  if (label === '') return sendJson(res, 200, restFailureJson('No label selected'));
  try {
    sendJson(res, 200, loadStateJson(await ctx.load.loadState(db, label)));
  } catch (e) {
    sendJson(res, 200, restFailureJson((e as Error).message));
  }
}

/** /metrics, /api/health and 404, shared by both roles. */
export function common(ctx: { load: LoadService }, method: string, path: string, res: ServerResponse): void {
  if (method === 'GET' && path === '/metrics') return sendText(res, 200, ctx.load.metrics.render());
  if (method === 'GET' && path === '/api/health')
    return sendJson(res, 200, JSON.stringify({ status: 'OK', msg: 'Success' }));
  sendJson(res, 404, restFailureJson(`Not found: ${method} ${path}`), true);
}
