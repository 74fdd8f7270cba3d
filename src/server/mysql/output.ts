import type { Socket } from 'node:net';
import { PacketWriter } from '../../wire/index.js';

/** Packets are handed to the socket in chunks of about this size while a result streams. */
export const CHUNK_BYTES = 64 * 1024;
/** Chunks larger than this go back to the writer for reuse once written (PacketWriter.recycle). */
const RECYCLE_FROM = 16 * 1024;
/** Bytes allowed in the socket's own buffer before the producer waits for 'drain'. */
const SOCKET_HIGH_WATER = 256 * 1024;

/** The peer went away while we were writing; streaming stops quietly. */
export class ConnectionClosedError extends Error {
  override readonly name = 'ConnectionClosedError';
}

/**
 * The write side of a connection: encoders append to `writer`; `flush()` passes finished
 * packets to the socket in one write and, when the socket already holds more than
 * SOCKET_HIGH_WATER bytes, waits for 'drain'. That wait is the backpressure that keeps a
 * 10M-row result from piling up in memory when the client reads slowly.
 */
export class SocketOutput {
  readonly writer = new PacketWriter(CHUNK_BYTES * 2);
  private drainWaiters: (() => void)[] = [];

  constructor(private socket: Socket) {
    this.listen(socket);
  }

  private listen(socket: Socket): void {
    socket.on('drain', () => this.wake());
    socket.on('close', () => this.wake());
  }

  /** Write through another socket from now on (the TLS socket after an SSLRequest). */
  rebind(socket: Socket): void {
    this.socket = socket;
    this.listen(socket);
  }

  private wake(): void {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const w of waiters) w();
  }

  get closed(): boolean {
    return this.socket.destroyed || !this.socket.writable;
  }

  /**
   * Flush when at least a chunk is pending (call between rows). Returns undefined when nothing
   * has to be awaited, so the hot path costs no promise: `const w = out.maybeFlush(); if (w) await w;`.
   */
  maybeFlush(): Promise<void> | undefined {
    return this.writer.pending >= CHUNK_BYTES ? this.flush() : undefined;
  }

  /**
   * Write everything finished so far. Returns a promise only when the socket is over its
   * high-water mark and the caller must wait for 'drain'.
   */
  flush(): Promise<void> | undefined {
    if (this.writer.pending > 0) {
      const bytes = this.writer.take();
      if (this.closed) throw new ConnectionClosedError('connection closed');
      if (bytes.length > RECYCLE_FROM) this.socket.write(bytes, () => this.writer.recycle(bytes));
      else this.socket.write(bytes);
    }
    return this.socket.writableLength > SOCKET_HIGH_WATER ? this.waitForDrain() : undefined;
  }

  private async waitForDrain(): Promise<void> {
    while (this.socket.writableLength > SOCKET_HIGH_WATER) {
      if (this.closed) throw new ConnectionClosedError('connection closed');
      await new Promise<void>((resolve) => this.drainWaiters.push(resolve));
    }
  }

  /** Write what is pending without waiting (final replies before closing). */
  flushNow(): void {
    if (this.writer.pending === 0 || this.closed) return;
    this.socket.write(this.writer.take());
  }
}
