/**
 * The BE role (port 8040): executes Stream Load and the transaction API. Headers are checked
 * (auth, label, table, plan) before `100 Continue` is sent, so errors are answered without reading
 * the body; then `100 Continue` goes out at once and the body streams to the spill area. Every
 * answer is HTTP 200 with StarRocks' JSON. Serves the rejected-row logs behind ErrorURL (no auth,
 * as StarRocks' BE).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  LabelExistsError,
  LoadError,
  streamLoadJson,
  txnJson,
  ZERO_TIMES,
  type LoadService,
  type TxnReply,
} from '../../load/index.js';
import { authenticate, type LookupUser } from './auth.js';
import { common, loadState, TXN_OPS } from './fe.js';
import { requestHost, sendJson, sendText } from './reply.js';

export interface BeContext {
  readonly load: LoadService;
  readonly lookupUser: LookupUser;
  readonly bePort: () => number;
  readonly host: string;
}

const STREAM_LOAD = /^\/api\/([^/]+)\/([^/]+)\/_stream_load$/;
const TXN = /^\/api\/transaction\/([^/]+)$/;
const LOAD_STATE = /^\/api\/([^/]+)\/get_load_state$/;

function contentLength(req: IncomingMessage): number | null {
  const v = req.headers['content-length'];
  return v === undefined || !/^\d+$/.test(v) ? null : Number(v);
}

function failJson(label: string, message: string, existing?: 'RUNNING' | 'FINISHED'): string {
  return streamLoadJson({
    txnId: -1,
    label,
    status: existing !== undefined ? 'Label Already Exists' : 'Fail',
    message,
    ...(existing !== undefined ? { existingJobStatus: existing } : {}),
    totalRows: 0,
    loadedRows: 0,
    filteredRows: 0,
    unselectedRows: 0,
    loadBytes: 0,
    times: ZERO_TIMES,
    errorUrl: null,
  });
}

function errorUrlBase(ctx: BeContext, req: IncomingMessage): string {
  return `http://${requestHost(req.headers.host, ctx.host)}:${ctx.bePort()}`;
}

async function streamLoad(
  ctx: BeContext,
  req: IncomingMessage,
  res: ServerResponse,
  expect: boolean,
  db: string,
  table: string,
): Promise<void> {
  const label = typeof req.headers.label === 'string' ? req.headers.label : '';
  const auth = await authenticate(req, ctx.lookupUser);
  if (!auth.ok) return sendJson(res, 200, failJson(label, auth.message), true);
  let accepted;
  try {
    accepted = await ctx.load.acceptStreamLoad({ db, table, user: auth.user }, req.headers);
  } catch (e) {
    if (e instanceof LabelExistsError)
      return sendJson(res, 200, failJson(e.label, e.message, e.existingJobStatus), true);
    if (e instanceof LoadError) return sendJson(res, 200, failJson(label, e.message), true);
    throw e;
  }
  if (expect) res.writeContinue();
  const result = await accepted.run({
    body: req,
    contentLength: contentLength(req),
    errorUrlBase: errorUrlBase(ctx, req),
  });
  sendJson(res, 200, streamLoadJson(result), !req.complete);
}

/** Read and drop a small request body (begin/prepare/commit/rollback carry none that matters). */
async function drain(req: IncomingMessage): Promise<void> {
  let n = 0;
  for await (const chunk of req) {
    n += (chunk as Buffer).length;
    if (n > 1 << 20) break;
  }
}

async function transaction(
  ctx: BeContext,
  req: IncomingMessage,
  res: ServerResponse,
  expect: boolean,
  op: string,
): Promise<void> {
  const auth = await authenticate(req, ctx.lookupUser);
  if (!auth.ok) return sendJson(res, 200, txnJson({ status: 'FAILED', message: auth.message }), true);
  const txn = ctx.load.txn;
  if (op === 'load') {
    const accepted = await txn.acceptLoad(req.headers);
    if ('status' in accepted) return sendJson(res, 200, txnJson(accepted), true);
    if (expect) res.writeContinue();
    const reply = await accepted.run({
      body: req,
      contentLength: contentLength(req),
      errorUrlBase: errorUrlBase(ctx, req),
    });
    return sendJson(res, 200, txnJson(reply), !req.complete);
  }
  if (expect) res.writeContinue();
  await drain(req);
  let reply: TxnReply;
  if (op === 'begin') reply = await txn.begin(req.headers, auth.user);
  else if (op === 'prepare') reply = await txn.prepare(req.headers);
  else if (op === 'commit') reply = await txn.commit(req.headers);
  else reply = await txn.rollback(req.headers);
  sendJson(res, 200, txnJson(reply));
}

/** Handle one BE request. */
export async function handleBe(
  ctx: BeContext,
  req: IncomingMessage,
  res: ServerResponse,
  expect: boolean,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://be');
  const path = url.pathname;
  const method = req.method ?? 'GET';
  const sl = STREAM_LOAD.exec(path);
  if (sl !== null && method === 'PUT') {
    return streamLoad(
      ctx,
      req,
      res,
      expect,
      decodeURIComponent(sl[1] as string),
      decodeURIComponent(sl[2] as string),
    );
  }
  const txn = TXN.exec(path);
  if (txn !== null && (method === 'POST' || method === 'PUT')) {
    const op = (txn[1] as string).toLowerCase();
    if (!TXN_OPS.has(op))
      return sendJson(
        res,
        200,
        txnJson({ status: 'FAILED', message: `Unsupported transaction operation: ${op}` }),
        true,
      );
    return transaction(ctx, req, res, expect, op);
  }
  if (method === 'GET' && path === '/api/_load_error_log') {
    const text = ctx.load.readErrorLog(url.searchParams.get('file') ?? '');
    return text === null ? sendText(res, 404, 'error log not found\n') : sendText(res, 200, text);
  }
  if (method === 'GET' && LOAD_STATE.test(path)) {
    const auth = await authenticate(req, ctx.lookupUser);
    if (!auth.ok)
      return sendJson(
        res,
        401,
        JSON.stringify({ status: 'FAILED', code: '1', msg: auth.message, message: auth.message }),
        true,
      );
    return loadState({ ...ctx }, decodeURIComponent(LOAD_STATE.exec(path)?.[1] ?? ''), url, res);
  }
  return common(ctx, method, path, res);
}
