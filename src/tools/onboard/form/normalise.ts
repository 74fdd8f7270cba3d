/**
 * Schema-valid raw form → the normalised `Form`, with the semantic checks a schema cannot make:
 * positive retention/freshness/QPS, cross references (tables → sources, keys → columns, queries
 * → tables), and the volume split over tables when the form gives only business totals.
 */
import type { Diagnostic } from './diagnostics.js';
import type { FormPath } from './positions.js';
import { rowWidth, typeInfo } from './column-type.js';
import type {
  ClusterFacts,
  Column,
  FileFormat,
  Form,
  QuerySpec,
  Scenario,
  Source,
  TableSpec,
  UpdateMode,
  Volume,
} from './model.js';
import { readSample } from './sample.js';
import { scanSql, looksLikeQuery } from './../sql-scan.js';
import { at, type ParsedForm } from './validate.js';
import { parseCount, parseDuration, parseRetentionDays, parseSize } from './units.js';

type Raw = Record<string, unknown>;

const STREAMING = new Set(['kafka', 'mysql', 'postgresql', 'oracle', 'http']);

/** Normalise; returns the form only when no error was found. */
export async function normaliseForm(
  parsed: ParsedForm,
  baseDir: string,
): Promise<{ form?: Form; diagnostics: Diagnostic[] }> {
  const raw = parsed.raw as Raw;
  const d: Diagnostic[] = [];
  const err = (path: FormPath, message: string): void => void d.push(at(parsed, 'error', path, message));
  const warn = (path: FormPath, message: string): void => void d.push(at(parsed, 'warning', path, message));

  const retentionRaw = parseRetentionDays(raw['retention']);
  const retentionDays = retentionRaw === undefined ? 0 : retentionRaw;
  if (retentionDays === 0) err(['retention'], 'retention must be at least 1 day (or "forever")');
  const freshnessS = parseDuration(raw['freshness']) ?? 0;
  if (freshnessS <= 0) err(['freshness'], 'freshness must be a positive duration, e.g. 10 s, 5 min, T+1');
  const qps = raw['qps'] as Raw;
  const qpsPeak = parseCount(qps['peak']) ?? 0;
  const qpsDaily = parseCount(qps['daily']) ?? Math.ceil(qpsPeak / 4);
  if (qpsPeak <= 0) err(['qps', 'peak'], 'peak QPS must be positive');
  if (qpsDaily > qpsPeak) warn(['qps', 'daily'], `daily QPS ${qpsDaily} is above peak QPS ${qpsPeak}`);
  const latency = raw['latency'] as Raw;
  const pointP99 = latency['point_p99'] === undefined ? undefined : parseDuration(latency['point_p99']);
  const complexP99 = latency['complex_p99'] === undefined ? undefined : parseDuration(latency['complex_p99']);
  for (const [key, value] of [
    ['point_p99', pointP99],
    ['complex_p99', complexP99],
  ] as const) {
    if (value !== undefined && value <= 0) err(['latency', key], 'P99 must be a positive duration');
  }
  if (pointP99 !== undefined && complexP99 !== undefined && pointP99 > complexP99) {
    warn(['latency', 'point_p99'], 'point-query P99 is above the complex-query P99');
  }
  const volume = readVolume(raw['volume'] as Raw, ['volume'], err);
  const sources = readSources(raw['sources'] as Raw[], err, warn);
  const cluster = readCluster((raw['cluster'] ?? {}) as Raw);
  const tablesRaw = (raw['tables'] ?? []) as Raw[];
  const tables: TableSpec[] = [];
  for (let i = 0; i < tablesRaw.length; i++) {
    const t = await readTable(tablesRaw[i] as Raw, i, {
      baseDir,
      sources,
      volume,
      retentionDays,
      freshnessS,
      err,
      warn,
    });
    if (t !== undefined) tables.push(t);
  }
  distributeVolume(tables, volume, sources);
  checkDuplicates(
    tables.map((t) => t.name),
    ['tables'],
    'table',
    err,
  );
  const queries = readQueries((raw['queries'] ?? []) as Raw[], tables, err, warn);
  if (tablesRaw.length === 0) warn(['tables'], 'no tables listed: `plan` needs the tables and their columns');
  if (queries.length === 0)
    warn(['queries'], 'no typical SQL: sort keys, bucket keys and MVs cannot be derived');
  if (d.some((x) => x.severity === 'error')) return { diagnostics: d };
  const scenario = raw['scenario'];
  const form: Form = {
    business: String(raw['business']),
    title: String(raw['title'] ?? raw['business']),
    database: String(raw['database'] ?? raw['business']),
    owner: raw['owner'] as Form['owner'],
    scenarios: (Array.isArray(scenario) ? scenario : [scenario]) as Scenario[],
    description: String(raw['description'] ?? ''),
    core: raw['core'] === true,
    sources,
    volume,
    retentionDays,
    freshnessS,
    qpsPeak,
    qpsDaily,
    ...(pointP99 === undefined ? {} : { pointP99Ms: pointP99 * 1000 }),
    ...(complexP99 === undefined ? {} : { complexP99Ms: complexP99 * 1000 }),
    tables,
    queries,
    cluster,
  };
  return { form, diagnostics: d };
}

type Report = (path: FormPath, message: string) => void;

function readVolume(raw: Raw, path: FormPath, err: Report): Volume {
  const dailyBytes = parseSize(raw['daily_bytes']) ?? 0;
  const stockBytes = parseSize(raw['stock']) ?? 0;
  const dailyRows = parseCount(raw['daily_rows']);
  if (raw['daily_bytes'] !== undefined && dailyBytes <= 0 && stockBytes <= 0) {
    err([...path, 'daily_bytes'], 'daily volume is 0 and there is no stock: nothing to store');
  }
  const stockRows = parseCount(raw['stock_rows']);
  return {
    stockBytes,
    stockFormat: (raw['stock_format'] as FileFormat | undefined) ?? 'parquet',
    dailyBytes,
    // Without a row count assume 200 bytes per raw row (a typical JSON event) for row-based figures.
    dailyRows: dailyRows ?? Math.round(dailyBytes / 200),
    ...(stockRows === undefined ? {} : { stockRows }),
  };
}

function readSources(raw: readonly Raw[], err: Report, warn: Report): Source[] {
  const out: Source[] = [];
  raw.forEach((s, i) => {
    const kind = s['kind'] as Source['kind'];
    const need = (field: string, why: string): void => {
      if (s[field] === undefined)
        err(
          ['sources', i],
          `${/^[aeiosh]/.test(kind) ? 'an' : 'a'} ${kind} source needs '${field}' (${why})`,
        );
    };
    if (kind === 'kafka') need('topic', 'the Kafka topic to consume');
    if (kind === 'hive') need('table', 'the Hive table, e.g. ods.user_profile');
    if (kind === 'mysql' || kind === 'postgresql' || kind === 'oracle')
      need('table', 'the upstream db.table');
    if (kind === 's3' || kind === 'hdfs') need('location', 'the s3:// or hdfs:// path of the files');
    if (kind === 'kafka' && s['brokers'] === undefined) {
      warn(['sources', i], 'no Kafka brokers given: the Routine Load job will carry a placeholder');
    }
    out.push({ ...(s as unknown as Source) });
  });
  checkDuplicates(
    out.map((s) => s.name),
    ['sources'],
    'source',
    err,
  );
  return out;
}

function checkDuplicates(names: readonly string[], path: FormPath, what: string, err: Report): void {
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i) err([...path, i, 'name'], `duplicate ${what} name '${name}'`);
  });
}

function readCluster(raw: Raw): ClusterFacts {
  const assumed: string[] = [];
  const pick = <T>(key: string, value: T | undefined, fallback: T, text: string): T => {
    if (value !== undefined) return value;
    assumed.push(`${key} = ${text}`);
    return fallback;
  };
  const shared = raw['shared_cluster_be'] as number | undefined;
  return {
    mode: (raw['mode'] as ClusterFacts['mode'] | undefined) ?? 'auto',
    diskPerBe: pick('be_disk', parseSize(raw['be_disk']), 8 * 2 ** 40, '8 TB (as in ONBOARDING.md §8)'),
    coresPerBe: pick('be_cores', raw['be_cores'] as number | undefined, 32, '32 (SBP: 32–64 cores per BE)'),
    ramPerBe: pick('be_memory', parseSize(raw['be_memory']), 128 * 2 ** 30, '128 GB (RAM:core = 4:1)'),
    replication: pick('replication', raw['replication'] as number | undefined, 3, '3 (R-S6)'),
    version: pick('starrocks_version', raw['starrocks_version'] as string | undefined, '3.3.5', '3.3.5'),
    ...(shared === undefined ? {} : { sharedBeCount: shared }),
    assumed,
  };
}

interface TableContext {
  readonly baseDir: string;
  readonly sources: readonly Source[];
  readonly volume: Volume;
  readonly retentionDays: number | null;
  readonly freshnessS: number;
  readonly err: Report;
  readonly warn: Report;
}

async function readTable(raw: Raw, i: number, ctx: TableContext): Promise<TableSpec | undefined> {
  const path: FormPath = ['tables', i];
  const name = String(raw['name']).toLowerCase();
  const from = raw['from'] === undefined ? [] : Array.isArray(raw['from']) ? raw['from'] : [raw['from']];
  for (const f of from as string[]) {
    if (!ctx.sources.some((s) => s.name === f)) ctx.err([...path, 'from'], `unknown source '${f}'`);
  }
  let columns: Column[] = ((raw['columns'] ?? []) as Raw[]).map((c) => ({
    name: String(c['name']).toLowerCase(),
    type: typeInfo(String(c['type']))?.text ?? String(c['type']),
    nullable: c['nullable'] !== false,
    ...(c['ndv'] === undefined ? {} : { ndv: parseCount(c['ndv']) ?? 0 }),
    ...(c['comment'] === undefined ? {} : { comment: String(c['comment']) }),
  }));
  let key = (raw['key'] as string[] | undefined)?.map((k) => k.toLowerCase());
  let columnsOrigin: TableSpec['columnsOrigin'] = 'form';
  if (columns.length === 0 && typeof raw['sample'] === 'string') {
    try {
      const sample = await readSample(raw['sample'], ctx.baseDir);
      columns = sample.columns;
      columnsOrigin = 'sample';
      if (key === undefined && sample.key.length > 0) key = sample.key;
    } catch (error) {
      ctx.err(
        [...path, 'sample'],
        `cannot read sample: ${error instanceof Error ? error.message : String(error)}`,
      );
      return undefined;
    }
  }
  if (columns.length === 0) {
    ctx.err(path, `table '${name}' has no columns: list them or give a 'sample' to read them from`);
    return undefined;
  }
  const names = new Set(columns.map((c) => c.name));
  checkDuplicates(
    columns.map((c) => c.name),
    [...path, 'columns'],
    'column',
    ctx.err,
  );
  const updates = (raw['updates'] as UpdateMode | undefined) ?? (key === undefined ? 'none' : 'upsert');
  if (updates !== 'none' && key === undefined) {
    ctx.err([...path, 'updates'], `updates: ${updates} needs a 'key' (the columns that identify a row)`);
  }
  for (const k of key ?? []) {
    if (!names.has(k)) ctx.err([...path, 'key'], `key column '${k}' is not among the columns`);
  }
  const timeColumn = (raw['time_column'] as string | undefined)?.toLowerCase();
  if (timeColumn !== undefined) {
    const col = columns.find((c) => c.name === timeColumn);
    if (col === undefined)
      ctx.err([...path, 'time_column'], `time column '${timeColumn}' is not among the columns`);
    else if (!typeInfo(col.type)?.isTime) {
      ctx.err(
        [...path, 'time_column'],
        `time column '${timeColumn}' must be DATE or DATETIME, not ${col.type}`,
      );
    }
  }
  const ownVolume = ['stock', 'daily_bytes', 'daily_rows'].some((k) => raw[k] !== undefined);
  const ownRetention = raw['retention'] === undefined ? undefined : parseRetentionDays(raw['retention']);
  const retention = ownRetention === undefined ? ctx.retentionDays : ownRetention;
  const rows = parseCount(raw['rows']);
  return {
    name,
    from: from as string[],
    updates,
    keepDetail: raw['keep_detail'] !== false,
    columns,
    ...(key === undefined ? {} : { key }),
    ...(timeColumn === undefined ? {} : { timeColumn }),
    volume: ownVolume
      ? readVolume(raw, path, ctx.err)
      : { ...ctx.volume, stockBytes: 0, dailyBytes: 0, dailyRows: 0 },
    volumeOrigin: ownVolume ? 'table' : 'business',
    ...(rows === undefined ? {} : { rows }),
    retentionDays: retention,
    freshnessS: parseDuration(raw['freshness']) ?? ctx.freshnessS,
    columnsOrigin,
  };
}

/**
 * Tables without their own volume share what the business totals leave: the daily increment goes
 * to tables fed by streaming sources, the stock to tables fed by batch sources (Hive, files); a
 * business with only one kind gives both to those tables.
 */
function distributeVolume(tables: TableSpec[], total: Volume, sources: readonly Source[]): void {
  // A table that states its row count is sized from it (rows × estimated raw row width).
  for (const [i, t] of tables.entries()) {
    if (t.volumeOrigin !== 'business' || t.rows === undefined) continue;
    const bytes = t.rows * rowWidth(t.columns.map((c) => c.type));
    tables[i] = { ...t, volume: { ...t.volume, stockBytes: bytes, stockRows: t.rows, stockFormat: 'csv' } };
  }
  const open = tables.filter((t) => t.volumeOrigin === 'business' && t.rows === undefined);
  if (open.length === 0) return;
  const own = tables.filter((t) => t.volumeOrigin === 'table');
  const left = {
    daily: Math.max(0, total.dailyBytes - sum(own.map((t) => t.volume.dailyBytes))),
    rows: Math.max(0, total.dailyRows - sum(own.map((t) => t.volume.dailyRows))),
    stock: Math.max(0, total.stockBytes - sum(own.map((t) => t.volume.stockBytes))),
  };
  const streaming = (t: TableSpec): boolean =>
    t.from.some((f) => STREAMING.has(sources.find((s) => s.name === f)?.kind ?? ''));
  let dailyTo = open.filter(streaming);
  let stockTo = open.filter((t) => !streaming(t));
  if (dailyTo.length === 0) dailyTo = open;
  if (stockTo.length === 0) stockTo = open;
  for (const t of open) {
    const index = tables.indexOf(t);
    const daily = dailyTo.includes(t) ? 1 / dailyTo.length : 0;
    const stock = stockTo.includes(t) ? 1 / stockTo.length : 0;
    tables[index] = {
      ...t,
      volume: {
        ...t.volume,
        dailyBytes: left.daily * daily,
        dailyRows: Math.round(left.rows * daily),
        stockBytes: left.stock * stock,
        stockFormat: total.stockFormat,
      },
    };
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function readQueries(
  raw: readonly Raw[],
  tables: readonly TableSpec[],
  err: Report,
  warn: Report,
): QuerySpec[] {
  const names = new Set(tables.map((t) => t.name));
  return raw.map((q, i) => {
    const sql = String(q['sql']).trim();
    const path: FormPath = ['queries', i];
    if (!looksLikeQuery(sql)) err([...path, 'sql'], 'typical SQL must be a SELECT (or WITH … SELECT) query');
    const shape = scanSql(sql);
    if (shape.elided) {
      warn([...path, 'sql'], 'the SQL elides table or column names with "...": rules cannot use it fully');
    }
    for (const t of shape.tables) {
      const bare = t.split('.').pop() ?? t;
      if (tables.length > 0 && !names.has(bare))
        warn([...path, 'sql'], `table '${t}' is not among the form's tables`);
    }
    const scanRows = q['scan_rows'] === undefined ? undefined : parseCount(q['scan_rows']);
    return {
      name: String(q['name'] ?? `q${i + 1}`),
      sql,
      ...(q['sla'] === undefined ? {} : { sla: q['sla'] as NonNullable<QuerySpec['sla']> }),
      ...(q['qps'] === undefined ? {} : { qps: Number(q['qps']) }),
      ...(scanRows === undefined ? {} : { scanRows }),
    };
  });
}
