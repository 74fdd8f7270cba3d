import { Header } from './constants.js';
import type { PacketWriter } from './writer.js';

/** Fields of an OK packet. */
export interface OkFields {
  readonly affectedRows?: number;
  readonly lastInsertId?: number;
  readonly status: number;
  readonly warnings?: number;
  readonly info?: string;
}

/**
 * OK_Packet (protocol 4.1): 0x00, rows, insert id, status, warnings, info. The protocol documents
 * info as string<EOF>, but MySQL's net_send_ok, StarRocks' MysqlOkPacket and libmariadb's
 * ma_read_ok_packet all use a length-encoded string (libmariadb rejects anything else as a
 * malformed packet), so that is what we send.
 */
export function writeOk(w: PacketWriter, ok: OkFields): void {
  w.begin()
    .int1(Header.OK)
    .lenenc(ok.affectedRows ?? 0)
    .lenenc(ok.lastInsertId ?? 0)
    .int2(ok.status)
    .int2(Math.min(ok.warnings ?? 0, 0xffff));
  if (ok.info !== undefined && ok.info !== '') w.lenencString(ok.info);
  w.end();
}

/** Fields of an ERR packet. */
export interface ErrFields {
  readonly errno: number;
  readonly sqlState: string;
  readonly message: string;
}

/** ERR_Packet: 0xFF, errno, '#', 5-character SQLSTATE, message. */
export function writeErr(w: PacketWriter, err: ErrFields): void {
  const state = (err.sqlState + 'HY000').slice(0, 5);
  w.begin().int1(Header.ERR).int2(err.errno).string('#').string(state).string(err.message).end();
}

/** EOF_Packet (protocol 4.1): 0xFE, warnings, status. */
export function writeEof(w: PacketWriter, status: number, warnings = 0): void {
  w.begin().int1(Header.EOF).int2(Math.min(warnings, 0xffff)).int2(status).end();
}
