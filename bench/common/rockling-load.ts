/**
 * Loading benchmark files into Rockling the way a StarRocks user would: Stream Load (HTTP PUT
 * to /api/<db>/<table>/_stream_load with `column_separator`), or — while Stream Load is not
 * there yet — batched INSERT … VALUES statements over the MySQL connection.
 */
import { createReadStream } from 'node:fs';
import { request } from 'node:http';
import { createInterface } from 'node:readline';
import type { Connection } from 'mysql2/promise';

/** Stream Load's reply, the fields we use. */
interface StreamLoadReply {
  readonly Status?: string;
  readonly Message?: string;
  readonly NumberLoadedRows?: number;
}

/** Why Stream Load could not be used at all (as opposed to a load that failed). */
export class StreamLoadUnavailable extends Error {}

/** Stream Load one file; resolves with the loaded row count. */
export async function streamLoad(opts: {
  readonly port: number;
  readonly database: string;
  readonly table: string;
  readonly file: string;
  readonly separator: string;
  readonly path?: string;
  /** Called with the size of every chunk of the file as it is sent (progress). */
  readonly onBytes?: (n: number) => void;
}): Promise<number> {
  const path = opts.path ?? `/api/${opts.database}/${opts.table}/_stream_load`;
  const reply = await new Promise<{ status: number; body: string; location?: string }>((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port: opts.port,
      method: 'PUT',
      path,
      headers: {
        Expect: '100-continue',
        Authorization: `Basic ${Buffer.from('root:').toString('base64')}`,
        label: `ssb_${opts.table}_${Date.now()}`,
        column_separator: opts.separator,
        'Transfer-Encoding': 'chunked',
      },
    });
    // Send the body on '100 Continue', or after a second without one (as curl does).
    let sent = false;
    const send = (): void => {
      if (sent) return;
      sent = true;
      const body = createReadStream(opts.file);
      const onBytes = opts.onBytes;
      if (onBytes !== undefined) body.on('data', (c) => onBytes(c.length));
      body.pipe(req);
    };
    req.on('continue', send);
    const fallback = setTimeout(send, 1000);
    req.on('close', () => clearTimeout(fallback));
    req.on('response', (res) => {
      clearTimeout(fallback);
      sent = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString(),
          ...(res.headers.location ? { location: res.headers.location } : {}),
        }),
      );
    });
    req.on('error', (e) => reject(new StreamLoadUnavailable(`stream load request failed: ${e.message}`)));
  });
  if (reply.status === 307 && reply.location !== undefined && opts.path === undefined) {
    // StarRocks' FE redirects to a BE; a single Rockling process may do the same to itself.
    const url = new URL(reply.location);
    return streamLoad({ ...opts, port: Number(url.port), path: url.pathname });
  }
  if (reply.status === 404 || reply.status === 405 || reply.status === 501) {
    throw new StreamLoadUnavailable(`stream load answered HTTP ${reply.status}`);
  }
  let parsed: StreamLoadReply;
  try {
    parsed = JSON.parse(reply.body) as StreamLoadReply;
  } catch {
    throw new Error(
      `stream load of ${opts.table}: HTTP ${reply.status}, not JSON: ${reply.body.slice(0, 200)}`,
    );
  }
  if (parsed.Status !== 'Success') {
    throw new Error(
      `stream load of ${opts.table}: ${parsed.Status ?? '?'} ${parsed.Message ?? reply.body.slice(0, 200)}`,
    );
  }
  return parsed.NumberLoadedRows ?? 0;
}

function literal(value: string, type: string): string {
  if (/^(tiny|small|big)?int\b/i.test(type)) return value;
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** Load one file with INSERT … VALUES batches; resolves with the row count. */
export async function insertLoad(opts: {
  readonly conn: Pick<Connection, 'query'>;
  readonly table: string;
  /** Column types in file order ('int', 'varchar(26)', 'date', …): integers go unquoted. */
  readonly types: readonly string[];
  readonly file: string;
  readonly separator: string;
  readonly batchRows?: number;
  readonly onRows?: (n: number) => void;
}): Promise<number> {
  const types = opts.types;
  const batchRows = opts.batchRows ?? 2000;
  const lines = createInterface({ input: createReadStream(opts.file), crlfDelay: Infinity });
  let batch: string[] = [];
  let total = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    await opts.conn.query(`INSERT INTO ${opts.table} VALUES ${batch.join(',')}`);
    total += batch.length;
    opts.onRows?.(batch.length);
    batch = [];
  };
  for await (const line of lines) {
    if (line === '') continue;
    const fields = line.split(opts.separator);
    batch.push(`(${fields.map((f, i) => literal(f, types[i] ?? 'varchar')).join(',')})`);
    if (batch.length >= batchRows) await flush();
  }
  await flush();
  return total;
}
