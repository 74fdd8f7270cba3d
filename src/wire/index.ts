export * from './constants.js';
export { ProtocolError } from './protocol-error.js';
export { PayloadReader } from './reader.js';
export { PacketWriter, framePayload } from './writer.js';
export { PacketDecoder, type Packet } from './framing.js';
export {
  SCRAMBLE_LENGTH,
  HANDSHAKE_CHARSET,
  newScramble,
  writeHandshakeV10,
  decodeHandshakeResponse,
  isSslRequest,
  writeAuthSwitchRequest,
  nativePasswordHash,
  nativePasswordToken,
  verifyNativePassword,
  verifyClearPassword,
  canVerifyDirectly,
  type HandshakeV10,
  type HandshakeResponse,
} from './handshake.js';
export { writeOk, writeErr, writeEof, type OkFields, type ErrFields } from './responses.js';
export {
  wireColumnOf,
  textCharsetFor,
  columnFlags,
  writeColumnDefinition,
  writeParamDefinition,
  type WireColumn,
  type ColumnInfo,
} from './columns.js';
export {
  textCellWriter,
  binaryCellWriter,
  writeTextRows,
  writeBinaryRows,
  CellEncodingError,
  type CellWriter,
} from './rows.js';
export { decodeExecuteParams, readParamValue, type ExecuteParams } from './params.js';
export { decodeCommand, commandName, type ClientCommand, type ChangeUserRequest } from './commands.js';
export { parseDateTime, parseTime, formatDate, formatDateTime, formatTime } from './temporal.js';
export {
  writeResultSetHeader,
  writeFieldList,
  writePrepareOk,
  writeStatistics,
  type PrepareOkFields,
} from './results.js';
