/**
 * A Hive Metastore Thrift client (the ThriftHiveMetastore calls a Hive catalog reads with):
 * databases, tables, partitions. Requests are built and replies decoded with thrift/binary.ts;
 * struct field numbers follow hive_metastore.thrift (Table, StorageDescriptor, Partition, …).
 */
import {
  MessageType,
  ThriftWriter,
  isStruct,
  list,
  str,
  stringMap,
  struct,
  type ThriftStruct,
  type ThriftValue,
} from '../thrift/binary.js';
import { MetastoreSocket, type SocketOptions } from './socket.js';

export interface HmsColumn {
  readonly name: string;
  /** Hive type text, e.g. `bigint`, `decimal(10,2)`, `array<string>`. */
  readonly type: string;
  readonly comment: string;
}

/** StorageDescriptor: columns, location, formats. */
export interface HmsStorage {
  readonly columns: readonly HmsColumn[];
  readonly location: string;
  readonly inputFormat: string;
  readonly outputFormat: string;
  readonly serde: string;
  readonly serdeParameters: Readonly<Record<string, string>>;
}

export interface HmsDatabase {
  readonly name: string;
  readonly description: string;
  readonly locationUri: string;
  readonly parameters: Readonly<Record<string, string>>;
}

export interface HmsTable {
  readonly db: string;
  readonly name: string;
  readonly owner: string;
  readonly storage: HmsStorage;
  readonly partitionKeys: readonly HmsColumn[];
  readonly parameters: Readonly<Record<string, string>>;
  readonly viewOriginalText: string;
  /** MANAGED_TABLE, EXTERNAL_TABLE, VIRTUAL_VIEW, … */
  readonly tableType: string;
}

export interface HmsPartition {
  /** Values in partition-key order, as HMS stores them (text). */
  readonly values: readonly string[];
  readonly storage: HmsStorage;
  readonly parameters: Readonly<Record<string, string>>;
}

/** A metastore answered with an exception (or the call could not be made). */
export class MetastoreError extends Error {
  constructor(
    /** NoSuchObjectException, MetaException, TApplicationException, transport. */
    readonly kind: 'no-such-object' | 'meta' | 'application' | 'transport',
    message: string,
  ) {
    super(message);
  }
}

/** Exception struct ids of each call's reply (field 0 is the result). */
const THROWS: Readonly<Record<string, Readonly<Record<number, MetastoreError['kind']>>>> = {
  get_all_databases: { 1: 'meta' },
  get_database: { 1: 'no-such-object', 2: 'meta' },
  get_all_tables: { 1: 'meta' },
  get_table: { 1: 'meta', 2: 'no-such-object' },
  get_partition_names: { 1: 'no-such-object', 2: 'meta' },
  get_partitions: { 1: 'no-such-object', 2: 'meta' },
};

function columns(v: readonly ThriftValue[]): HmsColumn[] {
  return v.filter(isStruct).map((c) => ({ name: str(c, 1), type: str(c, 2), comment: str(c, 3) }));
}

function storage(sd: ThriftStruct): HmsStorage {
  const serde = struct(sd, 7);
  return {
    columns: columns(list(sd, 1)),
    location: str(sd, 2),
    inputFormat: str(sd, 3),
    outputFormat: str(sd, 4),
    serde: str(serde, 2),
    serdeParameters: stringMap(serde, 3),
  };
}

function table(t: ThriftStruct): HmsTable {
  return {
    name: str(t, 1),
    db: str(t, 2),
    owner: str(t, 3),
    storage: storage(struct(t, 7)),
    partitionKeys: columns(list(t, 8)),
    parameters: stringMap(t, 9),
    viewOriginalText: str(t, 10),
    tableType: str(t, 12),
  };
}

function partition(p: ThriftStruct): HmsPartition {
  return {
    values: list(p, 1).map((v) => (typeof v === 'string' ? v : String(v))),
    storage: storage(struct(p, 6)),
    parameters: stringMap(p, 7),
  };
}

function strings(v: ThriftValue | undefined): string[] {
  return Array.isArray(v) ? (v as ThriftValue[]).filter((x): x is string => typeof x === 'string') : [];
}

/** `thrift://host:port[,thrift://…]` → endpoints in order. */
export function parseMetastoreUris(uris: string): { host: string; port: number }[] {
  return uris
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '')
    .map((u) => {
      const m = /^thrift:\/\/(\[[^\]]+\]|[^:/\s]+):(\d+)\/?$/.exec(u);
      if (m === null) throw new MetastoreError('transport', `invalid metastore uri: ${u}`);
      return { host: (m[1] as string).replace(/^\[|\]$/g, ''), port: Number(m[2]) };
    });
}

export const DEFAULT_SOCKET_OPTIONS: SocketOptions = { connectTimeoutMs: 10_000, callTimeoutMs: 60_000 };

/** One open metastore connection; calls run one after another. */
export class HmsClient {
  private seq = 0;

  private constructor(private readonly socket: MetastoreSocket) {}

  /** Connect to the first reachable metastore of the list (as StarRocks' client does). */
  static async connect(uris: string, options: SocketOptions = DEFAULT_SOCKET_OPTIONS): Promise<HmsClient> {
    const errors: string[] = [];
    for (const { host, port } of parseMetastoreUris(uris)) {
      try {
        return new HmsClient(await MetastoreSocket.open(host, port, options));
      } catch (error) {
        errors.push(`${host}:${port}: ${(error as Error).message}`);
      }
    }
    throw new MetastoreError('transport', `could not connect to the metastore (${errors.join('; ')})`);
  }

  close(): void {
    this.socket.close();
  }

  async getAllDatabases(): Promise<string[]> {
    return strings(await this.call('get_all_databases', (w) => w));
  }

  async getDatabase(name: string): Promise<HmsDatabase> {
    const d = await this.call('get_database', (w) => w.fieldString(1, name));
    const s = isStruct(d) ? d : undefined;
    return { name: str(s, 1), description: str(s, 2), locationUri: str(s, 3), parameters: stringMap(s, 4) };
  }

  async getAllTables(db: string): Promise<string[]> {
    return strings(await this.call('get_all_tables', (w) => w.fieldString(1, db)));
  }

  async getTable(db: string, name: string): Promise<HmsTable> {
    const t = await this.call('get_table', (w) => w.fieldString(1, db).fieldString(2, name));
    if (!isStruct(t)) throw new MetastoreError('meta', `get_table returned no table for ${db}.${name}`);
    return table(t);
  }

  /** Partition names (`k1=v1/k2=v2`, escaped the Hive way); all of them (max_parts = -1). */
  async getPartitionNames(db: string, name: string): Promise<string[]> {
    return strings(
      await this.call('get_partition_names', (w) =>
        w.fieldString(1, db).fieldString(2, name).fieldI16(3, -1),
      ),
    );
  }

  async getPartitions(db: string, name: string): Promise<HmsPartition[]> {
    const v = await this.call('get_partitions', (w) =>
      w.fieldString(1, db).fieldString(2, name).fieldI16(3, -1),
    );
    return Array.isArray(v) ? (v as ThriftValue[]).filter(isStruct).map(partition) : [];
  }

  /** One call: the argument struct's fields are written by `args`; returns the reply's field 0. */
  private async call(
    method: string,
    args: (w: ThriftWriter) => ThriftWriter,
  ): Promise<ThriftValue | undefined> {
    const seqId = ++this.seq;
    const request = args(new ThriftWriter().messageBegin(method, MessageType.CALL, seqId)).stop();
    let reply;
    try {
      reply = await this.socket.call(request.toBuffer());
    } catch (error) {
      const e = error as Error;
      throw new MetastoreError('transport', `${method}: ${e.message}`);
    }
    if (reply.type === MessageType.EXCEPTION)
      throw new MetastoreError('application', `${method}: ${str(reply.body, 1) || 'TApplicationException'}`);
    if (reply.name !== method || reply.seqId !== seqId)
      throw new MetastoreError('transport', `${method}: out-of-order reply ${reply.name}#${reply.seqId}`);
    for (const [id, value] of reply.body.fields) {
      if (id === 0) return value;
      const kind = THROWS[method]?.[id] ?? 'meta';
      throw new MetastoreError(kind, isStruct(value) ? str(value, 1) : String(value));
    }
    return undefined; // void result (not used by these calls)
  }
}

/** Run `fn` with a connected client, closed afterwards. */
export async function withMetastore<T>(uris: string, fn: (c: HmsClient) => Promise<T>): Promise<T> {
  const client = await HmsClient.connect(uris);
  try {
    return await fn(client);
  } finally {
    client.close();
  }
}
