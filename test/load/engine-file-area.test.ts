import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { Engine } from '../../src/engine/index.js';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('engine load file area', () => {
  test('DuckDB reads files in the load area only, and settings stay locked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rockling-fa-'));
    dirs.push(dir);
    const engine = await Engine.open({ path: join(dir, 'db.duckdb') });
    try {
      assert.equal(engine.fileArea, `${join(dir, 'db.duckdb')}.load/`);
      writeFileSync(join(engine.fileArea, 'a.csv'), '1\tx\n2\ty\n');
      writeFileSync(join(dir, 'outside.csv'), '1\n');
      const { rows } = await engine.queryAll(
        `SELECT count(*) FROM read_csv('${engine.fileArea}a.csv', delim='\t', header=false, auto_detect=false, columns={'a':'VARCHAR','b':'VARCHAR'})`,
      );
      assert.equal(Number(rows[0]?.[0]), 2);
      await assert.rejects(
        engine.queryAll(`SELECT * FROM read_csv('${join(dir, 'outside.csv')}')`),
        /disabled|Permission/i,
      );
      await assert.rejects(
        engine.queryAll(`SELECT * FROM read_csv('${engine.fileArea}../outside.csv')`),
        /disabled|Permission/i,
      );
      await assert.rejects(engine.execute('SET enable_external_access = true'), /locked/);
      await assert.rejects(engine.execute(`SET allowed_directories = ['/']`), /locked/);
    } finally {
      await engine.close();
    }
  });

  test('an in-memory engine gets a private area removed on close', async () => {
    const engine = await Engine.open({ path: null });
    const area = engine.fileArea;
    assert.ok(existsSync(area));
    await engine.close();
    assert.ok(!existsSync(area));
  });
});
