/**
 * Running a received body inside the load's DuckDB transaction, with the fallbacks that keep the
 * fast paths exact: plain-CSV segments are written while the body still arrives; a guarded write
 * that meets a row to filter redoes the load with the counting pass; a body DuckDB cannot split
 * like StarRocks is re-read by the general reader. Every retry is a fresh transaction, so nothing
 * of a failed attempt remains.
 */
import { existsSync, rmSync } from 'node:fs';
import type { Engine, EngineConnection } from '../engine/index.js';
import { canonicalizeRaw, receiveBody, type ReceiveSpec, type ReceivedBody } from './body/receive.js';
import {
  addExecuted,
  DirectReadFailed,
  executeBody,
  NeedAccounting,
  NOTHING_EXECUTED,
  type ExecutedLoad,
} from './execute.js';
import { AsyncQueue } from './queue.js';
import type { BodyInput, PreparedTarget } from './service.js';

export function removeSpill(base: string): void {
  rmSync(`${base}.rows`, { force: true });
  for (let i = 0; ; i++) {
    const p = `${base}.rows.${i}`;
    if (!existsSync(p)) break;
    rmSync(p, { force: true });
  }
  for (let i = 0; ; i++) {
    const p = `${base}.raw.${i}`;
    if (!existsSync(p)) break;
    rmSync(p, { force: true });
  }
}

/**
 * Receive and write at the same time: raw segments of a plain CSV body are inserted (inside the
 * load's one transaction) while later segments still arrive. When the body turns out to need
 * the general reader (the scan or DuckDB refused it), the transaction is rolled back and the
 * whole body is written again from the canonical file in a fresh one.
 */
export async function pipelined(
  engine: Engine,
  prepared: PreparedTarget,
  spec: ReceiveSpec,
  input: BodyInput,
  write: (tx: EngineConnection, rowsSql: string) => Promise<number>,
  finish: (tx: EngineConnection, ex: ExecutedLoad, body: ReceivedBody) => Promise<void>,
): Promise<void> {
  const { plan, options } = prepared;
  const queue = new AsyncQueue<ReceivedBody>();
  const receiving = receiveBody(input.body, spec, queue).then(
    (b) => {
      queue.end();
      return b;
    },
    (e: unknown) => {
      queue.fail(e);
      throw e;
    },
  );
  receiving.catch(() => undefined);
  try {
    await engine.transaction(async (tx) => {
      let acc = NOTHING_EXECUTED;
      for await (const seg of queue)
        acc = addExecuted(acc, await executeBody(tx, plan, seg, options, (q) => write(tx, q)));
      const body = await receiving;
      if (body.mode === 'canonical') {
        // Raw segments already written, but the body needs the general reader after all.
        if ((body.streamed ?? 0) > 0 && body.canonicalStreamed === undefined)
          throw new DirectReadFailed('the general reader must read this body');
        acc = addExecuted(acc, await executeBody(tx, plan, body, options, (q) => write(tx, q)));
      }
      await finish(tx, acc, body);
    });
  } catch (e) {
    if (!(e instanceof DirectReadFailed) && !(e instanceof NeedAccounting)) throw e;
    let body = await receiving;
    if (e instanceof NeedAccounting && body.mode === 'direct') {
      const direct = body;
      try {
        await engine.transaction(async (tx) => {
          let acc = NOTHING_EXECUTED;
          for (const seg of direct.segments ?? [direct])
            acc = addExecuted(acc, await executeBody(tx, plan, seg, options, (q) => write(tx, q), true));
          await finish(tx, acc, direct);
        });
        return;
      } catch (e2) {
        if (!(e2 instanceof DirectReadFailed)) throw e2;
      }
    }
    if (body.mode === 'direct') body = await canonicalizeRaw(body, spec);
    const canonical = body;
    await engine.transaction(async (tx) => {
      const ex = await executeBody(tx, plan, canonical, options, (q) => write(tx, q));
      await finish(tx, ex, canonical);
    });
  }
}

/**
 * Run `fn` in one transaction with the body's rows; when DuckDB refuses a raw body (wrong field
 * counts) re-read it with the general reader and try once more.
 */
export async function withBody<T>(
  engine: Engine,
  prepared: PreparedTarget,
  received: { body: ReceivedBody; spec: ReceiveSpec },
  fn: (
    exec: (write: (rowsSql: string) => Promise<number>) => Promise<ExecutedLoad>,
    tx: EngineConnection,
  ) => Promise<T>,
): Promise<T> {
  let body = received.body;
  let accounting = false;
  for (let attempt = 0; ; attempt++) {
    try {
      return await engine.transaction((tx) =>
        fn((write) => executeBody(tx, prepared.plan, body, prepared.options, write, accounting), tx),
      );
    } catch (e) {
      if (attempt > 2) throw e;
      if (e instanceof NeedAccounting) accounting = true;
      else if (e instanceof DirectReadFailed && body.mode === 'direct')
        body = await canonicalizeRaw(body, received.spec);
      else throw e;
    }
  }
}
