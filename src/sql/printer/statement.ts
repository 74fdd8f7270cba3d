/** Statement printer: dispatches on the statement kind. */
import type { AstStatement } from '../ast/index.js';
import { printQuery } from './query.js';
import { printOtherStatement } from './statements.js';

/** Print a statement as StarRocks SQL (parse → print → parse yields an equal AST). */
export function printStatement(s: AstStatement): string {
  switch (s.kind) {
    case 'query':
      return printQuery(s);
    default:
      return printOtherStatement(s);
  }
}
