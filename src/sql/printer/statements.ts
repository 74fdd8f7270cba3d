/** Printers for the non-query statements. */
import type { AstStatement } from '../ast/index.js';
import { qname } from './quote.js';
import { printQuery } from './query.js';

export function printOtherStatement(s: AstStatement): string {
  switch (s.kind) {
    case 'explain': {
      const level = s.level === 'normal' ? '' : `${s.level.toUpperCase()} `;
      const inner = s.statement.kind === 'query' ? printQuery(s.statement) : printOtherStatement(s.statement);
      return `EXPLAIN ${level}${inner}`;
    }
    case 'describe':
      return `DESC ${qname(s.table.parts)}${s.all ? ' ALL' : ''}`;
    case 'generic':
      return s.text;
    default:
      return `/* ${s.kind} */`;
  }
}
