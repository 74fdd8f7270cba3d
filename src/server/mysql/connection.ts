import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { TLSSocket, type SecureContext } from 'node:tls';
import { SqlError } from '../../errors/index.js';
import type { Session, SessionFactory } from '../../session/index.js';
import {
  AuthPlugin,
  Capability,
  HANDSHAKE_CHARSET,
  PacketDecoder,
  ProtocolError,
  SERVER_CAPABILITIES,
  canVerifyDirectly,
  decodeHandshakeResponse,
  isSslRequest,
  newScramble,
  textCharsetFor,
  verifyClearPassword,
  verifyNativePassword,
  writeAuthSwitchRequest,
  writeHandshakeV10,
  writeOk,
  type Packet,
} from '../../wire/index.js';
import type { Logger } from '../log.js';
import { dropCursors, runCommand, type PreparedState } from './commands.js';
import { errorToSqlError, writeSqlError } from './errors.js';
import { ConnectionClosedError, SocketOutput } from './output.js';
import { statusFlags } from './results.js';

/** Limits and identity a connection gets from its server. */
export interface ConnectionOptions {
  readonly factory: SessionFactory;
  readonly log: Logger;
  readonly maxAllowedPacket: number;
  readonly handshakeTimeoutMs: number;
  /** TLS offered in the handshake (SSL capability) when set; see start.ts. */
  readonly tls?: TlsSettings;
}

/** TLS for the MySQL port: the server certificate and whether plain connections are refused. */
export interface TlsSettings {
  readonly context: SecureContext;
  /** StarRocks' ssl_force_secure_transport: clients that do not switch to TLS are rejected. */
  readonly required: boolean;
}

/**
 * A duplex over `raw` whose readable side starts with `early`: TLSSocket reads a plain socket
 * through its native handle, which would skip bytes already taken off the socket.
 */
function prepend(raw: Socket, early: Buffer): Duplex {
  const d = new Duplex({
    read: () => void raw.resume(),
    write: (chunk: Buffer, _enc, cb) => void raw.write(chunk, cb),
    final: (cb) => {
      raw.end();
      cb();
    },
    destroy: (error, cb) => {
      raw.destroy(error ?? undefined);
      cb(error);
    },
  });
  d.push(early);
  raw.on('data', (chunk: Buffer) => {
    if (!d.push(chunk)) raw.pause();
  });
  raw.on('end', () => d.push(null));
  return d;
}

/** Before authentication a client gets this much room (a HandshakeResponse is small). */
const PRE_AUTH_MAX_PACKET = 64 * 1024;
/** Stop reading from a client that pipelines more than this many unprocessed commands. */
const MAX_QUEUED_PACKETS = 64;

type State = 'handshake' | 'auth-switch' | 'command' | 'closed';

/** Who is authenticating, between the handshake response and the OK. */
interface PendingAuth {
  readonly user: string;
  readonly database: string | null;
}

/**
 * One client connection: handshake → (auth switch) → command phase. Packets are queued and
 * served one at a time; each state has one method. Errors inside a command become ERR packets;
 * only protocol framing errors and KILL CONNECTION close the socket.
 */
export class MysqlConnection {
  readonly out: SocketOutput;
  readonly log: Logger;
  session: Session | null = null;
  readonly statements = new Map<number, PreparedState>();
  capabilities = 0;
  /** Charset id for text columns, from the client's handshake (see textCharsetFor). */
  textCharset: number = HANDSHAKE_CHARSET;
  /** Controller of the statement in flight, aborted by KILL QUERY / disconnect / shutdown. */
  running: AbortController | null = null;
  /** Reused across commands until it fires (see runCommand). */
  controller = new AbortController();
  private state: State = 'handshake';
  private readonly decoder: PacketDecoder;
  private readonly scramble = newScramble();
  private readonly queue: Packet[] = [];
  private processing = false;
  private pending: PendingAuth | null = null;
  private handshakeTimer: NodeJS.Timeout | null;
  private idleWaiters: (() => void)[] = [];

  constructor(
    readonly id: number,
    public socket: Socket,
    readonly host: string,
    private readonly opts: ConnectionOptions,
    private readonly versionString: string,
  ) {
    this.log = opts.log.child(`conn ${id}`);
    this.out = new SocketOutput(socket);
    this.decoder = new PacketDecoder(PRE_AUTH_MAX_PACKET);
    socket.setNoDelay(true);
    socket.on('data', this.dataListener);
    socket.on('error', (e) => this.log.debug(`socket error: ${e.message}`));
    socket.on('close', () => this.onClose());
    this.handshakeTimer = setTimeout(() => {
      this.log.debug('handshake timeout');
      socket.destroy();
    }, opts.handshakeTimeoutMs);
    this.sendHandshake();
  }

  private readonly dataListener = (chunk: Buffer): void => this.onData(chunk);
  /** Set once the connection switched to TLS (SSLRequest). */
  secure = false;

  /** What this server advertises: StarRocks' set, plus SSL when a certificate is configured. */
  private get serverCapabilities(): number {
    return this.opts.tls !== undefined ? SERVER_CAPABILITIES | Capability.SSL : SERVER_CAPABILITIES;
  }

  get factory(): SessionFactory {
    return this.opts.factory;
  }

  get isIdle(): boolean {
    return !this.processing && this.queue.length === 0;
  }

  private sendHandshake(): void {
    writeHandshakeV10(this.out.writer, {
      serverVersion: this.versionString,
      connectionId: this.id,
      scramble: this.scramble,
      capabilities: this.serverCapabilities,
      charset: HANDSHAKE_CHARSET,
      statusFlags: statusFlags(null),
      authPlugin: AuthPlugin.NATIVE,
    });
    this.out.flushNow();
  }

  private onData(chunk: Buffer): void {
    if (this.state === 'closed') return;
    this.decoder.push(chunk);
    try {
      for (let p = this.decoder.next(); p !== null; p = this.decoder.next()) {
        this.queue.push(p);
        // The TLS ClientHello follows the SSLRequest at once, possibly in this very chunk: the
        // switch must happen before another raw byte is read as a MySQL packet.
        if (this.wantsTls(p)) {
          this.startTls((this.opts.tls as TlsSettings).context, this.decoder.takeRaw());
          break;
        }
      }
    } catch (error) {
      this.fatal(error);
      return;
    }
    if (this.queue.length > MAX_QUEUED_PACKETS) this.socket.pause();
    void this.drainQueue();
  }

  /** A framing error: tell the client why (when possible) and drop the connection. */
  private fatal(error: unknown): void {
    const e = errorToSqlError(error, this.log, 'framing');
    this.queue.length = 0;
    this.out.writer.abort();
    writeSqlError(this.out.writer, e);
    this.out.flushNow();
    this.close();
  }

  private async drainQueue(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.queue.length > 0 && this.state !== 'closed') {
        const packet = this.queue.shift() as Packet;
        if (this.queue.length <= MAX_QUEUED_PACKETS / 2 && this.socket.isPaused()) this.socket.resume();
        this.out.writer.seq = (packet.seq + 1) & 0xff;
        await this.handle(packet);
        const wait = this.out.flush();
        if (wait !== undefined) await wait;
      }
    } catch (error) {
      if (!(error instanceof ConnectionClosedError)) this.log.error(`connection failed: ${String(error)}`);
      this.close();
    } finally {
      this.processing = false;
      this.notifyIdle();
    }
  }

  private async handle(packet: Packet): Promise<void> {
    switch (this.state) {
      case 'handshake':
        return this.onHandshakeResponse(packet);
      case 'auth-switch':
        return this.onAuthSwitchResponse(packet);
      case 'command':
        return runCommand(this, packet.payload);
      case 'closed':
        return;
    }
  }

  private async onHandshakeResponse(packet: Packet): Promise<void> {
    if (isSslRequest(packet.payload)) {
      // accepted ones were switched to TLS in onData already
      if (this.opts.tls === undefined || packet.seq !== 1)
        this.fatal(new ProtocolError('TLS was not offered'));
      return;
    }
    if (this.opts.tls?.required === true && !this.secure) {
      this.log.info('plain connection refused (TLS required)', { host: this.host });
      return this.rejectAndClose(
        new SqlError('access-denied', { user: 'unknown', host: this.host, usingPassword: 'NO' }),
      );
    }
    let response;
    try {
      response = decodeHandshakeResponse(packet.payload, this.serverCapabilities);
    } catch (error) {
      this.fatal(error);
      return;
    }
    this.capabilities = response.capabilities;
    this.textCharset = textCharsetFor(response.charset);
    this.pending = { user: response.user, database: response.database === '' ? null : response.database };
    this.log.debug('handshake', {
      user: response.user,
      db: response.database,
      plugin: response.authPlugin,
      client: response.attributes.get('_client_name'),
    });
    if (!canVerifyDirectly(response.authPlugin) && this.capabilities & Capability.PLUGIN_AUTH) {
      // caching_sha2_password and friends: ask for mysql_native_password over the same scramble.
      writeAuthSwitchRequest(this.out.writer, AuthPlugin.NATIVE, this.scramble);
      this.state = 'auth-switch';
      return;
    }
    await this.authenticate(response.authResponse, response.authPlugin);
  }

  /**
   * SSLRequest: the rest of the conversation (HandshakeResponse with sequence id 2 onwards) runs
   * over TLS on the same TCP connection. Nothing else may arrive in plain text before the TLS
   * ClientHello, so the packet decoder simply continues on the decrypted stream.
   */
  private wantsTls(p: Packet): boolean {
    return (
      this.state === 'handshake' &&
      !this.secure &&
      this.opts.tls !== undefined &&
      p.seq === 1 &&
      isSslRequest(p.payload)
    );
  }

  private startTls(context: SecureContext, early: Buffer): void {
    const raw = this.socket;
    raw.off('data', this.dataListener);
    // bytes of the ClientHello that came in the same chunk as the SSLRequest must reach TLS first
    const secure = new TLSSocket(early.length > 0 ? prepend(raw, early) : raw, {
      isServer: true,
      secureContext: context,
    });
    secure.on('data', this.dataListener);
    secure.on('error', (e) => {
      this.log.debug(`tls error: ${e.message}`);
      raw.destroy();
    });
    this.socket = secure;
    this.out.rebind(secure);
    this.secure = true;
  }

  private async onAuthSwitchResponse(packet: Packet): Promise<void> {
    await this.authenticate(packet.payload, AuthPlugin.NATIVE);
  }

  private async authenticate(token: Buffer, plugin: string): Promise<void> {
    const who = this.pending as PendingAuth;
    const creds = await this.opts.factory.lookupUser(who.user, this.host).catch(() => null);
    const ok =
      creds !== null &&
      (plugin === AuthPlugin.CLEAR
        ? verifyClearPassword(token, creds.passwordDoubleSha1)
        : verifyNativePassword(token, this.scramble, creds.passwordDoubleSha1));
    if (!ok) {
      this.log.info('access denied', { user: who.user, host: this.host });
      const e = new SqlError('access-denied', {
        user: who.user,
        host: this.host,
        usingPassword: token.length > 0 ? 'YES' : 'NO',
      });
      return this.rejectAndClose(e);
    }
    try {
      this.session = await this.opts.factory.openSession({
        user: who.user,
        host: this.host,
        database: who.database,
        connectionId: this.id,
        onKill: (queryOnly) => this.kill(queryOnly),
      });
    } catch (error) {
      return this.rejectAndClose(errorToSqlError(error, this.log, 'open session'));
    }
    this.state = 'command';
    this.pending = null;
    this.decoder.maxPayload = this.opts.maxAllowedPacket;
    if (this.handshakeTimer !== null) clearTimeout(this.handshakeTimer);
    this.handshakeTimer = null;
    writeOk(this.out.writer, { status: statusFlags(this.session) });
    this.log.debug('authenticated', { user: who.user, db: who.database });
  }

  private rejectAndClose(e: SqlError): void {
    writeSqlError(this.out.writer, e);
    this.out.flushNow();
    this.close();
  }

  /** KILL target: abort the running statement; for KILL CONNECTION also drop the socket. */
  kill(queryOnly: boolean): void {
    this.running?.abort(new SqlError('query-interrupted'));
    if (!queryOnly) this.close();
  }

  /** Close the socket (once written data is flushed) and release the session. */
  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.queue.length = 0;
    this.running?.abort(new SqlError('query-interrupted'));
    this.socket.end();
    // a client that stops reading must not keep the socket alive
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }

  private onClose(): void {
    if (this.handshakeTimer !== null) clearTimeout(this.handshakeTimer);
    this.handshakeTimer = null;
    this.state = 'closed';
    this.queue.length = 0;
    this.running?.abort(new SqlError('query-interrupted'));
    void this.whenIdle().then(() => this.releaseSession());
    this.onClosed?.();
  }

  /** Set by the server: remove the connection from its registry. */
  onClosed: (() => void) | null = null;

  private async releaseSession(): Promise<void> {
    await dropCursors(this);
    const s = this.session;
    this.session = null;
    if (s === null) return;
    try {
      await s.close();
    } catch (error) {
      this.log.warn(`session close failed: ${String(error)}`);
    }
  }

  /** Resolves when no command is being served. */
  whenIdle(): Promise<void> {
    if (!this.processing) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  /** Re-authenticate for COM_CHANGE_USER with the connection's scramble. */
  async changeUser(user: string, token: Buffer, plugin: string): Promise<boolean> {
    const creds = await this.opts.factory.lookupUser(user, this.host).catch(() => null);
    if (creds === null) return false;
    return plugin === AuthPlugin.CLEAR
      ? verifyClearPassword(token, creds.passwordDoubleSha1)
      : verifyNativePassword(token, this.scramble, creds.passwordDoubleSha1);
  }
}
