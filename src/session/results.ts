/** Building blocks for statement results: static row sets, OK results, SHOW column metadata. */
import type { SqlType, Value } from '../types/index.js';
import { T } from '../types/index.js';
import type { ColumnMeta, OkResult, RowsResult } from './api.js';

/** A SHOW-style column: VARCHAR unless told otherwise. */
export function col(name: string, type: SqlType = T.varchar(64), nullable = true): ColumnMeta {
  return { name, type, nullable };
}

/** Rows already in memory, served as batches of at most 1024. */
export function rowsResult(columns: readonly ColumnMeta[], rows: readonly (readonly Value[])[]): RowsResult {
  return {
    kind: 'rows',
    columns,
    batches: (async function* () {
      for (let i = 0; i < rows.length; i += 1024) yield rows.slice(i, i + 1024);
    })(),
  };
}

export function okResult(affectedRows = 0, info = '', lastInsertId = 0): OkResult {
  return { kind: 'ok', affectedRows, lastInsertId, info };
}

/** MySQL LIKE as a RegExp (`%` any run, `_` one char, backslash escapes). */
export function likeRegExp(pattern: string, caseSensitive: boolean): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '\\' && i + 1 < pattern.length) re += escapeRe(pattern[++i] as string);
    else if (ch === '%') re += '[\\s\\S]*';
    else if (ch === '_') re += '[\\s\\S]';
    else re += escapeRe(ch);
  }
  return new RegExp(`^${re}$`, caseSensitive ? 'u' : 'iu');
}

function escapeRe(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
