/** Diagnostics of `rockling onboard check`: what is wrong, where, and how bad. */
import type { FormPath } from './positions.js';
import { pathText } from './positions.js';

export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly path: FormPath;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/** `form.yaml:12:5: error: sources[1]: missing required field 'kind'` */
export function formatDiagnostic(file: string, d: Diagnostic): string {
  const where = d.line === undefined ? file : `${file}:${d.line}:${d.column ?? 1}`;
  return `${where}: ${d.severity}: ${pathText(d.path)}: ${d.message}`;
}

/** Errors first, then by line. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0),
  );
}
