/**
 * Structural validation of a form: YAML syntax, then the JSON Schema (ajv) with custom formats for
 * the unit-bearing fields. Messages are written for the business, not for schema authors.
 */
import { Ajv, type ErrorObject } from 'ajv';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { Diagnostic } from './diagnostics.js';
import { typeInfo } from './column-type.js';
import { fromPointer, positionOf, type FormPath } from './positions.js';
import { FORM_SCHEMA } from './schema.js';
import { parseCount, parseDuration, parseRetentionDays, parseSize } from './units.js';

const FORMAT_HINTS: Readonly<Record<string, string>> = {
  size: 'a size such as 5 TB, 100 GB, 512 MB',
  count: 'a count such as 500M, 5亿, 1.2 billion, 200',
  duration: 'a duration such as 10s, 200ms, 5 min, 365 days, T+1',
  retention: 'a retention such as 365 days, 3 years, forever',
  'sr-type': 'a StarRocks column type such as BIGINT, VARCHAR(64), DECIMAL(18,2), DATETIME',
};

let compiled: ReturnType<Ajv['compile']> | undefined;

function validator(): ReturnType<Ajv['compile']> {
  if (compiled !== undefined) return compiled;
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
  ajv.addFormat('size', { type: 'string', validate: (v: string) => parseSize(v) !== undefined });
  ajv.addFormat('count', { type: 'string', validate: (v: string) => parseCount(v) !== undefined });
  ajv.addFormat('duration', { type: 'string', validate: (v: string) => parseDuration(v) !== undefined });
  ajv.addFormat('retention', {
    type: 'string',
    validate: (v: string) => parseRetentionDays(v) !== undefined,
  });
  ajv.addFormat('sr-type', { type: 'string', validate: (v: string) => typeInfo(v) !== undefined });
  compiled = ajv.compile(FORM_SCHEMA);
  return compiled;
}

/** The parsed YAML with what is needed to point at lines. */
export interface ParsedForm {
  readonly doc: Document;
  readonly counter: LineCounter;
  readonly raw: unknown;
}

/** Parse YAML; syntax errors come back as diagnostics. */
export function parseFormYaml(text: string): { parsed?: ParsedForm; diagnostics: Diagnostic[] } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true, uniqueKeys: true });
  const diagnostics: Diagnostic[] = doc.errors.map((e) => ({
    severity: 'error',
    path: [],
    message: `YAML: ${(e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '')}`,
    ...(e.linePos?.[0] === undefined ? {} : { line: e.linePos[0].line, column: e.linePos[0].col }),
  }));
  if (diagnostics.length > 0) return { diagnostics };
  return { parsed: { doc, counter, raw: doc.toJS() }, diagnostics };
}

/** Attach the line/column of `path` (or of its key) to a diagnostic. */
export function at(
  parsed: ParsedForm,
  severity: Diagnostic['severity'],
  path: FormPath,
  message: string,
  atKey = false,
): Diagnostic {
  const pos = positionOf(parsed.doc, parsed.counter, path, atKey);
  return { severity, path, message, ...(pos === undefined ? {} : { line: pos.line, column: pos.column }) };
}

/** Schema validation → diagnostics (one per problem, deduplicated). */
export function validateSchema(parsed: ParsedForm): Diagnostic[] {
  const validate = validator();
  if (validate(parsed.raw)) return [];
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const errors = validate.errors ?? [];
  // An enum failure explains a value better than the "must be array" of the other anyOf branch.
  const enumPaths = new Set(errors.filter((e) => e.keyword === 'enum').map((e) => e.instancePath));
  for (const error of errors) {
    if (error.keyword === 'type' && enumPaths.has(error.instancePath)) continue;
    const d = describe(parsed, error);
    if (d === undefined) continue;
    const key = `${d.path.join('/')}|${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

function describe(parsed: ParsedForm, error: ErrorObject): Diagnostic | undefined {
  const path = fromPointer(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return at(parsed, 'error', path, `missing required field '${String(params['missingProperty'])}'`);
    case 'additionalProperties': {
      const name = String(params['additionalProperty']);
      return at(parsed, 'error', [...path, name], `unknown field '${name}'`, true);
    }
    case 'format': {
      const hint = FORMAT_HINTS[String(params['format'])] ?? String(params['format']);
      const value = valueAt(parsed.raw, path);
      const comma =
        typeof value === 'string' && value.includes('(') && !value.includes(')')
          ? ' (inside { } write types with a comma in quotes: "DECIMAL(18,2)")'
          : '';
      return at(parsed, 'error', path, `${JSON.stringify(value)} is not ${hint}${comma}`);
    }
    case 'minProperties':
      return at(
        parsed,
        'error',
        path,
        `give at least one of: ${Object.keys(schemaProperties(error)).join(', ')}`,
      );
    case 'enum':
      return at(
        parsed,
        'error',
        path,
        `${JSON.stringify(valueAt(parsed.raw, path))} is not one of: ${(params['allowedValues'] as unknown[]).join(', ')}`,
      );
    case 'type':
      return at(parsed, 'error', path, `must be ${String(params['type']).replace(',', ' or ')}`);
    case 'pattern':
      return at(parsed, 'error', path, `${JSON.stringify(valueAt(parsed.raw, path))} is not a valid name`);
    case 'exclusiveMinimum':
      return at(parsed, 'error', path, `must be greater than ${String(params['limit'])}`);
    case 'anyOf':
      // The branches' own errors say more; anyOf alone is reported only for scalars of a wrong kind.
      return undefined;
    default:
      return at(parsed, 'error', path, error.message ?? error.keyword);
  }
}

function schemaProperties(error: ErrorObject): Record<string, unknown> {
  const schema = error.parentSchema as { properties?: Record<string, unknown> } | undefined;
  return schema?.properties ?? {};
}

/** The raw value at a path (for messages). */
export function valueAt(raw: unknown, path: FormPath): unknown {
  let node: unknown = raw;
  for (const part of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}
