/**
 * Runs every test/slt/*.slt file in-process (a fresh data directory each, `restart` reopens it).
 * ROCKLING_SLT_WIRE=1 also runs them over the MySQL protocol against a `rockling serve` process.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { formatReport, inProcessTarget, runSlt, wireTarget, type SltTarget } from '../../src/testing/slt/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here).filter((f) => f.endsWith('.slt')).sort();
const modes: ('in-process' | 'wire')[] = process.env.ROCKLING_SLT_WIRE === '1' ? ['in-process', 'wire'] : ['in-process'];

for (const mode of modes) {
  describe(`sqllogictest (${mode})`, () => {
    for (const file of files) {
      test(file, async () => {
        const dir = mkdtempSync(join(tmpdir(), 'rockling-slt-'));
        let target: SltTarget | null = null;
        try {
          target = mode === 'wire' ? await wireTarget(dir) : await inProcessTarget(dir);
          const report = await runSlt(readFileSync(join(here, file), 'utf8'), file, target);
          assert.ok(report.records > 0, 'the file has records');
          assert.equal(report.failures.length, 0, `\n${formatReport(report)}`);
        } finally {
          await target?.close();
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  });
}
