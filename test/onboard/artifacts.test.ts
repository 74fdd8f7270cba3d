/**
 * The generated artifacts checked by the real tools: `promtool check rules` (Debian prometheus),
 * the Grafana dashboard against our JSON schema (ajv), plan.html rendered by headless Chromium,
 * and every statement of tables.sql / loads.sql / resource-group.sql parsed by Rockling's parser.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { Ajv } from 'ajv';
import { parseStatements } from '../../src/sql/index.js';
import { makePlan, type Plan } from '../../src/tools/onboard/design/index.js';
import { checkFormFile, checkFormText, EXAMPLE_FORM } from '../../src/tools/onboard/form/index.js';
import { dashboard, writePlan } from '../../src/tools/onboard/render/index.js';
import { FORMS_DIR, HERE } from './golden.js';

const run = promisify(execFile);
let dir: string;
const plans = new Map<string, Plan>();

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rockling-onboard-artifacts-'));
  const seed = await checkFormText(EXAMPLE_FORM, FORMS_DIR);
  assert.ok(seed.form);
  plans.set('seed', makePlan(seed.form));
  for (const f of (await readdir(FORMS_DIR)).filter((x) => x.endsWith('.yaml') && !x.startsWith('bad-'))) {
    const r = await checkFormFile(join(FORMS_DIR, f));
    assert.ok(r.form, f);
    plans.set(f.replace(/\.yaml$/, ''), makePlan(r.form));
  }
  for (const [name, plan] of plans) await writePlan(plan, join(dir, name), 'starrocks');
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('promtool check rules accepts every prometheus-rules.yml (and rejects a broken one)', async () => {
  const files = [...plans.keys()].map((n) => join(dir, n, 'prometheus-rules.yml'));
  const { stdout } = await run('promtool', ['check', 'rules', ...files]);
  assert.equal(stdout.match(/SUCCESS: \d+ rules found/g)?.length, files.length, stdout);
  const broken = join(dir, 'broken-rules.yml');
  const text = await readFile(files[0] ?? '', 'utf8');
  await writeFile(broken, text.replace('up{group="fe"} == 0', 'up{group="fe" == 0'));
  await assert.rejects(run('promtool', ['check', 'rules', broken]), /parse error|unexpected/);
});

test('every grafana-dashboard.json validates against our Grafana dashboard schema', async () => {
  const schema = JSON.parse(
    await readFile(join(HERE, 'schemas', 'grafana-dashboard.schema.json'), 'utf8'),
  ) as object;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  for (const name of plans.keys()) {
    const json = JSON.parse(await readFile(join(dir, name, 'grafana-dashboard.json'), 'utf8')) as {
      panels: Array<{ id: number; gridPos: { x: number; y: number; w: number; h: number } }>;
    };
    assert.ok(validate(json), `${name}: ${JSON.stringify(validate.errors)}`);
    // Panels must not overlap on Grafana's grid, and ids are unique.
    const cells = new Set<string>();
    for (const p of json.panels) {
      for (let x = p.gridPos.x; x < p.gridPos.x + p.gridPos.w; x++) {
        for (let y = p.gridPos.y; y < p.gridPos.y + p.gridPos.h; y++) {
          assert.ok(!cells.has(`${x},${y}`), `${name}: panel ${p.id} overlaps at ${x},${y}`);
          cells.add(`${x},${y}`);
        }
      }
    }
    assert.equal(new Set(json.panels.map((p) => p.id)).size, json.panels.length);
  }
  const bad = { ...dashboard(plans.get('seed') as Plan), panels: [] };
  assert.equal(validate(bad), false);
});

test('plan.html renders in headless Chromium (screenshot is non-trivial)', async () => {
  const png = join(dir, 'plan.png');
  const profile = join(dir, 'chromium-profile');
  await run(
    'chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--user-data-dir=${profile}`,
      `--screenshot=${png}`,
      '--window-size=1200,2000',
      `file://${join(dir, 'seed', 'plan.html')}`,
    ],
    { timeout: 60_000 },
  );
  const bytes = await readFile(png);
  assert.equal(bytes.subarray(1, 4).toString(), 'PNG');
  assert.equal(bytes.readUInt32BE(16), 1200); // IHDR width
  assert.equal(bytes.readUInt32BE(20), 2000); // IHDR height
  // A blank 1200×2000 page compresses to a few KB; charts and tables make it far larger.
  assert.ok((await stat(png)).size > 60_000, `screenshot only ${(await stat(png)).size} bytes`);
  const html = await readFile(join(dir, 'seed', 'plan.html'), 'utf8');
  assert.equal(html.match(/<svg /g)?.length, 3);
  assert.doesNotMatch(html, /<script|https?:\/\/(?!www\.w3\.org)/);
});

test("every generated statement parses with Rockling's parser", async () => {
  const kinds = new Map<string, number>();
  for (const name of plans.keys()) {
    for (const file of ['tables.sql', 'loads.sql', 'resource-group.sql']) {
      const text = await readFile(join(dir, name, file), 'utf8');
      const statements = parseStatements(text) as ReadonlyArray<{
        statement: { kind: string; feature?: string };
      }>;
      for (const s of statements) {
        const key =
          s.statement.kind === 'generic' ? `generic:${s.statement.feature ?? ''}` : s.statement.kind;
        kinds.set(key, (kinds.get(key) ?? 0) + 1);
        if (file === 'tables.sql') assert.notEqual(s.statement.kind, 'generic', `${name}/${file}`);
      }
    }
  }
  // Tables and MVs parse to real DDL nodes; load jobs and resource groups are StarRocks statements
  // Rockling keeps as `generic` (executed as "not supported") — the list of differences.
  assert.deepEqual([...kinds.keys()].sort(), [
    'create-database',
    'create-materialized-view',
    'create-table',
    'generic:CREATE EXTERNAL CATALOG',
    'generic:CREATE RESOURCE GROUP',
    'generic:CREATE ROUTINE LOAD',
    'generic:LOAD',
    'insert',
  ]);
});
