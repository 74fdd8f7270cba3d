/**
 * Stream Load throughput against DuckDB loading the same file, in the same run:
 *   CSV → DUPLICATE   Rockling `curl -T`-style Stream Load  vs  DuckDB INSERT … SELECT FROM read_csv
 *   CSV → PRIMARY KEY Rockling (upsert through the model writer)  vs  INSERT OR REPLACE … read_csv
 *   JSON → DUPLICATE  Rockling (format json, strip_outer_array) vs DuckDB read_json
 *   JSON → PRIMARY KEY Rockling (upsert)                         vs  INSERT OR REPLACE … read_json
 * Rockling runs as a `rockling serve` child process (sources via tsx); the client streams the file
 * with Expect: 100-continue and follows the 307 like the connectors. Rounds alternate the two
 * systems; medians are reported. Usage:
 *   node --import tsx bench/load/main.ts [--mb 200] [--rounds 3] [--out bench/results]
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { createConnection } from 'mysql2/promise';
import { barChartSvg, describeMachine, median } from '../common/index.js';
import { startRockling } from '../../src/testing/index.js';

interface Args {
  mb: number;
  rounds: number;
  out: string;
}

function args(): Args {
  const a: Args = { mb: 200, rounds: 3, out: 'bench/results' };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i + 1];
    if (argv[i] === '--mb' && v) a.mb = Number(v);
    if (argv[i] === '--rounds' && v) a.rounds = Number(v);
    if (argv[i] === '--out' && v) a.out = v;
  }
  return a;
}

const COLUMNS: [string, string, string][] = [
  ['id', 'BIGINT', 'BIGINT NOT NULL'],
  ['k', 'INTEGER', 'INT'],
  ['name', 'VARCHAR', 'VARCHAR(64)'],
  ['amount', 'DECIMAL(12,2)', 'DECIMAL(12,2)'],
  ['d', 'DATE', 'DATE'],
  ['ts', 'TIMESTAMP', 'DATETIME'],
  ['city', 'VARCHAR', 'VARCHAR(32)'],
  ['v', 'BIGINT', 'BIGINT'],
];

function rowValues(i: number): (string | number | null)[] {
  const d = new Date(Date.UTC(2020, 0, 1) + (i % 1500) * 86400000).toISOString().slice(0, 10);
  return [
    i,
    i % 1000,
    `name_${i % 9973}_abcdefgh`,
    (i * 0.37).toFixed(2),
    d,
    `${d} 12:${String(i % 60).padStart(2, '0')}:00`,
    i % 7 === 0 ? null : `city${i % 300}`,
    (i * 13) % 100000,
  ];
}

/** Write a CSV (tab, \N) and a JSON array file of about `mb` MB of CSV; returns the row count. */
async function generate(dir: string, mb: number): Promise<{ csv: string; json: string; rows: number }> {
  const csv = join(dir, 'data.tsv');
  const json = join(dir, 'data.json');
  const c = createWriteStream(csv);
  const j = createWriteStream(json);
  let bytes = 0;
  let rows = 0;
  let cb = '';
  let jb = '[';
  const names = COLUMNS.map((x) => x[0]);
  while (bytes < mb * 1e6) {
    const v = rowValues(rows);
    const line = `${v.map((x) => (x === null ? '\\N' : String(x))).join('\t')}\n`;
    cb += line;
    bytes += line.length;
    const obj: Record<string, unknown> = {};
    names.forEach((n, k) => (obj[n] = typeof v[k] === 'string' && k === 3 ? Number(v[k]) : v[k]));
    jb += `${rows === 0 ? '' : ',\n'}${JSON.stringify(obj)}`;
    rows++;
    if (cb.length > 1 << 20) {
      if (!c.write(cb)) await once(c, 'drain');
      if (!j.write(jb)) await once(j, 'drain');
      cb = '';
      jb = '';
    }
  }
  c.end(cb);
  j.end(`${jb}]\n`);
  await Promise.all([once(c, 'close'), once(j, 'close')]);
  return { csv, json, rows };
}

type DuckKind = 'csv' | 'csv-pk' | 'json' | 'json-pk';

async function duck(dir: string, kind: DuckKind, file: string): Promise<number> {
  const path = join(dir, `duck-${Date.now()}.duckdb`);
  const inst = await DuckDBInstance.create(path);
  const c = await inst.connect();
  const upsert = kind.endsWith('-pk');
  const pk = upsert ? ', PRIMARY KEY (id)' : '';
  await c.run(`CREATE TABLE t (${COLUMNS.map(([n, t]) => `${n} ${t}`).join(', ')}${pk})`);
  const cols = `{${COLUMNS.map(([n, t]) => `'${n}': '${t}'`).join(', ')}}`;
  const src = kind.startsWith('json')
    ? `read_json('${file}', format='array', columns=${cols})`
    : `read_csv('${file}', delim='\t', header=false, quote='', escape='', nullstr='\\N', auto_detect=false, columns=${cols})`;
  const t0 = performance.now();
  await c.run('BEGIN');
  await c.run(`INSERT ${upsert ? 'OR REPLACE ' : ''}INTO t SELECT * FROM ${src}`);
  await c.run('COMMIT');
  const ms = performance.now() - t0;
  c.closeSync();
  inst.closeSync();
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
  return ms;
}

/** PUT the file with Expect: 100-continue, follow the 307; resolves with the reply. */
function streamLoad(
  url: string,
  file: string,
  headers: Record<string, string>,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'PUT',
      headers: {
        ...headers,
        Expect: '100-continue',
        Authorization: `Basic ${Buffer.from('root:').toString('base64')}`,
        'Content-Length': statSync(file).size,
      },
    });
    req.on('continue', () => createReadStream(file, { highWaterMark: 1 << 20 }).pipe(req));
    req.on('response', (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => {
        if (res.statusCode === 307 && typeof res.headers.location === 'string') {
          req.destroy();
          streamLoad(res.headers.location, file, headers).then(resolve, reject);
        } else resolve(JSON.parse(body) as Record<string, unknown>);
      });
    });
    req.on('error', (e) => (req.destroyed ? undefined : reject(e)));
    req.flushHeaders();
  });
}

interface Case {
  readonly name: string;
  readonly table: string;
  readonly duckKind: DuckKind;
  readonly file: string;
  readonly headers: Record<string, string>;
}

async function main(): Promise<void> {
  const a = args();
  const dir = mkdtempSync(join(tmpdir(), 'rockling-bench-load-'));
  process.stderr.write(`generating ~${a.mb} MB …\n`);
  const data = await generate(dir, a.mb);
  const sizes = { csv: statSync(data.csv).size, json: statSync(data.json).size };
  process.stderr.write(
    `${data.rows} rows; CSV ${(sizes.csv / 1e6).toFixed(0)} MB, JSON ${(sizes.json / 1e6).toFixed(0)} MB\n`,
  );
  const server = await startRockling({ startTimeoutMs: 60_000 });
  try {
    await measure(a, dir, data, sizes, server);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(
  a: Args,
  dir: string,
  data: { csv: string; json: string; rows: number },
  sizes: { csv: number; json: number },
  server: Awaited<ReturnType<typeof startRockling>>,
): Promise<void> {
  const mysql = await createConnection({ host: '127.0.0.1', port: server.port, user: 'root' });
  await mysql.query('CREATE DATABASE b');
  const ddl = COLUMNS.map(([n, , s]) => `${n} ${s}`).join(', ');
  let tables = 0;
  const freshTable = async (model: 'dup' | 'pk'): Promise<string> => {
    const name = `${model}_${++tables}`;
    const key = model === 'dup' ? 'DUPLICATE KEY(id)' : 'PRIMARY KEY(id)';
    await mysql.query(`CREATE TABLE b.${name} (${ddl}) ${key} DISTRIBUTED BY HASH(id)`);
    return name;
  };
  // Warm-up (JIT, DuckDB caches) on a small prefix, not measured.
  const warm = join(dir, 'warm.tsv');
  writeFileSync(
    warm,
    (await import('node:fs'))
      .readFileSync(data.csv)
      .subarray(0, 4_000_000)
      .toString()
      .replace(/[^\n]*$/, ''),
  );
  await streamLoad(
    `http://127.0.0.1:${server.httpPort}/api/b/${await freshTable('dup')}/_stream_load`,
    warm,
    { label: 'warm' },
  );
  const cases: Case[] = [
    { name: 'CSV → DUPLICATE', table: 'dup', duckKind: 'csv', file: data.csv, headers: {} },
    { name: 'CSV → PRIMARY KEY', table: 'pk', duckKind: 'csv-pk', file: data.csv, headers: {} },
    {
      name: 'JSON → DUPLICATE',
      table: 'dup',
      duckKind: 'json',
      file: data.json,
      headers: { format: 'json', strip_outer_array: 'true', ignore_json_size: 'true' },
    },
    {
      name: 'JSON → PRIMARY KEY',
      table: 'pk',
      duckKind: 'json-pk',
      file: data.json,
      headers: { format: 'json', strip_outer_array: 'true', ignore_json_size: 'true' },
    },
  ];
  const results = [];
  let label = 0;
  for (const c of cases) {
    const duckMs: number[] = [];
    const rockMs: number[] = [];
    for (let r = 0; r < a.rounds; r++) {
      duckMs.push(await duck(dir, c.duckKind, c.file));
      const table = await freshTable(c.table === 'pk' ? 'pk' : 'dup');
      const t0 = performance.now();
      const reply = await streamLoad(
        `http://127.0.0.1:${server.httpPort}/api/b/${table}/_stream_load`,
        c.file,
        {
          ...c.headers,
          label: `bench_${++label}`,
        },
      );
      rockMs.push(performance.now() - t0);
      if (reply.Status !== 'Success' || reply.NumberLoadedRows !== data.rows)
        throw new Error(`${c.name}: ${JSON.stringify(reply)}`);
      process.stderr.write(
        `${c.name} round ${r + 1}: duckdb ${duckMs.at(-1)?.toFixed(0)} ms, rockling ${rockMs.at(-1)?.toFixed(0)} ms ` +
          `(read ${String(reply.ReadDataTimeMs)}, write ${String(reply.WriteDataTimeMs)}, commit ${String(reply.CommitAndPublishTimeMs)})\n`,
      );
    }
    const bytes = c.duckKind.startsWith('json') ? sizes.json : sizes.csv;
    const d = median(duckMs);
    const rk = median(rockMs);
    results.push({
      case: c.name,
      rows: data.rows,
      bytes,
      duckdbMs: d,
      rocklingMs: rk,
      duckdbMBps: bytes / 1e3 / d,
      rocklingMBps: bytes / 1e3 / rk,
      duckdbRowsPerS: (data.rows / d) * 1000,
      rocklingRowsPerS: (data.rows / rk) * 1000,
      ratio: d / rk,
    });
  }
  await mysql.end();
  report(a, results);
}

function report(a: Args, results: Record<string, number | string>[]): void {
  const date = new Date().toISOString().slice(0, 10);
  const base = join(a.out, `load-${date}-${a.mb}mb`);
  const machine = describeMachine();
  writeFileSync(`${base}.json`, JSON.stringify({ machine, mb: a.mb, rounds: a.rounds, results }, null, 2));
  const f = (x: unknown, d = 1): string => Number(x).toFixed(d);
  const lines = [
    `# Stream Load throughput vs DuckDB (${a.mb} MB CSV, median of ${a.rounds} rounds, ${date})`,
    '',
    '| case | rows | DuckDB MB/s | Rockling MB/s | DuckDB rows/s | Rockling rows/s | Rockling / DuckDB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.case} | ${r.rows} | ${f(r.duckdbMBps)} | ${f(r.rocklingMBps)} | ${f(r.duckdbRowsPerS, 0)} | ${f(r.rocklingRowsPerS, 0)} | ${f(r.ratio, 2)}× |`,
    ),
    '',
    'Rockling = client-side wall time of a Stream Load (upload through the FE 307 to the BE, parse,',
    'convert, write, commit with its label). DuckDB = `INSERT … SELECT FROM read_csv/read_json` of',
    'the same file in one transaction, in this process. PRIMARY KEY: Rockling upserts through the',
    'model writer (last row per key wins); DuckDB runs INSERT OR REPLACE.',
  ];
  writeFileSync(`${base}.md`, `${lines.join('\n')}\n`);
  writeFileSync(
    `${base}.svg`,
    barChartSvg(
      results.flatMap((r) => [
        { label: `${r.case} DuckDB`, value: Number(r.duckdbMBps), group: 'DuckDB' },
        { label: `${r.case} Rockling`, value: Number(r.rocklingMBps), group: 'Rockling' },
      ]),
      { title: `Stream Load vs DuckDB, ${a.mb} MB`, unit: 'MB/s' },
    ),
  );
  process.stdout.write(`${lines.join('\n')}\n\nwritten ${base}.{json,md,svg}\n`);
}

await main();
