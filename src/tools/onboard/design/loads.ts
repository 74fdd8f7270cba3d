/**
 * Load design (R-L1…R-L5): Routine Load for Kafka with the interval from freshness, stock jobs of
 * ≤ 100 GB from Hive (catalog INSERT) or files (Broker Load / FILES()), Flink CDC for OLTP
 * sources, Stream Load for HTTP pushes.
 */
import { typeInfo } from '../form/column-type.js';
import type { Form, Source } from '../form/model.js';
import { formatBytes, formatDuration } from '../form/units.js';
import { ceil, GiB, type Notes } from './notes.js';
import type { LoadDesign, RoutineLoadJob, StockJob, StreamJob, TableDesign } from './types.js';

/** R-L3: load interval within [5 s, freshness / 2], at most 60 s (ours: no need to wait longer). */
export function loadInterval(freshnessS: number): number {
  return Math.max(5, Math.min(Math.floor(freshnessS / 2), 60));
}

/** The Hive catalog name of the business. */
export function catalogName(form: Form): string {
  return `hive_${form.business}`;
}

export function designLoads(
  form: Form,
  tables: readonly TableDesign[],
  nBe: number,
  notes: Notes,
): LoadDesign {
  const routine: RoutineLoadJob[] = [];
  const stock: StockJob[] = [];
  const streams: StreamJob[] = [];
  const catalogs = new Set<string>();
  for (const t of tables) {
    const interval = loadInterval(t.spec.freshnessS);
    for (const sourceName of t.spec.from) {
      const s = form.sources.find((x) => x.name === sourceName);
      if (s === undefined) continue;
      switch (s.kind) {
        case 'kafka':
          routine.push(routineJob(t, s, interval, nBe, notes));
          break;
        case 'hive':
          catalogs.add(catalogName(form));
          stock.push(...stockJobs(form, t, s, notes));
          break;
        case 's3':
        case 'hdfs':
          stock.push(...stockJobs(form, t, s, notes));
          break;
        case 'mysql':
        case 'postgresql':
        case 'oracle':
          streams.push({
            kind: 'flink',
            table: t.name,
            source: s.name,
            intervalS: interval,
            semantic: 'exactly-once',
          });
          notes.decide(
            'R-L1',
            t.name,
            `Flink CDC from ${s.kind} ${s.table ?? ''} (exactly-once, checkpoint ${interval} s)`,
            `OLTP source; the stock (${formatBytes(t.spec.volume.stockBytes)}) arrives through the Flink CDC snapshot phase, then the binlog; checkpoint interval = load interval ${interval} s (R-L3): data becomes visible at checkpoints`,
          );
          break;
        case 'http':
          streams.push({
            kind: 'stream-load',
            table: t.name,
            source: s.name,
            intervalS: interval,
            semantic: 'at-least-once',
          });
          notes.decide(
            'R-L1',
            t.name,
            `Stream Load over HTTP every ${interval} s`,
            `application push; batches ≤ 10 GB per request (R-L2)`,
          );
          if (t.spec.volume.dailyBytes / (86400 / interval) > 10 * GiB) {
            notes.risk(
              'high',
              t.name,
              'a Stream Load batch would exceed 10 GB: shorten the interval',
              'R-L2',
            );
          }
          break;
      }
    }
  }
  checkTransactions(form, routine, streams, nBe, notes);
  return { catalogs: [...catalogs], routine, stock, streams };
}

function routineJob(t: TableDesign, s: Source, interval: number, nBe: number, notes: Notes): RoutineLoadJob {
  const concurrency = Math.min(s.partitions ?? 5, nBe, 5);
  if (s.partitions === undefined)
    notes.ask(`Kafka topic ${s.topic ?? s.name}: how many partitions? (Routine Load concurrency R-L4)`);
  const offsets = t.spec.volume.stockBytes > 0 ? 'OFFSET_END' : 'OFFSET_BEGINNING';
  const fresh = t.spec.freshnessS;
  notes.decide(
    'R-L3',
    t.name,
    `Routine Load every ${interval} s (task_consume_second = ${interval})`,
    `freshness ${formatDuration(fresh)}: interval = max(5 s, min(freshness / 2, 60 s))${fresh / 2 < 5 ? ' — cannot meet the freshness' : ''}`,
  );
  notes.decide(
    'R-L4',
    t.name,
    `desired_concurrent_number = ${concurrency}`,
    `min(${s.partitions ?? 'partitions unknown → 5'}, ${nBe} BEs, 5 = max_routine_load_task_concurrent_num)`,
  );
  notes.decide(
    'R-L1',
    t.name,
    `Routine Load from Kafka topic ${s.topic ?? ''}`,
    `at-least-once${t.model === 'PRIMARY' ? ', idempotent on a PK table' : '; duplicates possible on retries (Duplicate table)'}; offsets ${offsets}${offsets === 'OFFSET_END' ? ' (history comes from the stock load)' : ''}`,
  );
  return {
    kind: 'routine',
    name: `rl_${t.name}_${(s.topic ?? s.name).replace(/[^A-Za-z0-9_]/g, '_')}`.slice(0, 64),
    table: t.name,
    topic: s.topic ?? s.name,
    brokers: s.brokers ?? '${KAFKA_BROKERS}',
    format: s.format === 'csv' ? 'csv' : 'json',
    concurrency,
    intervalS: interval,
    offsets,
    columns: t.columns.filter((c) => c.defaultValue === undefined).map((c) => c.name),
  };
}

/** R-L2: ≤ 100 GB per job; split by time range (partition pruning) or by key hash. */
function stockJobs(form: Form, t: TableDesign, s: Source, notes: Notes): StockJob[] {
  const bytes = t.spec.volume.stockBytes;
  if (bytes <= 0) return [];
  const wanted = Math.max(1, ceil(bytes / (100 * GiB)));
  const cols = t.columns.filter((c) => c.defaultValue === undefined).map((c) => c.name);
  const target = `${form.database}.${t.name}`;
  const days = t.spec.retentionDays;
  // Time-split jobs come in whole day ranges × hash slices, so round the count up to fill them.
  const jobs =
    t.partition !== null && days !== null && wanted > days ? Math.ceil(wanted / days) * days : wanted;
  const splits = splitPredicates(t, jobs, s.kind === 'hive');
  const out: StockJob[] = [];
  for (let i = 0; i < jobs; i++) {
    const label = `stock_${t.name}_${String(i + 1).padStart(String(jobs).length, '0')}_of_${jobs}`;
    const where = jobs === 1 ? '' : `\nWHERE ${splits.predicate(i)}`;
    let sql: string;
    let kind: StockJob['kind'];
    if (s.kind === 'hive') {
      kind = 'insert-catalog';
      sql = `INSERT INTO ${target} WITH LABEL ${label} (${cols.join(', ')})\nSELECT ${cols.join(', ')}\nFROM ${catalogName(form)}.${s.table ?? t.name}${where}`;
    } else if (jobs === 1) {
      kind = 'broker';
      sql = brokerLoad(form, t, s, label, cols);
    } else {
      kind = 'insert-files';
      sql = `INSERT INTO ${target} WITH LABEL ${label} (${cols.join(', ')})\nSELECT ${cols.join(', ')}\nFROM FILES(${filesProperties(s)})${where}`;
    }
    out.push({ kind, label, table: t.name, sql, bytes: bytes / jobs });
  }
  const how =
    s.kind === 'hive'
      ? `INSERT … SELECT from Hive catalog ${catalogName(form)}`
      : jobs === 1
        ? 'one Broker Load job'
        : 'INSERT … SELECT FROM FILES()';
  notes.decide(
    'R-L2',
    t.name,
    `stock ${formatBytes(bytes)} in ${jobs} job(s) of ≤ 100 GB (${how})`,
    `⌈${formatBytes(bytes)} / 100 GB⌉ = ${jobs}; split ${splits.how}`,
  );
  if (jobs > 1 && splits.scansAll) {
    notes.risk(
      'medium',
      t.name,
      `each of the ${jobs} stock jobs reads the whole source to filter its share by key hash; if ${s.table ?? s.location ?? s.name} is partitioned, split by its partition column instead`,
      'R-L2',
    );
  }
  return out;
}

function splitPredicates(
  t: TableDesign,
  jobs: number,
  catalog: boolean,
): { predicate: (i: number) => string; how: string; scansAll: boolean } {
  const key =
    (t.distribution.kind === 'hash' ? t.distribution.columns[0] : undefined) ??
    t.keyColumns[0] ??
    t.columns[0]?.name ??
    'id';
  const integer = typeInfo(t.columns.find((c) => c.name === key)?.type ?? '')?.isInteger === true;
  const hash = (n: number): string =>
    integer ? `abs(${key}) % ${n}` : `abs(murmur_hash3_32(${key})) % ${n}`;
  const time = t.partition?.column;
  const days = t.spec.retentionDays;
  if (time === undefined || days === null) {
    return { predicate: (i) => `${hash(jobs)} = ${i}`, how: `by ${hash(jobs)}`, scansAll: true };
  }
  // Day ranges over the retention window; when there are more jobs than days, each day range is
  // split further by key hash.
  const ranges = Math.min(jobs, days);
  const per = Math.ceil(days / ranges);
  const slices = Math.ceil(jobs / ranges);
  const range = (r: number): string => {
    const from = days - r * per;
    const to = Math.max(0, days - (r + 1) * per);
    const lower = `${time} >= date_sub(current_date(), INTERVAL ${from} DAY)`;
    return to === 0 ? lower : `${lower} AND ${time} < date_sub(current_date(), INTERVAL ${to} DAY)`;
  };
  return {
    predicate: (i) => {
      const r = Math.floor(i / slices);
      return slices === 1 ? range(r) : `${range(r)} AND ${hash(slices)} = ${i % slices}`;
    },
    how:
      `by ${per}-day ranges of ${time} over the ${days}-day window` +
      (slices > 1 ? `, each split by ${hash(slices)}` : '') +
      (catalog ? ' (partition pruning on the source)' : ''),
    scansAll: !catalog || slices > 1,
  };
}

function filesProperties(s: Source): string {
  const props: Array<[string, string]> = [
    ['path', s.location ?? ''],
    ['format', s.format ?? 'parquet'],
  ];
  if (s.kind === 's3')
    props.push(
      ['aws.s3.access_key', '${AWS_ACCESS_KEY}'],
      ['aws.s3.secret_key', '${AWS_SECRET_KEY}'],
      ['aws.s3.region', '${AWS_REGION}'],
    );
  return props.map(([k, v]) => `\n  "${k}" = "${v}"`).join(',') + '\n';
}

function brokerLoad(form: Form, t: TableDesign, s: Source, label: string, cols: readonly string[]): string {
  const format = (s.format ?? 'parquet').toUpperCase();
  const creds =
    s.kind === 's3'
      ? `\nWITH BROKER (\n  "aws.s3.access_key" = "\${AWS_ACCESS_KEY}",\n  "aws.s3.secret_key" = "\${AWS_SECRET_KEY}",\n  "aws.s3.region" = "\${AWS_REGION}"\n)`
      : `\nWITH BROKER (\n  "username" = "\${HDFS_USER}",\n  "password" = "\${HDFS_PASSWORD}"\n)`;
  return (
    `LOAD LABEL ${form.database}.${label} (\n  DATA INFILE("${s.location ?? ''}")\n  INTO TABLE ${t.name}\n` +
    `  FORMAT AS "${format}"\n  (${cols.join(', ')})\n)${creds}\nPROPERTIES ("timeout" = "14400")`
  );
}

/** R-L5: load transactions in flight per database stay under 80 % of 900. */
function checkTransactions(
  form: Form,
  routine: readonly RoutineLoadJob[],
  streams: readonly StreamJob[],
  nBe: number,
  notes: Notes,
): void {
  const inFlight = routine.reduce((sum, r) => sum + r.concurrency, 0) + streams.length;
  if (inFlight > 0.8 * 900)
    notes.risk('high', form.database, `${inFlight} concurrent load transactions > 80 % of 900`, 'R-L5');
  const perBe = ceil(routine.reduce((sum, r) => sum + r.concurrency, 0) / nBe);
  if (perBe > 16) notes.risk('medium', form.database, `${perBe} Routine Load tasks per BE > 16`, 'R-L4');
}
