/**
 * A lean MySQL client for throughput benchmarks: authenticates as a user with an empty password
 * (answering an AuthSwitchRequest with an empty token), sends COM_QUERY and recognises the end
 * of each reply by packet headers only. Keeps client cost far below the server's, so q/s
 * measures the server.
 */
import { connect, type Socket } from 'node:net';

function frame(payload: Buffer, seq: number): Buffer {
  const h = Buffer.alloc(4);
  h.writeUIntLE(payload.length, 0, 3);
  h[3] = seq;
  return Buffer.concat([h, payload]);
}

function handshakeResponse(user: string): Buffer {
  // PROTOCOL_41 | SECURE_CONNECTION | PLUGIN_AUTH | TRANSACTIONS | LONG_PASSWORD
  const caps = 0x200 | 0x8000 | 0x80000 | 0x2000 | 0x1;
  const head = Buffer.alloc(32);
  head.writeUInt32LE(caps, 0);
  head.writeUInt32LE(1 << 24, 4);
  head[8] = 33;
  return Buffer.concat([
    head,
    Buffer.from(`${user}\0`),
    Buffer.from([0]),
    Buffer.from('mysql_native_password\0'),
  ]);
}

/** One connection; `query` resolves when the reply is complete (OK, ERR or the second EOF). */
export class LeanConnection {
  private buf: Buffer = Buffer.alloc(0);
  private eofs = 0;
  private firstOfReply = true;
  private resolveReply: ((ok: boolean) => void) | null = null;

  private constructor(private readonly socket: Socket) {}

  static open(port: number, user = 'root'): Promise<LeanConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.setNoDelay(true);
      let stage = 0;
      let buf = Buffer.alloc(0);
      const onData = (d: Buffer): void => {
        buf = Buffer.concat([buf, d]);
        while (buf.length >= 4 && buf.length >= 4 + buf.readUIntLE(0, 3)) {
          const len = buf.readUIntLE(0, 3);
          const seq = buf[3] as number;
          const first = buf[4];
          buf = buf.subarray(4 + len);
          if (stage === 0) {
            socket.write(frame(handshakeResponse(user), 1));
            stage = 1;
          } else if (first === 0xfe) {
            socket.write(frame(Buffer.alloc(0), seq + 1)); // auth switch: empty password
          } else if (first === 0x00) {
            socket.off('data', onData);
            const c = new LeanConnection(socket);
            socket.on('data', (x: Buffer) => c.onData(x));
            resolve(c);
            return;
          } else {
            reject(new Error('authentication failed'));
            return;
          }
        }
      };
      socket.on('data', onData);
      socket.once('error', reject);
    });
  }

  private onData(d: Buffer): void {
    this.buf = this.buf.length === 0 ? d : Buffer.concat([this.buf, d]);
    let at = 0;
    while (this.buf.length - at >= 4) {
      const len = this.buf.readUIntLE(at, 3);
      if (this.buf.length - at < 4 + len) break;
      const first = this.buf[at + 4] as number;
      at += 4 + len;
      // a reply ends with OK (as its first packet), ERR, or the EOF after the rows
      const done =
        first === 0xff ||
        (this.firstOfReply && first === 0x00) ||
        (first === 0xfe && len < 9 && ++this.eofs === 2);
      this.firstOfReply = false;
      if (done) {
        this.eofs = 0;
        this.firstOfReply = true;
        const r = this.resolveReply;
        this.resolveReply = null;
        r?.(first !== 0xff);
      }
    }
    this.buf = this.buf.subarray(at);
  }

  /** Send a text query; resolves true on success, false on ERR. */
  query(sql: string): Promise<boolean> {
    return new Promise((resolve) => {
      this.resolveReply = resolve;
      this.socket.write(frame(Buffer.concat([Buffer.from([0x03]), Buffer.from(sql, 'utf8')]), 0));
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Run `sql` in a closed loop on `connections` connections for `seconds`; returns queries/s. */
export async function closedLoopQps(
  port: number,
  sql: string,
  connections: number,
  seconds: number,
): Promise<number> {
  const conns = await Promise.all(Array.from({ length: connections }, () => LeanConnection.open(port)));
  for (const c of conns) if (!(await c.query(sql))) throw new Error(`'${sql}' failed`);
  let count = 0;
  const until = Date.now() + seconds * 1000;
  const started = Date.now();
  await Promise.all(
    conns.map(async (c) => {
      while (Date.now() < until) {
        if (!(await c.query(sql))) throw new Error(`'${sql}' failed`);
        count++;
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  for (const c of conns) c.close();
  return count / elapsed;
}
