/** The application form: read, check, normalise. */
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { sortDiagnostics, type Diagnostic } from './diagnostics.js';
import type { Form } from './model.js';
import { normaliseForm } from './normalise.js';
import { parseFormYaml, validateSchema } from './validate.js';

export type { Diagnostic } from './diagnostics.js';
export { formatDiagnostic } from './diagnostics.js';
export type * from './model.js';
export { FORM_SCHEMA } from './schema.js';
export { EXAMPLE_FORM, BLANK_FORM } from './example.js';

export interface CheckResult {
  readonly form?: Form;
  /** Errors first, then warnings, each with a line when one can be pointed at. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Check a form's text; `baseDir` resolves sample files. */
export async function checkFormText(text: string, baseDir: string): Promise<CheckResult> {
  const { parsed, diagnostics } = parseFormYaml(text);
  if (parsed === undefined) return { diagnostics };
  if (typeof parsed.raw !== 'object' || parsed.raw === null || Array.isArray(parsed.raw)) {
    return {
      diagnostics: [{ severity: 'error', path: [], message: 'the form must be a YAML mapping', line: 1 }],
    };
  }
  const schema = validateSchema(parsed);
  if (schema.length > 0) return { diagnostics: sortDiagnostics(schema) };
  const result = await normaliseForm(parsed, baseDir);
  return {
    ...(result.form === undefined ? {} : { form: result.form }),
    diagnostics: sortDiagnostics(result.diagnostics),
  };
}

/** Check a form file. */
export async function checkFormFile(path: string): Promise<CheckResult> {
  return checkFormText(await readFile(path, 'utf8'), dirname(path));
}
