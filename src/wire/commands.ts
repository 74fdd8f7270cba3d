import { Capability, Command as Com } from './constants.js';
import { ProtocolError } from './protocol-error.js';
import { PayloadReader } from './reader.js';

/** A decoded command-phase packet. Unknown command bytes decode to `unknown` (answered with ERR). */
export type ClientCommand =
  | { readonly kind: 'quit' }
  | { readonly kind: 'init-db'; readonly database: string }
  | { readonly kind: 'query'; readonly sql: string }
  | { readonly kind: 'field-list'; readonly table: string; readonly wildcard: string }
  | { readonly kind: 'statistics' }
  | { readonly kind: 'process-kill'; readonly connectionId: number }
  | { readonly kind: 'ping' }
  | { readonly kind: 'change-user'; readonly request: ChangeUserRequest }
  | { readonly kind: 'stmt-prepare'; readonly sql: string }
  | {
      readonly kind: 'stmt-execute';
      readonly statementId: number;
      readonly flags: number;
      readonly iterationCount: number;
      /** The parameter block; decode with decodeExecuteParams once the statement is known. */
      readonly params: Buffer;
    }
  | {
      readonly kind: 'stmt-send-long-data';
      readonly statementId: number;
      readonly paramId: number;
      readonly data: Buffer;
    }
  | { readonly kind: 'stmt-close'; readonly statementId: number }
  | { readonly kind: 'stmt-reset'; readonly statementId: number }
  | { readonly kind: 'stmt-fetch'; readonly statementId: number; readonly rows: number }
  | { readonly kind: 'set-option'; readonly option: number }
  | { readonly kind: 'reset-connection' }
  | { readonly kind: 'unknown'; readonly code: number };

/** COM_CHANGE_USER fields. */
export interface ChangeUserRequest {
  readonly user: string;
  readonly authResponse: Buffer;
  readonly database: string | null;
  readonly charset: number | null;
  readonly authPlugin: string;
}

/** Human name of a command kind, for logs and SHOW PROCESSLIST-style reporting. */
export function commandName(code: number): string {
  for (const [name, value] of Object.entries(Com)) if (value === code) return `COM_${name}`;
  return `COM_0x${code.toString(16).padStart(2, '0')}`;
}

function decodeChangeUser(r: PayloadReader, capabilities: number): ChangeUserRequest {
  const user = r.nulString();
  let authResponse: Buffer;
  if (capabilities & Capability.SECURE_CONNECTION) authResponse = r.bytes(r.int1());
  else authResponse = r.nulBytes(true);
  const database = r.remaining > 0 ? r.nulString(true) : null;
  const charset = r.remaining >= 2 ? r.int2() : null;
  const authPlugin = capabilities & Capability.PLUGIN_AUTH && r.remaining > 0 ? r.nulString(true) : '';
  // Connection attributes may follow; they are not needed for a user change.
  return { user, authResponse, database: database === '' ? null : database, charset, authPlugin };
}

/**
 * Decode one command packet. `capabilities` are the negotiated client capabilities (they shape
 * COM_CHANGE_USER). Throws ProtocolError for a packet too short for its command.
 */
export function decodeCommand(payload: Buffer, capabilities: number): ClientCommand {
  if (payload.length === 0) throw new ProtocolError('empty command packet');
  const r = new PayloadReader(payload, 1);
  const code = payload[0] as number;
  switch (code) {
    case Com.QUIT:
      return { kind: 'quit' };
    case Com.INIT_DB:
      return { kind: 'init-db', database: r.restString() };
    case Com.QUERY:
      return { kind: 'query', sql: r.restString() };
    case Com.FIELD_LIST:
      return { kind: 'field-list', table: r.nulString(true), wildcard: r.restString() };
    case Com.STATISTICS:
      return { kind: 'statistics' };
    case Com.PROCESS_KILL:
      return { kind: 'process-kill', connectionId: r.int4() };
    case Com.PING:
      return { kind: 'ping' };
    case Com.CHANGE_USER:
      return { kind: 'change-user', request: decodeChangeUser(r, capabilities) };
    case Com.STMT_PREPARE:
      return { kind: 'stmt-prepare', sql: r.restString() };
    case Com.STMT_EXECUTE: {
      const statementId = r.int4();
      const flags = r.int1();
      const iterationCount = r.remaining >= 4 ? r.int4() : 1;
      return { kind: 'stmt-execute', statementId, flags, iterationCount, params: r.rest() };
    }
    case Com.STMT_SEND_LONG_DATA:
      return { kind: 'stmt-send-long-data', statementId: r.int4(), paramId: r.int2(), data: r.rest() };
    case Com.STMT_CLOSE:
      return { kind: 'stmt-close', statementId: r.int4() };
    case Com.STMT_RESET:
      return { kind: 'stmt-reset', statementId: r.int4() };
    case Com.STMT_FETCH:
      return { kind: 'stmt-fetch', statementId: r.int4(), rows: r.int4() };
    case Com.SET_OPTION:
      return { kind: 'set-option', option: r.int2() };
    case Com.RESET_CONNECTION:
      return { kind: 'reset-connection' };
    default:
      return { kind: 'unknown', code };
  }
}
