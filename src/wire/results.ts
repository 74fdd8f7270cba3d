import { Charset } from './constants.js';
import { writeColumnDefinition, writeParamDefinition, type ColumnInfo } from './columns.js';
import { writeEof } from './responses.js';
import type { PacketWriter } from './writer.js';

/**
 * The head of a result set (text or binary): column count, one definition per column, EOF.
 * Rows and the closing EOF follow separately so they can stream.
 */
export function writeResultSetHeader(
  w: PacketWriter,
  columns: readonly ColumnInfo[],
  status: number,
  warnings = 0,
  textCharset: number = Charset.UTF8_GENERAL_CI,
): void {
  w.begin().lenenc(columns.length).end();
  for (const c of columns) writeColumnDefinition(w, c, false, textCharset);
  writeEof(w, status, warnings);
}

/** Reply to COM_FIELD_LIST: column definitions with the default-value field, then EOF. */
export function writeFieldList(
  w: PacketWriter,
  columns: readonly ColumnInfo[],
  status: number,
  textCharset: number = Charset.UTF8_GENERAL_CI,
): void {
  for (const c of columns) writeColumnDefinition(w, c, true, textCharset);
  writeEof(w, status);
}

/** Fields of COM_STMT_PREPARE_OK. */
export interface PrepareOkFields {
  readonly statementId: number;
  readonly paramCount: number;
  readonly columns: readonly ColumnInfo[];
  readonly warnings: number;
  readonly status: number;
  readonly textCharset?: number;
}

/**
 * COM_STMT_PREPARE_OK: 0x00, statement id, column count, parameter count, filler, warnings;
 * then one definition per parameter and per column, each block closed by EOF when non-empty.
 */
export function writePrepareOk(w: PacketWriter, p: PrepareOkFields): void {
  w.begin()
    .int1(0)
    .int4(p.statementId)
    .int2(p.columns.length)
    .int2(p.paramCount)
    .int1(0)
    .int2(Math.min(p.warnings, 0xffff))
    .end();
  if (p.paramCount > 0) {
    for (let i = 0; i < p.paramCount; i++) writeParamDefinition(w);
    writeEof(w, p.status);
  }
  if (p.columns.length > 0) {
    for (const c of p.columns) writeColumnDefinition(w, c, false, p.textCharset);
    writeEof(w, p.status);
  }
}

/** COM_STATISTICS reply: one packet of plain text, no OK/EOF framing. */
export function writeStatistics(w: PacketWriter, text: string): void {
  w.begin().string(text).end();
}
