/**
 * sqllogictest files (DuckDB's dialect of the format):
 *
 *   # comment
 *   statement ok | statement error [errno | message fragment]
 *   <sql, one or more lines>
 *   [----
 *   <expected error message fragment>]
 *
 *   query <types> [nosort|rowsort|valuesort] [label]
 *   <sql>
 *   ----
 *   <rows, columns separated by a TAB; NULL for null, (empty) for '' >
 *
 *   restart        close and reopen the database on the same data directory
 *   halt           stop reading the file
 *
 * Records are separated by blank lines.
 */

export type SortMode = 'nosort' | 'rowsort' | 'valuesort';

export type SltRecord =
  | { readonly kind: 'statement-ok'; readonly sql: string; readonly line: number }
  | {
      readonly kind: 'statement-error';
      readonly sql: string;
      readonly line: number;
      /** Expected errno, or a fragment the message must contain, or null for "any error". */
      readonly errno: number | null;
      readonly fragment: string | null;
    }
  | {
      readonly kind: 'query';
      readonly sql: string;
      readonly line: number;
      readonly types: string;
      readonly sort: SortMode;
      readonly label: string | null;
      readonly expected: readonly string[];
    }
  | { readonly kind: 'restart'; readonly line: number }
  | { readonly kind: 'halt'; readonly line: number };

export class SltParseError extends Error {
  override readonly name = 'SltParseError';
}

/** Split the file into records; throws SltParseError on malformed headers. */
export function parseSlt(text: string, file = '<slt>'): SltRecord[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const records: SltRecord[] = [];
  let i = 0;
  const blank = (l: string | undefined): boolean => l === undefined || l.trim() === '';
  while (i < lines.length) {
    const raw = lines[i] as string;
    const header = raw.trim();
    const lineNo = i + 1;
    i++;
    if (header === '' || header.startsWith('#')) continue;
    const words = header.split(/\s+/);
    const sqlLines: string[] = [];
    const readSql = (): void => {
      while (i < lines.length && !blank(lines[i]) && (lines[i] as string).trim() !== '----') {
        sqlLines.push(lines[i] as string);
        i++;
      }
      if (sqlLines.length === 0) throw new SltParseError(`${file}:${lineNo}: record without SQL`);
    };
    const readBlock = (): string[] => {
      const out: string[] = [];
      if (i < lines.length && (lines[i] as string).trim() === '----') {
        i++;
        while (i < lines.length && !blank(lines[i])) out.push(lines[i++] as string);
      }
      return out;
    };
    switch (words[0]) {
      case 'restart':
        records.push({ kind: 'restart', line: lineNo });
        break;
      case 'halt':
        records.push({ kind: 'halt', line: lineNo });
        break;
      case 'statement': {
        readSql();
        const sql = sqlLines.join('\n');
        if (words[1] === 'ok') {
          records.push({ kind: 'statement-ok', sql, line: lineNo });
        } else if (words[1] === 'error') {
          const rest = header.split(/\s+/).slice(2).join(' ');
          const block = readBlock().join('\n').trim();
          const errno = /^\d+$/.test(rest) ? Number(rest) : null;
          const fragment = errno === null && rest !== '' ? rest : block !== '' ? block : null;
          records.push({ kind: 'statement-error', sql, line: lineNo, errno, fragment });
        } else throw new SltParseError(`${file}:${lineNo}: expected 'statement ok' or 'statement error'`);
        break;
      }
      case 'query': {
        const types = words[1];
        if (types === undefined || !/^[ITRB]+$/.test(types))
          throw new SltParseError(`${file}:${lineNo}: query needs column types (I, T, R, B)`);
        let sort: SortMode = 'nosort';
        let label: string | null = null;
        for (const w of words.slice(2)) {
          if (w === 'nosort' || w === 'rowsort' || w === 'valuesort') sort = w;
          else label = w;
        }
        readSql();
        records.push({
          kind: 'query',
          sql: sqlLines.join('\n'),
          line: lineNo,
          types,
          sort,
          label,
          expected: readBlock(),
        });
        break;
      }
      default:
        throw new SltParseError(`${file}:${lineNo}: unknown record '${words[0]}'`);
    }
  }
  return records;
}
