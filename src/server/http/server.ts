/**
 * Start the FE-role (8030) and BE-role (8040) HTTP servers of one process on node:http (no
 * framework: two ports, a handful of routes, and the 100-continue control Node exposes through
 * the `checkContinue` event — registering it is what stops Node from answering 100 by itself).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LoadService } from '../../load/index.js';
import type { Logger } from '../log.js';
import type { LookupUser } from './auth.js';
import { handleBe } from './be.js';
import { handleFe } from './fe.js';
import { sendJson } from './reply.js';

export interface HttpServerOptions {
  readonly host: string;
  /** FE role, StarRocks' http_port (default 8030); 0 picks a free port. */
  readonly httpPort: number;
  /** BE role, StarRocks' be_http_port (default 8040); 0 picks a free port. */
  readonly beHttpPort: number;
  readonly load: LoadService;
  readonly lookupUser: LookupUser;
  readonly logger: Logger;
}

export interface RunningHttp {
  readonly httpPort: number;
  readonly beHttpPort: number;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, expect: boolean) => Promise<void>;

function serve(handler: Handler, logger: Logger): Server {
  const server = createServer({ maxHeaderSize: 1 << 20, requestTimeout: 0, keepAliveTimeout: 30_000 });
  const run = (req: IncomingMessage, res: ServerResponse, expect: boolean): void => {
    handler(req, res, expect).catch((e: unknown) => {
      logger.warn(`http request failed: ${e instanceof Error ? e.message : String(e)}`, { path: req.url });
      sendJson(
        res,
        200,
        JSON.stringify({ Status: 'Fail', Message: e instanceof Error ? e.message : String(e) }),
        true,
      );
    });
  };
  server.on('checkContinue', (req, res) => run(req, res, true));
  server.on('request', (req, res) => run(req, res, false));
  server.on('clientError', (_err, socket) => socket.destroy());
  return server;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Listen on both ports; `close` stops both (in-flight loads are cut off and roll back). */
export async function startHttpServers(o: HttpServerOptions): Promise<RunningHttp> {
  let bePort = 0;
  const log = o.logger.child('http');
  const ctx = { load: o.load, lookupUser: o.lookupUser, bePort: () => bePort, host: o.host };
  const be = serve((req, res, expect) => handleBe(ctx, req, res, expect), log);
  const fe = serve((req, res, expect) => handleFe(ctx, req, res, expect), log);
  try {
    bePort = await listen(be, o.host, o.beHttpPort);
  } catch (e) {
    // Clients reach the BE role only through the FE's 307 Location, which carries the real port:
    // a taken BE port (several servers on one host, parallel tests) falls back to a free one.
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || o.beHttpPort === 0) throw e;
    bePort = await listen(be, o.host, 0);
    log.warn(`be http port ${o.beHttpPort} is in use; the BE role listens on ${bePort}`);
  }
  let fePort: number;
  try {
    fePort = await listen(fe, o.host, o.httpPort);
  } catch (e) {
    await closeServer(be);
    throw e;
  }
  log.info(`stream load listening on ${o.host}:${fePort} (FE) and ${o.host}:${bePort} (BE)`);
  return {
    httpPort: fePort,
    beHttpPort: bePort,
    close: async () => {
      await Promise.all([closeServer(fe), closeServer(be)]);
    },
  };
}
