/**
 * `rockling sqltest <files or dirs> [--host --port --http-port --user --password]`: run StarRocks
 * SQL-tester R files against a running server; per-case PASS/FAIL, per-area pass rates when the
 * corpus has a MANIFEST.tsv, and a closing `N passed, N failed` line.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseCaseFile } from './case-file.js';
import { findManifest, HARD_FLAGS, type Manifest, type ManifestRow } from './manifest.js';
import { runCase, type Target } from './run-case.js';

const HELP = `usage: rockling sqltest <R files or directories> [options]
  --host H            server host (127.0.0.1)
  --port P            MySQL-protocol port (9030)
  --http-port P       HTTP port for Stream Load steps (8030)
  --user U --password P
  --area a,b          only cases of these areas (needs MANIFEST.tsv)
  --no-internals      skip cases flagged as depending on StarRocks internals
  --case NAME         only cases with this name
  --strict-errors     expected errors must match the message exactly
  --json FILE         write per-case outcomes as JSON
  --quiet             print only failures and the summary
`;

interface Options {
  readonly target: Target;
  readonly areas: ReadonlySet<string> | null;
  readonly noInternals: boolean;
  readonly caseName: string | null;
  readonly strictErrors: boolean;
  readonly json: string | null;
  readonly quiet: boolean;
}

/** R files under a directory: files inside a folder named R (T files are only for recording). */
function collectFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (p: string, inR: boolean): void => {
    const st = statSync(p);
    if (st.isFile()) {
      if (inR) out.push(p);
      return;
    }
    for (const name of readdirSync(p).sort())
      walk(join(p, name), name === 'R' || (inR && statSync(join(p, name)).isFile()));
  };
  for (const p of paths) {
    const abs = resolve(p);
    if (statSync(abs).isFile()) out.push(abs);
    else walk(abs, false);
  }
  return out;
}

interface Tally {
  passed: number;
  failed: number;
  relaxed: number;
}

function selected(row: ManifestRow | undefined, options: Options): boolean {
  if (row !== undefined && !row.runnable) return false;
  if (options.areas !== null && (row === undefined || !options.areas.has(row.area))) return false;
  if (options.noInternals && row !== undefined && row.flags.some((f) => HARD_FLAGS.includes(f))) return false;
  return true;
}

async function runAll(
  files: readonly string[],
  manifest: Manifest | null,
  options: Options,
): Promise<Map<string, Tally>> {
  const byArea = new Map<string, Tally>();
  const records: unknown[] = [];
  for (const file of files) {
    for (const tc of parseCaseFile(readFileSync(file, 'utf8'))) {
      if (options.caseName !== null && tc.name !== options.caseName) continue;
      const row = manifest?.lookup(file, tc.name);
      if (!selected(row, options)) continue;
      const area = row?.area ?? '-';
      const outcome = await runCase(tc, { ...options.target }, !options.strictErrors);
      const tally = byArea.get(area) ?? { passed: 0, failed: 0, relaxed: 0 };
      byArea.set(area, tally);
      const where = `${file}::${tc.name}`;
      if (outcome.ok) {
        tally.passed++;
        if (outcome.relaxedOnly) tally.relaxed++;
        if (!options.quiet) process.stdout.write(`PASS ${area} ${where}\n`);
      } else {
        tally.failed++;
        process.stdout.write(
          `FAIL ${area} ${where}${outcome.line > 0 ? `:${outcome.line}` : ''}: ${outcome.why}\n`,
        );
      }
      records.push({
        file,
        case: tc.name,
        area,
        ok: outcome.ok,
        relaxedOnly: outcome.relaxedOnly,
        why: outcome.why,
        line: outcome.line,
        ms: Math.round(outcome.ms),
      });
    }
  }
  if (options.json !== null) writeFileSync(options.json, JSON.stringify(records, null, 1));
  return byArea;
}

function printSummary(byArea: Map<string, Tally>): { passed: number; failed: number } {
  let passed = 0;
  let failed = 0;
  process.stdout.write(
    '\narea                               passed  total   rate  (errors matched loosely)\n',
  );
  for (const [area, t] of [...byArea.entries()].sort()) {
    const total = t.passed + t.failed;
    const rate = total === 0 ? 0 : (100 * t.passed) / total;
    process.stdout.write(
      `${area.padEnd(34)} ${String(t.passed).padStart(6)} ${String(total).padStart(6)} ${rate.toFixed(1).padStart(5)}%  (${t.relaxed})\n`,
    );
    passed += t.passed;
    failed += t.failed;
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return { passed, failed };
}

export async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '9030' },
      'http-port': { type: 'string', default: '8030' },
      user: { type: 'string', default: 'root' },
      password: { type: 'string', default: '' },
      area: { type: 'string' },
      'no-internals': { type: 'boolean', default: false },
      case: { type: 'string' },
      'strict-errors': { type: 'boolean', default: false },
      json: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || positionals.length === 0) {
    process.stdout.write(HELP);
    return values.help ? 0 : 2;
  }
  const files = collectFiles(positionals);
  const manifest = findManifest(positionals[0] ?? '.');
  const rootPath = manifest === null ? resolve(positionals[0] ?? '.') : join(manifest.root, 'test');
  const options: Options = {
    target: {
      host: values.host,
      port: Number(values.port),
      user: values.user,
      password: values.password,
      httpPort: Number(values['http-port']),
      rootPath,
    },
    areas: values.area === undefined ? null : new Set(values.area.split(',')),
    noInternals: values['no-internals'],
    caseName: values.case ?? null,
    strictErrors: values['strict-errors'],
    json: values.json ?? null,
    quiet: values.quiet,
  };
  const { failed } = printSummary(await runAll(files, manifest, options));
  return failed === 0 ? 0 : 1;
}
