/**
 * A bare-socket MySQL client for stress tests: handshake as root with an empty password, then
 * raw packets. It parses only packet headers, so it can read tens of millions of rows quickly.
 */
import { connect, type Socket } from 'node:net';

/** Frame a payload as one packet. */
export function frame(payload: Buffer, seq = 0): Buffer {
  const h = Buffer.alloc(4);
  h.writeUIntLE(payload.length, 0, 3);
  h[3] = seq;
  return Buffer.concat([h, payload]);
}

/** HandshakeResponse41 for root with an empty password (PROTOCOL_41 | SECURE_CONNECTION | PLUGIN_AUTH). */
export function handshakeResponse(): Buffer {
  const caps = 0x200 | 0x8000 | 0x80000 | 0x20000 | 0x10000;
  const head = Buffer.alloc(32);
  head.writeUInt32LE(caps, 0);
  head.writeUInt32LE(1 << 24, 4);
  head[8] = 45;
  return Buffer.concat([
    head,
    Buffer.from('root\0'),
    Buffer.from([0]),
    Buffer.from('mysql_native_password\0'),
  ]);
}

/** Read whole packets off a socket, calling `onPacket(firstByte, length, payload-slice-or-null)`. */
export function packetReader(
  socket: Socket,
  onPacket: (first: number, length: number, chunk: Buffer, at: number) => void,
): void {
  let header = Buffer.alloc(0);
  let remaining = 0;
  let pendingFirst = -1;
  let pendingLength = 0;
  socket.on('data', (data: Buffer) => {
    let i = 0;
    while (i < data.length) {
      if (remaining > 0) {
        if (pendingFirst < 0) {
          pendingFirst = data[i] as number;
          onPacket(pendingFirst, pendingLength, data, i);
        }
        const take = Math.min(remaining, data.length - i);
        remaining -= take;
        i += take;
        continue;
      }
      const need = 4 - header.length;
      header = Buffer.concat([header, data.subarray(i, i + need)]);
      i += Math.min(need, data.length - i);
      if (header.length < 4) break;
      pendingLength = header.readUIntLE(0, 3);
      remaining = pendingLength;
      pendingFirst = -1;
      header = Buffer.alloc(0);
      if (remaining === 0) onPacket(-1, 0, data, i);
    }
  });
}

/** Connect and authenticate; resolves with the socket once the OK after auth arrived. */
export function rawConnect(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setNoDelay(true);
    let stage = 0;
    let buf = Buffer.alloc(0);
    const onData = (d: Buffer): void => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 4 && buf.length >= 4 + buf.readUIntLE(0, 3)) {
        const len = buf.readUIntLE(0, 3);
        const payload = buf.subarray(4, 4 + len);
        buf = buf.subarray(4 + len);
        if (stage === 0) {
          socket.write(frame(handshakeResponse(), 1));
          stage = 1;
        } else {
          socket.off('data', onData);
          if (payload[0] === 0x00) resolve(socket);
          else reject(new Error(`auth failed: ${payload.subarray(9).toString()}`));
          return;
        }
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}
