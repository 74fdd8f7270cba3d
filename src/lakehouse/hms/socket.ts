/**
 * The Hive Metastore's transport: one TCP connection (TSocket with a buffered transport, no
 * framing, as HMS serves by default on 9083), one call at a time. This file is the only place in
 * lakehouse/ that opens sockets — outgoing client connections to the metastore named in a
 * catalog's `hive.metastore.uris`, like load/kafka does for brokers (see CONTEXT.md).
 */
import { connect, type Socket } from 'node:net';
import { ThriftProtocolError, readMessage, type ThriftMessage } from '../thrift/binary.js';

/** Transport failures: connection refused/reset/timeouts (the caller words the SQL error). */
export class MetastoreTransportError extends Error {}

/** Largest reply accepted (a metastore answer is metadata, never data). */
const MAX_REPLY = 256 * 1024 * 1024;

export interface SocketOptions {
  readonly connectTimeoutMs: number;
  readonly callTimeoutMs: number;
}

/** A connected metastore socket. */
export class MetastoreSocket {
  private buffered: Buffer = Buffer.alloc(0);
  private waiter: { resolve: (m: ThriftMessage) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;
  /** Size at the last failed decode: re-decode only after the reply doubled or input paused. */
  private triedAt = 0;
  private idleTimer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly socket: Socket,
    private readonly options: SocketOptions,
  ) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (e) => this.fail(new MetastoreTransportError(e.message)));
    socket.on('close', () => this.fail(new MetastoreTransportError('connection closed by the metastore')));
  }

  /** Connect to host:port within the connect timeout. */
  static open(host: string, port: number, options: SocketOptions): Promise<MetastoreSocket> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port });
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new MetastoreTransportError(`connect timed out after ${options.connectTimeoutMs} ms`));
      }, options.connectTimeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new MetastoreSocket(socket, options));
      });
      socket.once('error', (e) => {
        clearTimeout(timer);
        reject(new MetastoreTransportError(e.message));
      });
    });
  }

  /** Send one request message and wait for its reply message. */
  call(request: Buffer): Promise<ThriftMessage> {
    if (this.failure !== null) return Promise.reject(this.failure);
    if (this.waiter !== null) return Promise.reject(new Error('metastore socket is busy'));
    return new Promise<ThriftMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(new MetastoreTransportError(`no reply within ${this.options.callTimeoutMs} ms`));
      }, this.options.callTimeoutMs);
      this.waiter = {
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.socket.write(request);
    });
  }

  close(): void {
    this.failure ??= new MetastoreTransportError('connection closed');
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    if (this.buffered.length > MAX_REPLY) {
      this.fail(new ThriftProtocolError(`metastore reply larger than ${MAX_REPLY} bytes`));
      return;
    }
    // A buffered transport has no length prefix: the reply is complete when it decodes. Decoding
    // on every chunk would be quadratic for big replies, so retry after doubling or a short pause.
    if (this.buffered.length < 1 << 20 || this.buffered.length >= 2 * this.triedAt) this.tryDecode();
    else {
      if (this.idleTimer !== null) clearTimeout(this.idleTimer);
      this.idleTimer = setTimeout(() => this.tryDecode(), 2);
    }
  }

  private tryDecode(): void {
    if (this.waiter === null) return;
    let message: ThriftMessage | null;
    try {
      message = readMessage(this.buffered);
    } catch (error) {
      this.fail(error as Error);
      return;
    }
    if (message === null) {
      this.triedAt = this.buffered.length;
      return;
    }
    this.buffered = this.buffered.subarray(message.length);
    this.triedAt = 0;
    const w = this.waiter;
    this.waiter = null;
    w.resolve(message);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const w = this.waiter;
    this.waiter = null;
    w?.reject(error);
    this.socket.destroy();
  }
}
