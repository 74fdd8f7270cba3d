/**
 * A TEST DOUBLE of the Hive Metastore — not a real HMS. No Hive, Hadoop or Maven can run on this
 * machine, so tests serve the metastore calls a Hive catalog makes (get_all_databases,
 * get_database, get_all_tables, get_table, get_partition_names, get_partitions) from tables the
 * test declares. It is built on the official Apache Thrift runtime (npm `thrift`: its
 * TBinaryProtocol and TBufferedTransport write every reply), deliberately NOT on Rockling's own
 * codec, so a bug in src/lakehouse/thrift would show up as a failing test instead of agreeing with
 * itself. Replies carry fields Rockling ignores (createTime, owner, privileges-free placeholders,
 * bucket columns, sort columns, skewed info) so the client's skipping is exercised too.
 */
import type { AddressInfo, Socket } from 'node:net';
import thrift from 'thrift';

const { Thrift } = thrift;
type Protocol = thrift.TProtocol;
const T = Thrift.Type;

export interface DoubleColumn {
  readonly name: string;
  readonly type: string;
  readonly comment?: string;
}

export interface DoublePartition {
  readonly values: readonly string[];
  readonly location: string;
}

export interface DoubleTable {
  readonly db: string;
  readonly name: string;
  readonly columns: readonly DoubleColumn[];
  readonly location: string;
  readonly partitionKeys?: readonly DoubleColumn[];
  readonly partitions?: readonly DoublePartition[];
  /** Default: Parquet's MapredParquetInputFormat. */
  readonly inputFormat?: string;
  readonly serde?: string;
  readonly tableType?: string;
}

export interface HmsDouble {
  /** `thrift://127.0.0.1:<port>` */
  readonly uri: string;
  /** Every call received, e.g. `get_table ods.user_profile`. */
  readonly calls: string[];
  stop(): Promise<void>;
}

export const PARQUET_INPUT = 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat';
export const PARQUET_SERDE = 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe';

type Args = Map<number, string | number>;

/** Read the argument struct (string and i16/i32 fields; everything else skipped). */
function readArgs(input: Protocol): Args {
  const args: Args = new Map();
  input.readStructBegin();
  for (;;) {
    const f = input.readFieldBegin();
    if (f.ftype === T.STOP) break;
    if (f.ftype === T.STRING) args.set(f.fid, input.readString());
    else if (f.ftype === T.I16) args.set(f.fid, input.readI16());
    else if (f.ftype === T.I32) args.set(f.fid, input.readI32());
    else input.skip(f.ftype);
    input.readFieldEnd();
  }
  input.readStructEnd();
  return args;
}

function field(out: Protocol, id: number, type: thrift.Thrift.Type, write: () => void): void {
  out.writeFieldBegin(`f${id}`, type, id);
  write();
  out.writeFieldEnd();
}

function stringField(out: Protocol, id: number, value: string): void {
  field(out, id, T.STRING, () => out.writeString(value));
}

function stringList(out: Protocol, values: readonly string[]): void {
  out.writeListBegin(T.STRING, values.length);
  for (const v of values) out.writeString(v);
  out.writeListEnd();
}

function stringMap(out: Protocol, m: Readonly<Record<string, string>>): void {
  const entries = Object.entries(m);
  out.writeMapBegin(T.STRING, T.STRING, entries.length);
  for (const [k, v] of entries) {
    out.writeString(k);
    out.writeString(v);
  }
  out.writeMapEnd();
}

function fieldSchemas(out: Protocol, cols: readonly DoubleColumn[]): void {
  out.writeListBegin(T.STRUCT, cols.length);
  for (const c of cols) {
    out.writeStructBegin('FieldSchema');
    stringField(out, 1, c.name);
    stringField(out, 2, c.type);
    stringField(out, 3, c.comment ?? '');
    out.writeFieldStop();
    out.writeStructEnd();
  }
  out.writeListEnd();
}

function storageDescriptor(out: Protocol, t: DoubleTable, location: string): void {
  out.writeStructBegin('StorageDescriptor');
  field(out, 1, T.LIST, () => fieldSchemas(out, t.columns));
  stringField(out, 2, location);
  stringField(out, 3, t.inputFormat ?? PARQUET_INPUT);
  stringField(out, 4, 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat');
  field(out, 5, T.BOOL, () => out.writeBool(false));
  field(out, 6, T.I32, () => out.writeI32(-1));
  field(out, 7, T.STRUCT, () => {
    out.writeStructBegin('SerDeInfo');
    stringField(out, 2, t.serde ?? PARQUET_SERDE);
    field(out, 3, T.MAP, () => stringMap(out, { 'serialization.format': '1' }));
    out.writeFieldStop();
    out.writeStructEnd();
  });
  field(out, 8, T.LIST, () => stringList(out, []));
  field(out, 9, T.LIST, () => {
    out.writeListBegin(T.STRUCT, 0);
    out.writeListEnd();
  });
  field(out, 10, T.MAP, () => stringMap(out, {}));
  field(out, 11, T.STRUCT, () => {
    out.writeStructBegin('SkewedInfo');
    field(out, 1, T.LIST, () => stringList(out, []));
    field(out, 3, T.MAP, () => {
      out.writeMapBegin(T.LIST, T.STRING, 0);
      out.writeMapEnd();
    });
    out.writeFieldStop();
    out.writeStructEnd();
  });
  field(out, 12, T.BOOL, () => out.writeBool(false));
  out.writeFieldStop();
  out.writeStructEnd();
}

function writeTable(out: Protocol, t: DoubleTable): void {
  out.writeStructBegin('Table');
  stringField(out, 1, t.name);
  stringField(out, 2, t.db);
  stringField(out, 3, 'hive');
  field(out, 4, T.I32, () => out.writeI32(1_700_000_000));
  field(out, 5, T.I32, () => out.writeI32(0));
  field(out, 6, T.I32, () => out.writeI32(0));
  field(out, 7, T.STRUCT, () => storageDescriptor(out, t, t.location));
  field(out, 8, T.LIST, () => fieldSchemas(out, t.partitionKeys ?? []));
  field(out, 9, T.MAP, () => stringMap(out, { EXTERNAL: 'TRUE', numFiles: '1' }));
  stringField(out, 12, t.tableType ?? 'EXTERNAL_TABLE');
  field(out, 14, T.BOOL, () => out.writeBool(false));
  field(out, 17, T.I64, () => out.writeI64(42));
  out.writeFieldStop();
  out.writeStructEnd();
}

function writePartition(out: Protocol, t: DoubleTable, p: DoublePartition): void {
  out.writeStructBegin('Partition');
  field(out, 1, T.LIST, () => stringList(out, p.values));
  stringField(out, 2, t.db);
  stringField(out, 3, t.name);
  field(out, 4, T.I32, () => out.writeI32(1_700_000_000));
  field(out, 6, T.STRUCT, () => storageDescriptor(out, t, p.location));
  field(out, 7, T.MAP, () => stringMap(out, { transient_lastDdlTime: '1700000000' }));
  out.writeFieldStop();
  out.writeStructEnd();
}

/** Hive's partition name escaping (FileUtils.escapePathName) for the double's names. */
function escapePath(v: string): string {
  let out = '';
  for (const ch of v) {
    const code = ch.charCodeAt(0);
    out +=
      code < 0x20 || code === 0x7f || '"#%\'*/:=?\\{[]^'.includes(ch)
        ? `%${code.toString(16).toUpperCase().padStart(2, '0')}`
        : ch;
  }
  return out;
}

type Reply =
  | { kind: 'ok'; write: (out: Protocol) => void; type: thrift.Thrift.Type }
  | { kind: 'throw'; id: number; message: string };

function answer(tables: readonly DoubleTable[], dbs: readonly string[], method: string, args: Args): Reply {
  const db = String(args.get(1) ?? '');
  const find = (): DoubleTable | undefined =>
    tables.find((t) => t.db === db && t.name === String(args.get(2)));
  const missingTable = `${db}.${String(args.get(2))} table not found`;
  switch (method) {
    case 'get_all_databases':
      return { kind: 'ok', type: T.LIST, write: (o) => stringList(o, dbs) };
    case 'get_database':
      if (!dbs.includes(db)) return { kind: 'throw', id: 1, message: `Database ${db} not found` };
      return {
        kind: 'ok',
        type: T.STRUCT,
        write: (o) => {
          o.writeStructBegin('Database');
          stringField(o, 1, db);
          stringField(o, 2, '');
          stringField(o, 3, `file:///warehouse/${db}.db`);
          field(o, 4, T.MAP, () => stringMap(o, {}));
          o.writeFieldStop();
          o.writeStructEnd();
        },
      };
    case 'get_all_tables':
      return {
        kind: 'ok',
        type: T.LIST,
        write: (o) =>
          stringList(
            o,
            tables.filter((t) => t.db === db).map((t) => t.name),
          ),
      };
    case 'get_table': {
      const t = find();
      if (t === undefined) return { kind: 'throw', id: 2, message: missingTable };
      return { kind: 'ok', type: T.STRUCT, write: (o) => writeTable(o, t) };
    }
    case 'get_partition_names': {
      const t = find();
      if (t === undefined) return { kind: 'throw', id: 1, message: missingTable };
      const keys = t.partitionKeys ?? [];
      const names = (t.partitions ?? []).map((p) =>
        keys.map((k, i) => `${k.name}=${escapePath(p.values[i] ?? '')}`).join('/'),
      );
      return { kind: 'ok', type: T.LIST, write: (o) => stringList(o, names) };
    }
    case 'get_partitions': {
      const t = find();
      if (t === undefined) return { kind: 'throw', id: 1, message: missingTable };
      const parts = t.partitions ?? [];
      return {
        kind: 'ok',
        type: T.LIST,
        write: (o) => {
          o.writeListBegin(T.STRUCT, parts.length);
          for (const p of parts) writePartition(o, t, p);
          o.writeListEnd();
        },
      };
    }
    default:
      return { kind: 'throw', id: -1, message: `Invalid method name: '${method}'` };
  }
}

/** Start the double on a free loopback port. */
export async function startHmsDouble(
  tables: readonly DoubleTable[],
  databases?: readonly string[],
): Promise<HmsDouble> {
  const dbs = databases ?? [...new Set(tables.map((t) => t.db))].sort();
  const calls: string[] = [];
  class Processor {
    process(input: Protocol, output: Protocol): void {
      const m = input.readMessageBegin();
      const args = readArgs(input);
      input.readMessageEnd();
      calls.push(
        [m.fname, args.get(1), args.get(2)]
          .filter((x) => x !== undefined)
          .join(' ')
          .replace(/ (\S+)$/, '.$1'),
      );
      const reply = answer(tables, dbs, m.fname, args);
      if (reply.kind === 'throw' && reply.id < 0) {
        const x = new Thrift.TApplicationException(
          Thrift.TApplicationExceptionType.UNKNOWN_METHOD,
          reply.message,
        );
        output.writeMessageBegin(m.fname, Thrift.MessageType.EXCEPTION, m.rseqid);
        x.write(output);
      } else {
        output.writeMessageBegin(m.fname, Thrift.MessageType.REPLY, m.rseqid);
        output.writeStructBegin(`${m.fname}_result`);
        if (reply.kind === 'ok') field(output, 0, reply.type, () => reply.write(output));
        else
          field(output, reply.id, T.STRUCT, () => {
            output.writeStructBegin('Exception');
            stringField(output, 1, reply.message);
            output.writeFieldStop();
            output.writeStructEnd();
          });
        output.writeFieldStop();
        output.writeStructEnd();
      }
      output.writeMessageEnd();
      output.flush();
    }
  }
  const server = thrift.createServer(
    Processor as never,
    {},
    {
      transport: thrift.TBufferedTransport,
      protocol: thrift.TBinaryProtocol,
    },
  );
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    uri: `thrift://127.0.0.1:${port}`,
    calls,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
