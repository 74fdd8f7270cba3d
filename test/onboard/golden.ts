/**
 * Golden-file helper: compares generated text with test/onboard/golden/<name>; with
 * UPDATE_GOLDEN=1 it rewrites the golden instead (review the diff before committing).
 */
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const GOLDEN_DIR = join(HERE, 'golden');
export const FORMS_DIR = join(HERE, 'forms');

export async function expectGolden(name: string, actual: string): Promise<void> {
  const path = join(GOLDEN_DIR, name);
  if (process.env['UPDATE_GOLDEN'] === '1') {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, actual);
    return;
  }
  let expected: string;
  try {
    expected = await readFile(path, 'utf8');
  } catch {
    assert.fail(`golden file ${name} is missing: run with UPDATE_GOLDEN=1 and review it`);
  }
  assert.equal(
    actual,
    expected,
    `${name} differs from its golden file (UPDATE_GOLDEN=1 to accept after review)`,
  );
}
